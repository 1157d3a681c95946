//! The one error type that crosses the server-function boundary. It carries what the page needs
//! to show a translated message and to set an honest HTTP status, and never internals
//! (database errors are logged on the server and become `Internal`).

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::codec::JsonText;
use crate::query::QueryProblem;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 404: the business (or page) does not exist.
    #[error("not found")]
    NotFound,
    /// 400 (404 for a page past the end): the directory query cannot be answered.
    #[error("bad directory query: {0}")]
    BadQuery(QueryProblem),
    /// 500: something failed on the server; details are in the server log only.
    #[error("internal error")]
    Internal,
    /// The request never reached our code or its answer could not be read (network, decoding).
    #[error("transport error: {0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status this error deserves.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadQuery(QueryProblem::PageOutOfRange { .. }) => 404,
            AppError::BadQuery(_) => 400,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonText;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl From<QueryProblem> for AppError {
    fn from(problem: QueryProblem) -> Self {
        AppError::BadQuery(problem)
    }
}
