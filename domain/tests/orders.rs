//! Click & collect (`domain::orders`) on SQLite and PostgreSQL: a basket across two shops
//! becomes one order per shop with its stock reserved and its e-mails queued; 50 simultaneous
//! checkouts of the last unit sell it once; a replayed form places nothing twice; bad input
//! writes nothing; the status flow with its authorisation matrix, stock returning exactly once;
//! lapsing and the no-show rule by the injected clock; the limits per address and network, also
//! under 40 simultaneous checkouts; the shop's e-mail at each new order, in its own words;
//! questions
//! answered from the shop's e-mail; personal data erased after a year.

mod support;

use chrono::{DateTime, Duration, Utc};
use common::orders::{MerchantAction, OrderStatus};
use common::Lang;
use domain::mail::Notifier;
use domain::orders::checkout::{self, Line, Request};
use domain::orders::{ask, basket, flow, jobs, read};
use domain::DomainError;
use entity::{business, checkout as checkout_row, email_outbox, order, product};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};
use support::people::{people, People};
use support::*;

const BASE: &str = "https://vitrine.example";

fn now() -> DateTime<Utc> {
    saturday_morning()
}

async fn setup(db: &TestDb) -> People {
    seeded(db, now()).await;
    people(&db.db).await
}

/// A visible, reservable product of `shop` with `quantity` in stock, confirmed now.
async fn product(db: &DatabaseConnection, shop: i32, name: &str, price: Option<i64>, quantity: i32) -> i32 {
    product::ActiveModel {
        business_id: Set(shop),
        name_fr: Set(name.into()),
        sort_name: Set(name.to_lowercase()),
        price_cents: Set(price),
        visible: Set(true),
        stock: Set("quantity".into()),
        quantity: Set(Some(quantity)),
        stock_confirmed_at: Set(Some(now())),
        reservable: Set(true),
        created_at: Set(now()),
        updated_at: Set(now()),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

async fn stock(db: &DatabaseConnection, id: i32) -> i32 {
    product::Entity::find_by_id(id).one(db).await.unwrap().unwrap().quantity.unwrap()
}

/// The shop's slots at `at` (the first days that have some).
async fn slots(db: &DatabaseConnection, shop: i32, at: DateTime<Utc>) -> Vec<String> {
    let row = business::Entity::find_by_id(shop).one(db).await.unwrap().unwrap();
    let today = domain::clock::today_in_brussels(at);
    let schedules = domain::directory::schedules(db, &[&row], today, Lang::Fr).await.unwrap();
    let settings = domain::orders::settings(db, shop).await.unwrap();
    domain::orders::slots::slot_days(&schedules[&shop], &settings, at)
        .into_iter()
        .flat_map(|d| d.slots.into_iter().map(|s| s.value))
        .collect()
}

fn key(n: u32) -> String {
    // 43 URL-safe characters, like the form's random key.
    format!("{n:0>43}")
}

async fn request(db: &DatabaseConnection, n: u32, lines: &[(i32, i32, u32)], at: DateTime<Utc>) -> Request {
    let mut shop_slots = Vec::new();
    for &(shop, _, _) in lines {
        if !shop_slots.iter().any(|(s, _)| *s == shop) {
            shop_slots.push((shop, slots(db, shop, at).await[0].clone()));
        }
    }
    let mut lines_out = Vec::new();
    for &(_, product_id, quantity) in lines {
        let price = product::Entity::find_by_id(product_id).one(db).await.unwrap().unwrap().price_cents;
        lines_out.push(Line { product_id, quantity, price_seen_cents: price });
    }
    Request {
        key: key(n),
        name: format!("Client {n}"),
        email: format!("client{n}@example.be"),
        phone: "0470 12 34 56".into(),
        lang: Lang::Fr,
        lines: lines_out,
        slots: shop_slots,
        client_ip: format!("10.0.{}.{}", n / 250, n % 250 + 1),
        basket: None,
        base_url: BASE.into(),
    }
}

fn problems(error: DomainError) -> Vec<(String, String)> {
    match error {
        DomainError::Invalid(problems) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

async fn queued(db: &DatabaseConnection, kind: &str, to: &str) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find()
        .filter(email_outbox::Column::Kind.eq(kind))
        .filter(email_outbox::Column::Recipient.eq(to))
        .all(db)
        .await
        .unwrap()
}

async fn status(db: &DatabaseConnection, id: i32) -> OrderStatus {
    OrderStatus::from_code(&order::Entity::find_by_id(id).one(db).await.unwrap().unwrap().status).unwrap()
}

#[tokio::test]
async fn a_basket_across_two_shops_becomes_one_order_per_shop() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let bonnet = product(&db.db, p.shop, "Bonnet en laine", Some(2490), 3).await;
        let pain = product(&db.db, p.other_shop, "Pain de seigle", None, 10).await;
        // The basket, as the shopper fills it.
        let token = basket::add(&db.db, None, bonnet, 2, now()).await.unwrap();
        assert_eq!(basket::add(&db.db, Some(&token), pain, 1, now()).await.unwrap(), token);
        basket::add(&db.db, Some(&token), bonnet, 5, now()).await.unwrap();
        let view = basket::view(&db.db, Some(&token), Lang::Fr, now()).await.unwrap();
        assert_eq!(view.shops.len(), 2);
        let line = view.shops.iter().flat_map(|s| &s.lines).find(|l| l.product_id == bonnet).unwrap();
        assert_eq!((line.quantity, line.available), (3, 3), "capped by the stock");
        assert!(view.shops.iter().all(|s| !s.slot_days.is_empty()));

        // The price changes after adding: shown, then the checkout with the old price is refused.
        product::Entity::update_many()
            .col_expr(product::Column::PriceCents, sea_orm::sea_query::Expr::value(2290i64))
            .filter(product::Column::Id.eq(bonnet))
            .exec(&db.db)
            .await
            .unwrap();
        let view = basket::view(&db.db, Some(&token), Lang::Fr, now()).await.unwrap();
        assert!(view.changed);
        let line = view.shops.iter().flat_map(|s| &s.lines).find(|l| l.product_id == bonnet).unwrap();
        assert_eq!((line.unit_price_cents, line.price_was_cents), (Some(2290), Some(Some(2490))));
        let mut req = request(&db.db, 1, &[(p.shop, bonnet, 3), (p.other_shop, pain, 1)], now()).await;
        req.basket = Some(token.clone());
        let mut stale = req.clone();
        stale.lines[0].price_seen_cents = Some(2490);
        assert_eq!(problems(checkout::place(&db.db, &stale, now(), &Notifier::new()).await.unwrap_err()), vec![(
            format!("product-{bonnet}"),
            "price_changed".into()
        )]);
        assert_eq!(stock(&db.db, bonnet).await, 3, "a refused checkout reserves nothing");

        let placed = checkout::place(&db.db, &req, now(), &Notifier::new()).await.unwrap();
        assert_eq!(placed.order_ids.len(), 2);
        assert!(!placed.replayed);
        assert_eq!((stock(&db.db, bonnet).await, stock(&db.db, pain).await), (0, 9));
        let orders = read::by_link(&db.db, &placed.token).await.unwrap();
        assert!(orders.iter().all(|o| o.status == OrderStatus::New));
        let shop_order = orders.iter().find(|o| o.business_id == p.shop).unwrap();
        assert_eq!((shop_order.total_cents, shop_order.has_unpriced), (3 * 2290, false));
        let bakery = orders.iter().find(|o| o.business_id == p.other_shop).unwrap();
        assert_eq!((bakery.total_cents, bakery.has_unpriced), (0, true), "price in the shop");
        assert!(orders.iter().all(|o| o.shopper_email.is_empty()), "the shopper's page shows no personal data back");
        // A snapshot: renaming the product or the shop later does not change the order.
        product::Entity::update_many()
            .col_expr(product::Column::NameFr, sea_orm::sea_query::Expr::value("Autre chose"))
            .filter(product::Column::Id.eq(bonnet))
            .exec(&db.db)
            .await
            .unwrap();
        let again = read::by_link(&db.db, &placed.token).await.unwrap();
        assert_eq!(again.iter().find(|o| o.business_id == p.shop).unwrap().lines[0].name, "Bonnet en laine");
        assert!(basket::view(&db.db, Some(&token), Lang::Fr, now()).await.unwrap().is_empty(), "the basket is emptied");
        let mails = queued(&db.db, "order_placed", "client1@example.be").await;
        assert_eq!(mails.len(), 1);
        assert!(mails[0].body_text.contains(&format!("{BASE}/commande/{}", placed.token)), "{}", mails[0].body_text);
        // The calendar file of a collection.
        let ics = read::calendar(&db.db, &placed.token, shop_order.id, BASE, Lang::Fr).await.unwrap();
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.contains("DTSTART:2026"), "{ics}");
        assert_eq!(read::calendar(&db.db, &key(99).replace('0', "x"), shop_order.id, BASE, Lang::Fr).await.unwrap_err().to_string(), "not found");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_checkouts_of_the_last_unit_sell_it_once() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let last = product(&db.db, p.shop, "Dernière lampe", Some(4500), 1).await;
        let mut requests = Vec::new();
        for n in 0..50 {
            requests.push(request(&db.db, 100 + n, &[(p.shop, last, 1)], now()).await);
        }
        let mut placed = 0;
        for outcome in race(&db.db, requests).await {
            match outcome {
                Ok(_) => placed += 1,
                Err(error) => {
                    let problems = problems(error);
                    assert_eq!(problems[0].1, "no_longer_available", "{problems:?}");
                }
            }
        }
        assert_eq!(placed, 1, "exactly one checkout got the last unit");
        assert_eq!(stock(&db.db, last).await, 0);
        assert_eq!(order::Entity::find().filter(order::Column::BusinessId.eq(p.shop)).count(&db.db).await.unwrap(), 1);
        // And the database itself refuses a count below zero, whatever writes it.
        let below = product::Entity::update_many()
            .col_expr(product::Column::Quantity, sea_orm::sea_query::Expr::value(-1))
            .filter(product::Column::Id.eq(last))
            .exec(&db.db)
            .await;
        assert!(below.is_err(), "CHECK (quantity >= 0)");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_replayed_or_double_clicked_form_places_one_order() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let id = product(&db.db, p.shop, "Écharpe", Some(1500), 5).await;
        let req = request(&db.db, 7, &[(p.shop, id, 1)], now()).await;
        // A double click: the same form twice at once.
        let (a, b) = tokio::join!(
            {
                let (db, req) = (db.db.clone(), req.clone());
                tokio::spawn(async move { checkout::place(&db, &req, now(), &Notifier::new()).await })
            },
            {
                let (db, req) = (db.db.clone(), req.clone());
                tokio::spawn(async move { checkout::place(&db, &req, now(), &Notifier::new()).await })
            }
        );
        let (a, b) = (a.unwrap().unwrap(), b.unwrap().unwrap());
        assert_eq!(a.token, b.token);
        assert_eq!(a.order_ids, b.order_ids);
        assert!(a.replayed != b.replayed, "one placed, the other found it");
        // A replay later, even after the stock ran out.
        let replay = checkout::place(&db.db, &req, now() + Duration::minutes(5), &Notifier::new()).await.unwrap();
        assert!(replay.replayed);
        assert_eq!(replay.token, a.token);
        assert_eq!(stock(&db.db, id).await, 4, "one unit taken");
        assert_eq!(checkout_row::Entity::find().count(&db.db).await.unwrap(), 1);
        assert_eq!(queued(&db.db, "order_placed", "client7@example.be").await.len(), 1, "one e-mail");
    })
    .await;
}

