//! Errors of the domain layer and how they become the public `AppError`: database failures are
//! logged here with their details and reach the user only as "internal error".

use common::query::QueryProblem;
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
        }
    }
}
