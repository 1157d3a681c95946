//! What a session typed in a refused form (`domain::form_echo`), on SQLite and PostgreSQL with an
//! injected clock: read back only by that session, for that form, within its lifetime; a new
//! refusal of the same form replaces the previous one, and expired rows are deleted.

mod support;

use chrono::Duration;
use domain::accounts::tokens::random_token;
use domain::form_echo::{self, LIFETIME};
use entity::form_echo as row;
use sea_orm::{EntityTrait, PaginatorTrait};
use support::*;

const FORM: &str = "/api/save_profile";

fn typed(text: &str) -> Vec<(String, String)> {
    vec![("description_fr".into(), text.into()), ("website".into(), "htp//x".into())]
}

#[tokio::test]
async fn kept_values_are_read_by_their_session_for_their_form_within_their_lifetime() {
    on_every_backend(|db| async move {
        let db = &db.db;
        let now = saturday_morning();
        let (mine, other) = (random_token(), random_token());
        let id = form_echo::keep(db, Some(&mine), FORM, &typed("Ligne 1\r\nLigne 2"), now).await.unwrap().unwrap();
        let read = |session: String, id: String, form: &'static str, at| async move {
            form_echo::read(db, Some(&session), &id, form, at).await.unwrap()
        };
        assert_eq!(read(mine.clone(), id.clone(), FORM, now).await, Some(typed("Ligne 1\r\nLigne 2")));
        let almost = now + LIFETIME - Duration::seconds(1);
        assert!(read(mine.clone(), id.clone(), FORM, almost).await.is_some(), "a reload within the lifetime");
        assert_eq!(read(mine.clone(), id.clone(), FORM, now + LIFETIME).await, None, "expired");
        assert_eq!(read(other.clone(), id.clone(), FORM, now).await, None, "another session");
        assert_eq!(read(mine.clone(), id.clone(), "/api/save_hours", now).await, None, "another form");
        assert_eq!(read(mine.clone(), random_token(), FORM, now).await, None, "a made-up id");
        assert_eq!(read(mine.clone(), "../x".into(), FORM, now).await, None);
        assert_eq!(form_echo::read(db, None, &id, FORM, now).await.unwrap(), None, "nobody logged in");
        assert_eq!(form_echo::keep(db, None, FORM, &typed("x"), now).await.unwrap(), None, "no session, nothing kept");

        // A second refusal of the same form replaces the first; another session's stays.
        let theirs = form_echo::keep(db, Some(&other), FORM, &typed("autre"), now).await.unwrap().unwrap();
        let second = form_echo::keep(db, Some(&mine), FORM, &typed("deuxième"), now).await.unwrap().unwrap();
        assert_eq!(read(mine.clone(), id.clone(), FORM, now).await, None);
        assert_eq!(read(mine.clone(), second, FORM, now).await, Some(typed("deuxième")));
        assert_eq!(row::Entity::find().count(db).await.unwrap(), 2);
        // A refusal after the lifetime deletes the expired rows.
        let later = now + LIFETIME + Duration::minutes(1);
        form_echo::keep(db, Some(&random_token()), FORM, &typed("plus tard"), later).await.unwrap().unwrap();
        assert_eq!(row::Entity::find().count(db).await.unwrap(), 1);
        assert_eq!(read(other.clone(), theirs, FORM, later).await, None);

        // Values over the limit are not kept.
        let huge = vec![("description_fr".to_string(), "x".repeat(form_echo::MAX_BYTES + 1))];
        assert_eq!(form_echo::keep(db, Some(&mine), FORM, &huge, now).await.unwrap(), None);
    })
    .await;
}