#[tokio::test]
async fn bad_input_is_refused_and_writes_nothing() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let id = product(&db.db, p.shop, "Gants", Some(1900), 5).await;
        let other = product(&db.db, p.other_shop, "Tarte", Some(900), 5).await;
        let hidden = product(&db.db, p.shop, "Caché", Some(100), 5).await;
        product::Entity::update_many()
            .col_expr(product::Column::Visible, sea_orm::sea_query::Expr::value(false))
            .filter(product::Column::Id.eq(hidden))
            .exec(&db.db)
            .await
            .unwrap();
        let good = request(&db.db, 3, &[(p.shop, id, 1)], now()).await;
        let sunday_night = "2026-11-29T23:30".to_string();
        let cases: Vec<(Request, &str)> = vec![
            (Request { lines: vec![Line { quantity: 0, ..good.lines[0].clone() }], ..good.clone() }, "quantity_out_of_range"),
            (Request { lines: vec![Line { quantity: 1_000_000, ..good.lines[0].clone() }], ..good.clone() }, "quantity_out_of_range"),
            (Request { lines: vec![Line { quantity: 6, ..good.lines[0].clone() }], ..good.clone() }, "only_left"),
            (Request { lines: vec![Line { product_id: 999_999, ..good.lines[0].clone() }], ..good.clone() }, "product_unknown"),
            (Request { lines: vec![Line { product_id: hidden, ..good.lines[0].clone() }], ..good.clone() }, "product_unknown"),
            (Request { lines: vec![good.lines[0].clone(), good.lines[0].clone()], ..good.clone() }, "basket_tampered"),
            (Request { lines: vec![], ..good.clone() }, "basket_empty"),
            (Request { slots: vec![(p.shop, sunday_night)], ..good.clone() }, "slot_unavailable"),
            (Request { slots: vec![(p.shop, "2026-11-27T10:00".into())], ..good.clone() }, "slot_unavailable"),
            // The calendar's first day, which has none before it.
            (Request { slots: vec![(p.shop, "-262143-01-01T10:00".into())], ..good.clone() }, "slot_unavailable"),
            (Request { slots: vec![(p.shop, "+262142-12-31T10:00".into())], ..good.clone() }, "slot_unavailable"),
            (Request { slots: vec![], ..good.clone() }, "slot_required"),
            // Another shop's slot for this shop's product: the slot is missing for this shop.
            (Request { slots: vec![(p.other_shop, good.slots[0].1.clone())], ..good.clone() }, "slot_required"),
            (Request { email: "pas-une-adresse".into(), ..good.clone() }, "email_invalid"),
            (Request { phone: "appelez-moi".into(), ..good.clone() }, "phone_invalid"),
            (Request { name: "x".repeat(5 * 1024 * 1024), ..good.clone() }, "too_long"),
            (Request { key: "court".into(), ..good.clone() }, "form_expired"),
        ];
        for (bad, expected) in cases {
            let error = checkout::place(&db.db, &bad, now(), &Notifier::new()).await.unwrap_err();
            let found = problems(error);
            assert!(found.iter().any(|(_, problem)| problem == expected), "{expected}: {found:?}");
        }
        // A line of another shop's product is its own order: not a way into this shop's stock.
        let mixed = request(&db.db, 4, &[(p.shop, id, 1), (p.other_shop, other, 1)], now()).await;
        assert_eq!(checkout::place(&db.db, &mixed, now(), &Notifier::new()).await.unwrap().order_ids.len(), 2);
        assert_eq!(order::Entity::find().count(&db.db).await.unwrap(), 2, "only the good checkout wrote");
        assert_eq!(stock(&db.db, id).await, 4);
        // The basket refuses the same things.
        assert!(basket::add(&db.db, None, hidden, 1, now()).await.is_err());
        assert!(basket::add(&db.db, None, id, 0, now()).await.is_err());
        assert!(basket::add(&db.db, None, id, 21, now()).await.is_err());
        assert!(basket::add(&db.db, None, 999_999, 1, now()).await.is_err());
    })
    .await;
}

