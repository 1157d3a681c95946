//! The merchant's statistics on SQLite and PostgreSQL: flushed counts add up (also when
//! instances flush the same rows at once), the series are dense with zeros, and only the
//! people who may edit a listing read its numbers.

mod support;

use chrono::{Duration, NaiveDate};
use common::stats::{Kind, Period};
use common::Lang;
use domain::authz::Actor;
use domain::clock::today_in_brussels;
use domain::stats::{record_batch, series};
use domain::DomainError;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use support::*;

/// An account (no password: these tests never log in) and, if given, its role in a business.
async fn person(db: &DatabaseConnection, email: &str, is_admin: bool, member_of: Option<(i32, &str)>) -> Actor {
    let now = saturday_morning();
    let account = entity::account::ActiveModel {
        email: Set(email.to_owned()),
        password_hash: Set(String::new()),
        language: Set("fr".into()),
        is_admin: Set(is_admin),
        created_at: Set(now),
        sessions_valid_after: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    if let Some((business_id, role)) = member_of {
        entity::membership::ActiveModel {
            account_id: Set(account.id),
            business_id: Set(business_id),
            role: Set(role.into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    Actor { account_id: account.id, email: account.email, is_admin, language: Lang::Fr }
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn a_count_belongs_to_the_local_day_in_brussels() {
    // 23:30 UTC on 28 November is already 29 November in Soignies.
    assert_eq!(today_in_brussels(at("2026-11-28T23:30:00Z")), day("2026-11-29"));
    assert_eq!(today_in_brussels(at("2026-11-28T22:59:59Z")), day("2026-11-28"));
    // Summer time: UTC+2.
    assert_eq!(today_in_brussels(at("2026-07-01T22:30:00Z")), day("2026-07-02"));
}

#[tokio::test]
async fn flushed_counts_add_up_and_series_are_dense_with_zeros() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        seeded(&db, now).await;
        let admin = person(&db.db, "maire@soignies.be", true, None).await;
        let today = today_in_brussels(now);
        assert_eq!(today, day("2026-11-28"));
        let six_days_ago = today - Duration::days(6);
        let a_week_ago = today - Duration::days(7);
        record_batch(
            &db.db,
            &[
                (1, today, Kind::View, 3),
                (1, today, Kind::View, 2),
                (1, today, Kind::Phone, 1),
                (1, six_days_ago, Kind::Directions, 4),
                (1, a_week_ago, Kind::View, 7),
                (1, today - Duration::days(20), Kind::View, 100),
                (1, today, Kind::Email, 0),
                // Another business's counts stay its own.
                (2, today, Kind::View, 50),
                // A business deleted since the page was counted: dropped, the rest is written.
                (999_999, today, Kind::View, 1),
            ],
        )
        .await
        .unwrap();
        // A second flush (or another instance's) adds to the same rows.
        record_batch(&db.db, &[(1, today, Kind::View, 5), (1, today, Kind::Phone, 1)]).await.unwrap();
        record_batch(&db.db, &[]).await.unwrap();

        let week = series(&db.db, Some(&admin), 1, Period::Week, now).await.unwrap();
        assert_eq!(week.name, "Pâtisserie Lemaire");
        assert_eq!(week.days.len(), 7, "{}", db.label);
        assert_eq!(week.days.first().unwrap().iso(), "2026-11-22");
        assert_eq!(week.days.last().unwrap().iso(), "2026-11-28");
        assert_eq!(week.series.iter().map(|s| s.kind).collect::<Vec<_>>(), Kind::ALL.to_vec());
        let of = |kind: Kind| week.series.iter().find(|s| s.kind == kind).unwrap();
        assert_eq!(of(Kind::View).counts, vec![0, 0, 0, 0, 0, 0, 10], "{}", db.label);
        assert_eq!(of(Kind::View).total, 10);
        assert_eq!(of(Kind::View).previous_total, 7, "{}: the 7 days before", db.label);
        assert_eq!(of(Kind::Phone).counts, vec![0, 0, 0, 0, 0, 0, 2]);
        assert_eq!(of(Kind::Directions).counts, vec![4, 0, 0, 0, 0, 0, 0]);
        assert_eq!(of(Kind::Email).counts, vec![0; 7], "zero counts write nothing");
        assert_eq!(of(Kind::Social).total + of(Kind::Website).total, 0);
        let points: Vec<_> = of(Kind::Directions).points(&week.days).map(|(d, n)| (d.iso(), n)).collect();
        assert_eq!(points[0], ("2026-11-22".to_string(), 4));

        let month = series(&db.db, Some(&admin), 1, Period::Month, now).await.unwrap();
        let views = &month.series[0];
        assert_eq!((month.days.len(), views.counts.len()), (30, 30));
        assert_eq!(views.total, 10 + 7 + 100, "{}", db.label);
        assert_eq!(views.counts[29 - 20], 100);
        let quarter = series(&db.db, Some(&admin), 1, Period::Quarter, now).await.unwrap();
        assert_eq!(quarter.days.len(), 90);
        assert_eq!(quarter.days.first().unwrap().iso(), "2026-08-31");
        assert!(quarter.series.iter().all(|s| s.counts.len() == 90));
        let other = series(&db.db, Some(&admin), 2, Period::Week, now).await.unwrap();
        assert_eq!(other.series[0].total, 50);
    })
    .await;
}

/// Several instances flushing the same rows at the same moment (in opposite orders): every
/// count arrives, and PostgreSQL never deadlocks.
#[tokio::test]
async fn instances_flushing_the_same_rows_at_once_lose_nothing() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        seeded(&db, now).await;
        let admin = person(&db.db, "maire@soignies.be", true, None).await;
        let today = today_in_brussels(now);
        let mut batch = Vec::new();
        for business in 1..=10 {
            for kind in Kind::ALL {
                batch.push((business, today, kind, 1));
            }
        }
        let mut flushes = Vec::new();
        for instance in 0..8 {
            let db = db.db.clone();
            let mut batch = batch.clone();
            if instance % 2 == 1 {
                batch.reverse();
            }
            flushes.push(tokio::spawn(async move { record_batch(&db, &batch).await }));
        }
        for flush in flushes {
            flush.await.unwrap().unwrap();
        }
        for business in [1, 10] {
            let week = series(&db.db, Some(&admin), business, Period::Week, now).await.unwrap();
            for s in &week.series {
                assert_eq!(s.total, 8, "{}: business {business}, {:?}", db.label, s.kind);
            }
        }
    })
    .await;
}

