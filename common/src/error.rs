//! The one error type that crosses the server-function boundary. It carries what the page needs
//! to show a translated message and to set an honest HTTP status, and never internals
//! (database errors are logged on the server and become `Internal`).
//!
//! # Error policy
//!
//! | variant | status | what the visitor sees |
//! |---|---|---|
//! | `BadRequest` | 400 | "this request cannot be read": arguments that do not decode, control characters, a malformed URL |
//! | `BadQuery` | 400 (404 past the last page) | the precise problem with the directory search, and a link to page 1 |
//! | `Forbidden` | 403 | "you are not allowed to do this" (authorisation is decided in the domain layer) |
//! | `NotFound` | 404 | "this page does not exist", with ways back into the site |
//! | `Conflict` | 409 | "someone else changed this meanwhile": the form keeps what was typed |
//! | `TooLarge` | 413 | "too large", with the limit |
//! | `Invalid` | 422 | a message next to each field that is wrong; nothing was saved |
//! | `Unauthenticated` | 401 | "log in to continue" (no session, or it ended) |
//! | `LoginFailed` | 401 | "wrong e-mail or password", the same whether the e-mail exists or not |
//! | `TooManyAttempts` | 429 | "too many attempts, try again in N minutes" |
//! | `LinkExpired` | 410 | "this link is no longer valid" (used, expired or revoked), and how to get a new one |
//! | `Internal` | 500 | "something went wrong on our side"; details only in the server log, with the request id |
//! | `Transport` | 502 | only ever made in the browser: the answer did not arrive or could not be read |
//!
//! server_fn 0.8 answers every error with 500; the server's `errors` middleware sets the status of
//! this table from the error in the body, so API clients, the browser and the logs agree.

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::codec::JsonText;
use crate::query::QueryProblem;

/// One field of a form that cannot be accepted, with the translation key of its message
/// (`form.<problem>`) and, where the message needs it, a number (a length limit, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub problem: String,
    pub limit: Option<u32>,
}

impl FieldProblem {
    pub fn new(field: &str, problem: &str) -> Self {
        FieldProblem { field: field.to_owned(), problem: problem.to_owned(), limit: None }
    }

    pub fn with_limit(field: &str, problem: &str, limit: u32) -> Self {
        FieldProblem { field: field.to_owned(), problem: problem.to_owned(), limit: Some(limit) }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 400: the request cannot be read (undecodable arguments, control characters).
    #[error("bad request")]
    BadRequest,
    /// 400 (404 for a page past the end): the directory query cannot be answered.
    #[error("bad directory query: {0}")]
    BadQuery(QueryProblem),
    /// 403: the visitor may not do this.
    #[error("forbidden")]
    Forbidden,
    /// 404: the business (or page) does not exist.
    #[error("not found")]
    NotFound,
    /// 409: the data changed since the form was loaded.
    #[error("conflict")]
    Conflict,
    /// 413: the request body is over the route's limit (in bytes).
    #[error("too large (limit {limit} bytes)")]
    TooLarge { limit: u64 },
    /// 422: the input is readable but not acceptable; one entry per field.
    #[error("invalid input")]
    Invalid(Vec<FieldProblem>),
    /// 401: this needs a logged-in account (no session, or it ended).
    #[error("unauthenticated")]
    Unauthenticated,
    /// 401: wrong e-mail or password (never says which).
    #[error("login failed")]
    LoginFailed,
    /// 429: too many failed logins from this address or for this account.
    #[error("too many attempts (retry in {retry_after_secs} s)")]
    TooManyAttempts { retry_after_secs: u32 },
    /// 410: an e-mailed link (invitation, reset, e-mail change) that was used, expired or revoked.
    #[error("link expired")]
    LinkExpired,
    /// 500: something failed on the server; details are in the server log only.
    #[error("internal error")]
    Internal,
    /// The request never reached our code or its answer could not be read (network, decoding).
    #[error("transport error: {0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status this error deserves (the policy above).
    pub fn status(&self) -> u16 {
        match self {
            AppError::BadRequest => 400,
            AppError::BadQuery(QueryProblem::PageOutOfRange { .. }) => 404,
            AppError::BadQuery(_) => 400,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Conflict => 409,
            AppError::TooLarge { .. } => 413,
            AppError::Invalid(_) => 422,
            AppError::Unauthenticated | AppError::LoginFailed => 401,
            AppError::TooManyAttempts { .. } => 429,
            AppError::LinkExpired => 410,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonText;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Only the server decodes arguments: a request whose arguments do not decode.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                AppError::BadRequest
            }
            // On the server, a body that does not decode; in the browser, an answer that does not.
            ServerFnErrorErr::Deserialization(_) if !cfg!(target_arch = "wasm32") => AppError::BadRequest,
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl From<QueryProblem> for AppError {
    fn from(problem: QueryProblem) -> Self {
        AppError::BadQuery(problem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_its_documented_status() {
        assert_eq!(AppError::BadRequest.status(), 400);
        assert_eq!(AppError::BadQuery(QueryProblem::BadPage).status(), 400);
        assert_eq!(AppError::BadQuery(QueryProblem::PageOutOfRange { requested: 9, last: 4 }).status(), 404);
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::Conflict.status(), 409);
        assert_eq!(AppError::TooLarge { limit: 1 }.status(), 413);
        assert_eq!(AppError::Invalid(vec![]).status(), 422);
        assert_eq!(AppError::Unauthenticated.status(), 401);
        assert_eq!(AppError::LoginFailed.status(), 401);
        assert_eq!(AppError::TooManyAttempts { retry_after_secs: 60 }.status(), 429);
        assert_eq!(AppError::LinkExpired.status(), 410);
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn undecodable_arguments_are_the_callers_fault() {
        assert_eq!(AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into())), AppError::BadRequest);
        assert_eq!(AppError::from_server_fn_error(ServerFnErrorErr::Deserialization("x".into())), AppError::BadRequest);
        assert!(matches!(AppError::from_server_fn_error(ServerFnErrorErr::Request("x".into())), AppError::Transport(_)));
    }
}