#[tokio::test]
async fn the_shop_moves_orders_through_their_statuses_and_only_its_people_may() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let id = product(&db.db, p.shop, "Casquette", Some(1200), 4).await;
        let placed = checkout::place(&db.db, &request(&db.db, 11, &[(p.shop, id, 2)], now()).await, now(), &Notifier::new())
            .await
            .unwrap();
        let order_id = placed.order_ids[0];
        let act = |actor, business, action, reason: &'static str| {
            let db = db.db.clone();
            async move { flow::merchant_act(&db, actor, business, order_id, action, reason, BASE, now(), &Notifier::new()).await }
        };
        // Who may: nobody outside the shop; the wrong shop's id finds nothing.
        assert!(matches!(act(None, p.shop, MerchantAction::Accept, "").await, Err(DomainError::Unauthenticated)));
        assert!(matches!(act(Some(&p.other_owner), p.shop, MerchantAction::Accept, "").await, Err(DomainError::Forbidden)));
        assert!(matches!(act(Some(&p.other_owner), p.other_shop, MerchantAction::Accept, "").await, Err(DomainError::NotFound)));
        assert!(read::inbox(&db.db, Some(&p.other_owner), p.shop, read::Inbox::Open).await.is_err());
        let inbox = read::inbox(&db.db, Some(&p.staff), p.shop, read::Inbox::Open).await.unwrap();
        assert_eq!((inbox.len(), inbox[0].shopper_email.as_str()), (1, "client11@example.be"));
        // The flow, by staff, owner and administrator alike.
        assert_eq!(act(Some(&p.staff), p.shop, MerchantAction::Accept, "").await.unwrap(), OrderStatus::Accepted);
        assert!(matches!(act(Some(&p.owner), p.shop, MerchantAction::Accept, "").await, Err(DomainError::Conflict)));
        assert_eq!(act(Some(&p.owner), p.shop, MerchantAction::Ready, "").await.unwrap(), OrderStatus::Ready);
        // Ready: the shopper can no longer cancel.
        assert!(matches!(flow::cancel(&db.db, &placed.token, order_id, BASE, now(), &Notifier::new()).await, Err(DomainError::Conflict)));
        assert_eq!(act(Some(&p.admin), p.shop, MerchantAction::Collected, "").await.unwrap(), OrderStatus::Collected);
        assert_eq!(stock(&db.db, id).await, 2, "a collected order keeps its stock sold");
        assert_eq!(queued(&db.db, "order_status", "client11@example.be").await.len(), 3, "one e-mail per change");
        let figures = read::figures(&db.db, Some(&p.owner), p.shop, now().date_naive(), now().date_naive() + Duration::days(1))
            .await
            .unwrap();
        assert_eq!((figures.made, figures.collected, figures.collected_cents), (1, 1, 2400));

        // Declining needs a reason and returns the stock, once.
        let second = checkout::place(&db.db, &request(&db.db, 12, &[(p.shop, id, 2)], now()).await, now(), &Notifier::new())
            .await
            .unwrap();
        assert_eq!(stock(&db.db, id).await, 0);
        let decline = |reason: &'static str| {
            let db = db.db.clone();
            let owner = p.owner.clone();
            let shop = p.shop;
            let id = second.order_ids[0];
            async move { flow::merchant_act(&db, Some(&owner), shop, id, MerchantAction::Decline, reason, BASE, now(), &Notifier::new()).await }
        };
        assert_eq!(problems(decline("  ").await.unwrap_err())[0].1, "required");
        assert_eq!(decline("Rupture chez le fournisseur").await.unwrap(), OrderStatus::Declined);
        assert!(matches!(decline("encore").await, Err(DomainError::Conflict)));
        assert_eq!(stock(&db.db, id).await, 2, "stock returned exactly once");

        // The shopper cancels; the shop marking it ready at the same moment cannot also win.
        let third = checkout::place(&db.db, &request(&db.db, 13, &[(p.shop, id, 1)], now()).await, now(), &Notifier::new())
            .await
            .unwrap();
        let bell = Notifier::new();
        let (cancel, ready) = tokio::join!(
            flow::cancel(&db.db, &third.token, third.order_ids[0], BASE, now(), &bell),
            flow::merchant_act(&db.db, Some(&p.owner), p.shop, third.order_ids[0], MerchantAction::Ready, "", BASE, now(), &bell)
        );
        assert!(cancel.is_ok() != ready.is_ok(), "{cancel:?} {ready:?}");
        let expected_stock = if cancel.is_ok() { 2 } else { 1 };
        assert_eq!(stock(&db.db, id).await, expected_stock);
        // Another checkout's link cancels nothing here.
        assert!(matches!(flow::cancel(&db.db, &placed.token, third.order_ids[0], BASE, now(), &Notifier::new()).await, Err(DomainError::NotFound)));
    })
    .await;
}