#[tokio::test]
async fn only_those_who_may_edit_the_listing_read_its_statistics() {
    on_every_backend(|db| async move {
        let now = saturday_morning();
        seeded(&db, now).await;
        let admin = person(&db.db, "maire@soignies.be", true, None).await;
        let owner = person(&db.db, "owner@one.be", false, Some((1, "owner"))).await;
        let staff = person(&db.db, "staff@one.be", false, Some((1, "staff"))).await;
        let other_owner = person(&db.db, "owner@two.be", false, Some((2, "owner"))).await;
        record_batch(&db.db, &[(1, today_in_brussels(now), Kind::Phone, 3)]).await.unwrap();

        let anonymous = series(&db.db, None, 1, Period::Month, now).await;
        assert!(matches!(anonymous, Err(DomainError::Unauthenticated)), "{}: {anonymous:?}", db.label);
        let other = series(&db.db, Some(&other_owner), 1, Period::Month, now).await;
        assert!(matches!(other, Err(DomainError::Forbidden)), "{}: {other:?}", db.label);
        let unknown = series(&db.db, Some(&owner), 9999, Period::Month, now).await;
        assert!(matches!(unknown, Err(DomainError::Forbidden)), "{}: {unknown:?}", db.label);
        let unknown = series(&db.db, Some(&admin), 9999, Period::Month, now).await;
        assert!(matches!(unknown, Err(DomainError::NotFound)), "{}: {unknown:?}", db.label);
        for (who, actor) in [("owner", &owner), ("staff", &staff), ("admin", &admin)] {
            let view = series(&db.db, Some(actor), 1, Period::Month, now).await;
            let view = view.unwrap_or_else(|e| panic!("{}: {who}: {e:?}", db.label));
            assert_eq!(view.series[1].kind, Kind::Phone);
            assert_eq!(view.series[1].total, 3, "{}: {who}", db.label);
        }
    })
    .await;
}
