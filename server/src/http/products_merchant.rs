//! The merchant's product spreadsheet export (issue 13): `GET
//! /tableau-de-bord/{id}/produits/export.csv`, in any language prefix. A file download, not a
//! page: the domain checks who asks (`domain::catalogue::export`), and the answer is never cached.

use app::state::{AppState, CurrentSession};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use common::AppError;
use http::header::{self, HeaderValue};
use http::StatusCode;

/// The export's route, without language prefix.
pub const EXPORT_ROUTE: &str = "/tableau-de-bord/{id}/produits/export.csv";

/// The business id of an export path, in any language.
fn business_of(path: &str) -> Option<i32> {
    match super::multipart::route_ids(EXPORT_ROUTE, path)?[..] {
        [business] => Some(business),
        _ => None,
    }
}

pub async fn export(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let Some(business_id) = business_of(&path) else {
        return super::edge::refuse(&path, AppError::NotFound);
    };
    let actor = request.extensions().get::<CurrentSession>().and_then(|session| session.actor.clone());
    let csv = match domain::catalogue::export::products_csv(&state.db, actor.as_ref(), business_id).await {
        Ok(csv) => csv,
        Err(error) => return super::edge::refuse(&path, error.into()),
    };
    let mut response = (StatusCode::OK, csv).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"produits-{business_id}.csv\"")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}