#[tokio::test]
async fn uncollected_orders_lapse_by_the_clock_and_repeated_no_shows_need_a_confirmation() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let id = product(&db.db, p.shop, "Thé vert", Some(800), 10).await;
        let mut last_day = None;
        for n in 0..2 {
            let req = request(&db.db, 20 + n, &[(p.shop, id, 1)], now()).await;
            let req = Request { email: "distrait@example.be".into(), ..req };
            let placed = checkout::place(&db.db, &req, now(), &Notifier::new()).await.unwrap();
            let row = order::Entity::find_by_id(placed.order_ids[0]).one(&db.db).await.unwrap().unwrap();
            let slot_day = domain::orders::slots::local_date(row.pickup_at.unwrap());
            assert_eq!(row.collect_by, slot_day + Duration::days(2), "the default grace period");
            last_day = Some(row.collect_by);
        }
        assert_eq!(stock(&db.db, id).await, 8);
        let last_day = last_day.unwrap();
        // The evening of the last day: still waiting.
        let evening = read::local_midnight(last_day) + Duration::hours(23);
        assert_eq!(jobs::lapse_due(&db.db, BASE, evening).await.unwrap(), 0);
        // Just after midnight: both lapse, their stock returns, the address has two no-shows.
        let after = read::local_midnight(last_day + Duration::days(1)) + Duration::minutes(30);
        assert_eq!(jobs::lapse_due(&db.db, BASE, after).await.unwrap(), 2);
        assert_eq!(jobs::lapse_due(&db.db, BASE, after).await.unwrap(), 0, "once");
        assert_eq!(stock(&db.db, id).await, 10);
        assert_eq!(queued(&db.db, "order_status", "distrait@example.be").await.len(), 2);

        // The next order there waits for the shopper's confirmation by e-mail.
        let req = Request { email: "distrait@example.be".into(), ..request(&db.db, 30, &[(p.shop, id, 1)], after).await };
        let placed = checkout::place(&db.db, &req, after, &Notifier::new()).await.unwrap();
        assert_eq!(status(&db.db, placed.order_ids[0]).await, OrderStatus::Unconfirmed);
        assert!(read::inbox(&db.db, Some(&p.owner), p.shop, read::Inbox::Open).await.unwrap().is_empty(), "the shop does not see it yet");
        assert_eq!(queued(&db.db, "order_to_shop", "owner@example.be").await.len(), 2, "nor hears of it");
        let mail = &queued(&db.db, "order_confirm", "distrait@example.be").await[0];
        let link = mail.body_text.split_whitespace().find(|w| w.contains("/commande/confirmer?jeton=")).unwrap();
        let token = link.split("jeton=").nth(1).unwrap();
        assert_eq!(flow::confirm(&db.db, token, BASE, after, &Notifier::new()).await.unwrap(), placed.order_ids[0]);
        assert_eq!(status(&db.db, placed.order_ids[0]).await, OrderStatus::New);
        assert_eq!(queued(&db.db, "order_to_shop", "owner@example.be").await.len(), 3, "confirmed: the shop hears of it");
        assert!(matches!(flow::confirm(&db.db, token, BASE, after, &Notifier::new()).await, Err(DomainError::LinkExpired)), "once");
        // Unconfirmed orders give their stock back after two hours.
        let req = Request { email: "distrait@example.be".into(), ..request(&db.db, 31, &[(p.shop, id, 1)], after).await };
        let waiting = checkout::place(&db.db, &req, after, &Notifier::new()).await.unwrap();
        // Its link is dead once the two hours are over, even before the hourly job lapses it.
        let mail = &queued(&db.db, "order_confirm", "distrait@example.be").await[1];
        let link = mail.body_text.split_whitespace().find(|w| w.contains("/commande/confirmer?jeton=")).unwrap();
        let late = flow::confirm(&db.db, link.split("jeton=").nth(1).unwrap(), BASE, after + Duration::minutes(120), &Notifier::new()).await;
        assert!(matches!(late, Err(DomainError::LinkExpired)), "{late:?}");
        assert_eq!(jobs::lapse_due(&db.db, BASE, after + Duration::minutes(119)).await.unwrap(), 0);
        assert_eq!(jobs::lapse_due(&db.db, BASE, after + Duration::minutes(121)).await.unwrap(), 1);
        assert_eq!(status(&db.db, waiting.order_ids[0]).await, OrderStatus::Lapsed);
    })
    .await;
}

