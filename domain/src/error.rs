//! Errors of the domain layer and how they become the public `AppError`: database failures are
//! logged here with their details and reach the user only as "internal error".

use common::query::QueryProblem;
use common::error::FieldProblem;
use common::AppError;
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("not found")]
    NotFound,
    #[error("bad query: {0}")]
    BadQuery(#[from] QueryProblem),
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("invalid data: {0}")]
    InvalidData(String),
    /// The actor may not do this (authorisation is decided in the domain, see `crate::authz`).
    #[error("forbidden")]
    Forbidden,
    /// No account is logged in, or its session ended.
    #[error("unauthenticated")]
    Unauthenticated,
    /// The record changed since the form was loaded.
    #[error("conflict")]
    Conflict,
    /// The input cannot be accepted; one entry per field.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldProblem>),
    #[error("login failed")]
    LoginFailed,
    #[error("too many attempts")]
    TooManyAttempts { retry_after_secs: u32 },
    #[error("link expired")]
    LinkExpired,
    /// Something the server could not do (a worker thread that died, say); logged, never shown.
    #[error("internal: {0}")]
    Internal(String),
}

impl DomainError {
    pub fn field(field: &str, problem: &str) -> Self {
        DomainError::Invalid(vec![FieldProblem::new(field, problem)])
    }
}

impl From<DomainError> for AppError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::NotFound => AppError::NotFound,
            DomainError::BadQuery(problem) => AppError::BadQuery(problem),
            DomainError::Database(e) => {
                tracing::error!(error = %e, "database error");
                AppError::Internal
            }
            DomainError::InvalidData(e) => {
                tracing::error!(error = %e, "invalid stored data");
                AppError::Internal
            }
            DomainError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                AppError::Internal
            }
            DomainError::Forbidden => AppError::Forbidden,
            DomainError::Unauthenticated => AppError::Unauthenticated,
            DomainError::Conflict => AppError::Conflict,
            DomainError::Invalid(problems) => AppError::Invalid(problems),
            DomainError::LoginFailed => AppError::LoginFailed,
            DomainError::TooManyAttempts { retry_after_secs } => AppError::TooManyAttempts { retry_after_secs },
            DomainError::LinkExpired => AppError::LinkExpired,
        }
    }
}
