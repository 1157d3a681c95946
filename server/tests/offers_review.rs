//! The town console's review of offers (issue 8) over HTTP, on SQLite and PostgreSQL: only
//! administrators see `/console/offres` (anonymous 401, a merchant 403) and hide or restore; a
//! hidden offer leaves the public feed and its page answers 404, its merchant reads the reason,
//! and restoring brings it back.

#[path = "support/app.rs"]
mod harness;

use harness::{at, eventually, on_every_backend, post, Options, Post, ADMIN, CACHE_FOLLOWS, MERCHANT};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrators_hide_and_restore_offers_and_nobody_else_can() {
    on_every_backend(Options::demo_without_offers(), |server| async move {
        let label = server.label;
        server.demo_accounts().await;
        let lemaire = entity::business::Entity::find()
            .filter(entity::business::Column::Slug.eq("patisserie-lemaire"))
            .one(&server.db)
            .await
            .unwrap()
            .unwrap();
        let id =
            post(&server.db, Post::live(lemaire.id, "Bûches de Noël -15 %", at("2026-11-27T09:00:00+01:00"))).await;
        let offer_page = format!("/offres/{id}");
        assert_eq!(server.get(&offer_page).await.status(), StatusCode::OK, "{label}");

        // Who may see the review.
        assert_eq!(server.get_as(None, "/console/offres").await.status(), StatusCode::UNAUTHORIZED, "{label}");
        let merchant = server.log_in(MERCHANT).await;
        assert_eq!(server.get_as(Some(&merchant), "/console/offres").await.status(), StatusCode::FORBIDDEN, "{label}");
        let admin = server.log_in(ADMIN).await;
        for path in ["/console/offres", "/nl/console/offres", "/en/console/offres"] {
            let page = server.get_as(Some(&admin), path).await;
            assert_eq!(page.status(), StatusCode::OK, "{label} {path}");
            let html = page.text().await.unwrap();
            assert!(html.contains("Bûches de Noël -15 %") && html.contains("Pâtisserie Lemaire"), "{label} {path}");
            assert!(
                html.contains(&format!(
                    "href=\"{}\"",
                    if path.starts_with("/nl") {
                        format!("/nl{offer_page}")
                    } else if path.starts_with("/en") {
                        format!("/en{offer_page}")
                    } else {
                        offer_page.clone()
                    }
                )),
                "{label}: a link to the offer"
            );
        }

        // Who may hide: not the merchant; not without a reason.
        let offer_id = id.to_string();
        let hide = |cookie: String, reason: &'static str| {
            let offer_id = offer_id.clone();
            let server = &server;
            async move {
                server
                    .call_as(
                        Some(&cookie),
                        "hide_offer",
                        &[("lang", "Fr"), ("offer_id", &offer_id), ("reason", reason)],
                    )
                    .await
            }
        };
        assert_eq!(hide(merchant.clone(), "Je me cache").await.status(), StatusCode::FORBIDDEN, "{label}");
        assert_eq!(
            server
                .call_as(None, "hide_offer", &[("lang", "Fr"), ("offer_id", &id.to_string()), ("reason", "x")])
                .await
                .status(),
            StatusCode::UNAUTHORIZED,
            "{label}"
        );
        assert_eq!(hide(admin.clone(), "   ").await.status(), StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        let unknown = server
            .call_as(Some(&admin), "hide_offer", &[("lang", "Fr"), ("offer_id", "999999"), ("reason", "x")])
            .await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND, "{label}");
        assert_eq!(server.get(&offer_page).await.status(), StatusCode::OK, "{label}: still public");

        assert!(hide(admin.clone(), "Prix trompeur").await.status().is_success(), "{label}");
        let (s, page) = (&server, &offer_page);
        eventually(CACHE_FOLLOWS, "the hidden offer's page is gone", move || async move {
            (s.get(page).await.status() == StatusCode::NOT_FOUND).then_some(())
        })
        .await;
        assert_eq!(server.get(&offer_page).await.status(), StatusCode::NOT_FOUND, "{label}: hidden from the public");
        assert!(!server.get("/offres").await.text().await.unwrap().contains("Bûches de Noël"), "{label}");
        assert!(!server.get("/offres.atom").await.text().await.unwrap().contains("Bûches de Noël"), "{label}");
        let review = server.get_as(Some(&admin), "/console/offres").await.text().await.unwrap();
        assert!(review.contains("Prix trompeur") && review.contains("Rétablir"), "{label}");
        let dashboard = server.get_as(Some(&merchant), &format!("/tableau-de-bord/{}/offres", lemaire.id)).await;
        assert!(dashboard.text().await.unwrap().contains("Prix trompeur"), "{label}: the merchant reads why");

        let restore = |cookie: String| {
            let offer_id = id.to_string();
            let server = &server;
            async move { server.call_as(Some(&cookie), "restore_offer", &[("lang", "Fr"), ("offer_id", &offer_id)]).await }
        };
        assert_eq!(restore(merchant.clone()).await.status(), StatusCode::FORBIDDEN, "{label}");
        assert!(restore(admin.clone()).await.status().is_success(), "{label}");
        let (s, page) = (&server, &offer_page);
        eventually(CACHE_FOLLOWS, "the restored offer's page is back", move || async move {
            (s.get(page).await.status() == StatusCode::OK).then_some(())
        })
        .await;
        assert_eq!(server.get(&offer_page).await.status(), StatusCode::OK, "{label}: back");
        assert!(server.get("/offres.atom").await.text().await.unwrap().contains("Bûches de Noël"), "{label}");
    })
    .await;
}