#[tokio::test]
async fn fake_orders_cannot_lock_a_shops_stock() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let id = product(&db.db, p.shop, "Bougie", Some(500), 20).await;
        // One address: at most 6 checkouts in 15 minutes, whatever the networks.
        let mut refused = None;
        for n in 0..7 {
            let req = Request { email: "robot@example.be".into(), ..request(&db.db, 40 + n, &[(p.shop, id, 1)], now()).await };
            if let Err(error) = checkout::place(&db.db, &req, now(), &Notifier::new()).await {
                refused = Some((n, error));
                break;
            }
        }
        let (n, error) = refused.unwrap();
        assert_eq!(n, 6);
        assert!(matches!(error, DomainError::TooManyAttempts { .. }));
        // Open orders per address: 8 at most, counted atomically, freed as orders close.
        let mut at = now() + Duration::minutes(20);
        let mut placed = Vec::new();
        for n in 0..9u32 {
            if n % 5 == 0 {
                at += Duration::minutes(16);
            }
            let req = Request { email: "robot@example.be".into(), ..request(&db.db, 60 + n, &[(p.shop, id, 1)], at).await };
            match checkout::place(&db.db, &req, at, &Notifier::new()).await {
                Ok(done) => placed.push(done),
                Err(error) => {
                    assert_eq!(problems(error)[0].1, "too_many_open_orders");
                    break;
                }
            }
        }
        assert_eq!(placed.len(), 2, "8 open orders: 6, then 2 more");
        let open = order::Entity::find().filter(order::Column::Status.eq("new")).count(&db.db).await.unwrap();
        assert_eq!(open, 8);
        assert_eq!(stock(&db.db, id).await, 12);
        // One order cancelled: room for one more.
        let first = read::by_link(&db.db, &placed[0].token).await.unwrap()[0].id;
        flow::cancel(&db.db, &placed[0].token, first, BASE, at, &Notifier::new()).await.unwrap();
        let at = at + Duration::minutes(16);
        let req = Request { email: "robot@example.be".into(), ..request(&db.db, 90, &[(p.shop, id, 1)], at).await };
        assert!(checkout::place(&db.db, &req, at, &Notifier::new()).await.is_ok());
    })
    .await;
}

#[tokio::test]
async fn a_question_is_answered_from_the_shops_email() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        // A product in the window: no count to reserve from.
        let id = product(&db.db, p.shop, "Vélo d'occasion", Some(25_000), 1).await;
        product::Entity::update_many()
            .col_expr(product::Column::Stock, sea_orm::sea_query::Expr::value("window"))
            .col_expr(product::Column::Quantity, sea_orm::sea_query::Expr::value(Option::<i32>::None))
            .col_expr(product::Column::Reservable, sea_orm::sea_query::Expr::value(false))
            .filter(product::Column::Id.eq(id))
            .exec(&db.db)
            .await
            .unwrap();
        assert!(basket::add(&db.db, None, id, 1, now()).await.is_err(), "not reservable: asked instead");
        let question = ask::Question {
            key: key(500),
            name: "Luc".into(),
            email: "luc@example.be".into(),
            phone: String::new(),
            lang: Lang::Nl,
            product_id: id,
            quantity: "1".into(),
            date: "2026-12-01".into(),
            message: "Taille 56 ?\nMerci".into(),
            client_ip: "10.9.9.9".into(),
            base_url: BASE.into(),
        };
        for (bad, problem) in [
            (ask::Question { date: "2026-11-27".into(), ..question.clone() }, "date_out_of_range"),
            (ask::Question { date: "2027-01-30".into(), ..question.clone() }, "date_out_of_range"),
            (ask::Question { quantity: "-1".into(), ..question.clone() }, "quantity_out_of_range"),
            (ask::Question { message: "m".repeat(5_000_000), ..question.clone() }, "too_long"),
        ] {
            assert_eq!(problems(ask::ask(&db.db, &bad, now(), &Notifier::new()).await.unwrap_err())[0].1, problem);
        }
        let placed = ask::ask(&db.db, &question, now(), &Notifier::new()).await.unwrap();
        let order_id = placed.order_ids[0];
        assert_eq!(status(&db.db, order_id).await, OrderStatus::Asked);
        let mail = &queued(&db.db, "order_ask", "owner@example.be").await[0];
        assert!(mail.body_text.contains("Taille 56 ?"), "{}", mail.body_text);
        let token = mail.body_text.split("jeton=").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
        // The link alone is not an answer; an answer with a date out of range is refused.
        assert_eq!(flow::by_action_link(&db.db, &token, OrderStatus::Asked).await.unwrap().id, order_id);
        let answer = |yes, until: &'static str| {
            let (db, token) = (db.db.clone(), token.clone());
            async move { flow::answer(&db, flow::Answerer::Link(&token), order_id, yes, until, "", BASE, now(), &Notifier::new()).await }
        };
        assert_eq!(problems(answer(true, "2027-03-01").await.unwrap_err())[0].1, "date_out_of_range");
        assert_eq!(answer(true, "2026-12-02").await.unwrap(), OrderStatus::Accepted);
        assert!(matches!(answer(false, "").await, Err(DomainError::LinkExpired)), "the link answered once");
        let row = order::Entity::find_by_id(order_id).one(&db.db).await.unwrap().unwrap();
        assert_eq!(row.collect_by.to_string(), "2026-12-02");
        let told = &queued(&db.db, "order_status", "luc@example.be").await[0];
        assert!(told.subject.contains("apart"), "Dutch: {}", told.subject);
        // Kept until the 2nd: lapses on the 3rd.
        assert_eq!(jobs::lapse_due(&db.db, BASE, at("2026-12-03T10:00:00+01:00")).await.unwrap(), 1);
    })
    .await;
}

#[tokio::test]
async fn personal_data_is_erased_a_year_after_the_orders_closed() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let id = product(&db.db, p.shop, "Savon", Some(600), 5).await;
        let placed = checkout::place(&db.db, &request(&db.db, 80, &[(p.shop, id, 1)], now()).await, now(), &Notifier::new())
            .await
            .unwrap();
        let order_id = placed.order_ids[0];
        flow::merchant_act(&db.db, Some(&p.owner), p.shop, order_id, MerchantAction::Collected, "", BASE, now(), &Notifier::new())
            .await
            .unwrap();
        // A second order of the same address is not collected: a no-show, counted by the address.
        let again = Request { email: "client80@example.be".into(), ..request(&db.db, 81, &[(p.shop, id, 1)], now()).await };
        let again = checkout::place(&db.db, &again, now(), &Notifier::new()).await.unwrap();
        for action in [MerchantAction::Accept, MerchantAction::NotCollected] {
            flow::merchant_act(&db.db, Some(&p.owner), p.shop, again.order_ids[0], action, "", BASE, now(), &Notifier::new())
                .await
                .unwrap();
        }
        assert_eq!(entity::no_show::Entity::find().count(&db.db).await.unwrap(), 1);
        assert!(!queued(&db.db, "order_status", "client80@example.be").await.is_empty());
        assert_eq!(jobs::erase_due(&db.db, now() + Duration::days(364)).await.unwrap(), 0);
        assert_eq!(entity::no_show::Entity::find().count(&db.db).await.unwrap(), 1, "kept for a year");
        assert_eq!(jobs::erase_due(&db.db, now() + Duration::days(366)).await.unwrap(), 2);
        let row = checkout_row::Entity::find().one(&db.db).await.unwrap().unwrap();
        assert_eq!((row.shopper_name.as_str(), row.shopper_email.as_str(), row.shopper_phone.as_deref()), ("", "", None));
        // Nothing else names or counts the address any more: its e-mails (sent or given up), its
        // no-shows, its open-order count.
        assert_eq!(email_outbox::Entity::find().count(&db.db).await.unwrap(), 0);
        assert_eq!(entity::no_show::Entity::find().count(&db.db).await.unwrap(), 0);
        assert_eq!(entity::shopper_count::Entity::find().count(&db.db).await.unwrap(), 0);
        // What the shop sold stays for its figures.
        let inbox = read::inbox(&db.db, Some(&p.owner), p.shop, read::Inbox::Closed).await.unwrap();
        assert_eq!((inbox[0].total_cents, inbox[0].shopper_email.as_str()), (600, ""));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_simultaneous_checkouts_stay_within_the_limits_per_address_and_network() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let here = product(&db.db, p.shop, "Savon", Some(450), 100).await;
        let there = product(&db.db, p.other_shop, "Pain", Some(300), 100).await;
        // One address, 40 checkouts of two shops each, all at once from 40 networks: the address
        // lets 6 attempts through, and 8 open orders are 4 checkouts of two shops.
        let mut requests = Vec::new();
        for n in 0..40 {
            let req = request(&db.db, 200 + n, &[(p.shop, here, 1), (p.other_shop, there, 1)], now()).await;
            requests.push(Request { email: "robot@example.be".into(), ..req });
        }
        let outcomes = race(&db.db, requests).await;
        let placed = outcomes.iter().filter(|o| o.is_ok()).count();
        let throttled = outcomes.iter().filter(|o| matches!(o, Err(DomainError::TooManyAttempts { .. }))).count();
        let too_many_open = outcomes
            .iter()
            .filter(|o| matches!(o, Err(DomainError::Invalid(found)) if found.iter().any(|f| f.problem == "too_many_open_orders")))
            .count();
        assert_eq!((placed, throttled, too_many_open), (4, 34, 2), "{outcomes:?}");
        assert_eq!(order::Entity::find().count(&db.db).await.unwrap(), 8);
        assert_eq!((stock(&db.db, here).await, stock(&db.db, there).await), (96, 96), "only placed orders hold stock");

        // One network, 40 addresses at once: 20 checkouts pass, the others change nothing.
        let later = now() + Duration::minutes(20);
        let mut requests = Vec::new();
        for n in 0..40 {
            let req = request(&db.db, 300 + n, &[(p.shop, here, 1)], later).await;
            requests.push(Request { client_ip: "192.0.2.7".into(), ..req });
        }
        let outcomes = race_at(&db.db, requests, later).await;
        let placed = outcomes.iter().filter(|o| o.is_ok()).count();
        let throttled = outcomes.iter().filter(|o| matches!(o, Err(DomainError::TooManyAttempts { .. }))).count();
        assert_eq!((placed, throttled), (20, 20), "{outcomes:?}");
        assert_eq!(stock(&db.db, here).await, 76);
        assert_eq!(checkout_row::Entity::find().count(&db.db).await.unwrap(), 24, "a refused checkout leaves no row");
    })
    .await;
}

/// Places every request at once (each on its own task) at the test's clock.
async fn race(db: &DatabaseConnection, requests: Vec<Request>) -> Vec<Result<checkout::Placed, DomainError>> {
    race_at(db, requests, now()).await
}

async fn race_at(
    db: &DatabaseConnection,
    requests: Vec<Request>,
    at: DateTime<Utc>,
) -> Vec<Result<checkout::Placed, DomainError>> {
    let handles: Vec<_> = requests
        .into_iter()
        .map(|req| {
            let db = db.clone();
            tokio::spawn(async move { checkout::place(&db, &req, at, &Notifier::new()).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for handle in handles {
        outcomes.push(handle.await.unwrap());
    }
    outcomes
}

#[tokio::test]
async fn the_shop_hears_of_its_orders_in_its_own_words_unless_it_switched_that_off() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let tart = product(&db.db, p.shop, "Tarte au riz", Some(1800), 5).await;
        product::Entity::update_many()
            .col_expr(product::Column::NameNl, sea_orm::sea_query::Expr::value("Rijsttaart"))
            .filter(product::Column::Id.eq(tart))
            .exec(&db.db)
            .await
            .unwrap();
        // A shopper reading Dutch orders: each of the shop's people gets an e-mail, in French here,
        // naming the product as the shop wrote it, with a link to the order in its inbox.
        let req = Request { lang: Lang::Nl, ..request(&db.db, 500, &[(p.shop, tart, 2)], now()).await };
        let placed = checkout::place(&db.db, &req, now(), &Notifier::new()).await.unwrap();
        let id = placed.order_ids[0];
        for member in ["owner@example.be", "staff@example.be"] {
            let mails = queued(&db.db, "order_to_shop", member).await;
            assert_eq!(mails.len(), 1, "{member}");
            let mail = &mails[0];
            assert_eq!(mail.subject, format!("Nouvelle commande n° {id} de Client 500"));
            assert!(mail.body_text.contains("2 × Tarte au riz") && !mail.body_text.contains("Rijsttaart"), "{}", mail.body_text);
            assert!(mail.body_text.contains(&format!("{BASE}/tableau-de-bord/{}/commandes#commande-{id}", p.shop)), "{}", mail.body_text);
        }
        assert!(queued(&db.db, "order_to_shop", "other@example.be").await.is_empty(), "only this shop's people");
        // The shopper reads their words, the shop its own.
        assert_eq!(read::by_link(&db.db, &placed.token).await.unwrap()[0].lines[0].name, "Rijsttaart");
        let inbox = read::inbox(&db.db, Some(&p.staff), p.shop, read::Inbox::Open).await.unwrap();
        assert_eq!(inbox[0].lines[0].name, "Tarte au riz");

        // The shopper cancels: the shop hears of that too.
        flow::cancel(&db.db, &placed.token, id, BASE, now(), &Notifier::new()).await.unwrap();
        let cancelled = queued(&db.db, "order_cancelled_to_shop", "owner@example.be").await;
        assert_eq!(cancelled.len(), 1);
        assert!(cancelled[0].subject.contains("annulée par Client 500"), "{}", cancelled[0].subject);

        // Switched off in the settings: the next order reaches the inbox only.
        let off = domain::orders::check_settings("120", "30", "2", false).unwrap();
        domain::orders::save_settings(&db.db, Some(&p.owner), p.shop, off, now()).await.unwrap();
        assert!(!domain::orders::settings(&db.db, p.shop).await.unwrap().notify_orders);
        let req = request(&db.db, 501, &[(p.shop, tart, 1)], now()).await;
        checkout::place(&db.db, &req, now(), &Notifier::new()).await.unwrap();
        assert_eq!(queued(&db.db, "order_to_shop", "owner@example.be").await.len(), 1, "no new e-mail");
        assert_eq!(read::inbox(&db.db, Some(&p.owner), p.shop, read::Inbox::Open).await.unwrap().len(), 1);
        // Only the shop's people may change that.
        let on = domain::orders::check_settings("120", "30", "2", true).unwrap();
        let refused = domain::orders::save_settings(&db.db, Some(&p.other_owner), p.shop, on, now()).await;
        assert!(matches!(refused, Err(DomainError::Forbidden)), "{refused:?}");
        assert!(!domain::orders::settings(&db.db, p.shop).await.unwrap().notify_orders);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn checkouts_listing_the_same_products_in_opposite_orders_all_go_through() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let a = product(&db.db, p.shop, "Beurre", Some(300), 100).await;
        let b = product(&db.db, p.shop, "Pain", Some(250), 100).await;
        // Baskets sort their lines by name in the shopper's language: "Beurre, Pain" in French,
        // "Bread, Butter" in English. Rows are locked in one order all the same (the catalogue's
        // version row first, then products by id), so no checkout waits on another that waits on
        // it; neither does the shop returning stock. On PostgreSQL, without that order, some of
        // these failed with "deadlock detected".
        // Meanwhile the shop declines ten earlier orders of both, whose stock comes back.
        let mut earlier = Vec::new();
        for n in 0..10 {
            let req = request(&db.db, 700 + n, &[(p.shop, b, 1), (p.shop, a, 1)], now()).await;
            earlier.push(checkout::place(&db.db, &req, now(), &Notifier::new()).await.unwrap().order_ids[0]);
        }
        let mut requests = Vec::new();
        for n in 0..20 {
            let lines = if n % 2 == 0 { [(p.shop, a, 1), (p.shop, b, 1)] } else { [(p.shop, b, 1), (p.shop, a, 1)] };
            requests.push(request(&db.db, 600 + n, &lines, now()).await);
        }
        let declines: Vec<_> = earlier
            .into_iter()
            .map(|id| {
                let (db, owner, shop) = (db.db.clone(), p.owner.clone(), p.shop);
                tokio::spawn(async move {
                    flow::merchant_act(&db, Some(&owner), shop, id, MerchantAction::Decline, "Rupture", BASE, now(), &Notifier::new()).await
                })
            })
            .collect();
        let outcomes = race(&db.db, requests).await;
        assert!(outcomes.iter().all(|o| o.is_ok()), "{outcomes:?}");
        for decline in declines {
            decline.await.unwrap().unwrap();
        }
        assert_eq!((stock(&db.db, a).await, stock(&db.db, b).await), (80, 80), "20 taken, 10 taken and given back");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_basket_filled_from_five_tabs_at_once_keeps_its_thirty_lines_limit() {
    on_every_backend(|db| async move {
        let p = setup(&db).await;
        let mut ids = Vec::new();
        for n in 0..34 {
            ids.push(product(&db.db, p.shop, &format!("Article {n}"), Some(100), 5).await);
        }
        let token = basket::add(&db.db, None, ids[0], 1, now()).await.unwrap();
        for &id in &ids[1..29] {
            basket::add(&db.db, Some(&token), id, 1, now()).await.unwrap();
        }
        let handles: Vec<_> = ids[29..]
            .iter()
            .map(|&id| {
                let (db, token) = (db.db.clone(), token.clone());
                tokio::spawn(async move { basket::add(&db, Some(&token), id, 1, now()).await })
            })
            .collect();
        let mut added = 0;
        for handle in handles {
            match handle.await.unwrap() {
                Ok(_) => added += 1,
                Err(error) => assert_eq!(problems(error)[0].1, "basket_full"),
            }
        }
        assert_eq!(added, 1, "29 lines and 5 at once: one fits");
        let view = basket::view(&db.db, Some(&token), Lang::Fr, now()).await.unwrap();
        assert_eq!(view.shops.iter().map(|s| s.lines.len()).sum::<usize>(), 30);
    })
    .await;
}
