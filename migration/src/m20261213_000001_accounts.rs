//! Accounts, sessions and the history of changes (issue 7):
//!
//! - `accounts`: one person, identified by a normalised e-mail address. `password_hash` is an
//!   argon2id PHC string, empty until an invited merchant sets a password. `is_admin` marks the
//!   town's administrators. `sessions_valid_after` ends every session older than it in one write
//!   ("log out everywhere", password change).
//! - `memberships`: who works for which business, as `owner` or `staff`.
//! - `sessions`: server-side sessions. The cookie carries a random token; the row is keyed by
//!   its SHA-256 (a leaked table or backup opens no session). Inactivity and absolute expiry are
//!   stored so that every instance enforces the same rule.
//! - `auth_tokens`: single-use links (invitation, password reset, e-mail change), stored hashed,
//!   with their expiry, use and revocation.
//! - `login_throttle`: failed logins per IP and per account, shared by every instance.
//! - `audit_log`: every change to a business — who, when, what. It keeps the business id as a
//!   plain number (no foreign key), so the history outlives the business.
//! - `businesses` gains `version` (optimistic concurrency: a save names the version it was
//!   edited from), descriptions in Dutch and English (French stays the required one), and the
//!   reason an administrator gave for unpublishing.
//!
//! These tables get no data-version trigger: no public page shows them (see
//! `m20261128_000002_data_version`). One operation per `alter_table` (SQLite).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .if_not_exists()
                    .col(pk_auto(Accounts::Id))
                    .col(string_len_uniq(Accounts::Email, 254))
                    .col(string_len(Accounts::PasswordHash, 200).default(""))
                    .col(string_len(Accounts::Language, 2).default("fr"))
                    .col(boolean(Accounts::IsAdmin).default(false))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .col(timestamp_with_time_zone(Accounts::SessionsValidAfter))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Memberships::Table)
                    .if_not_exists()
                    .col(pk_auto(Memberships::Id))
                    .col(integer(Memberships::AccountId))
                    .col(integer(Memberships::BusinessId))
                    .col(string_len(Memberships::Role, 16))
                    .col(timestamp_with_time_zone(Memberships::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_account")
                            .from(Memberships::Table, Memberships::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_business")
                            .from(Memberships::Table, Memberships::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_memberships_account_business")
                    .table(Memberships::Table)
                    .col(Memberships::AccountId)
                    .col(Memberships::BusinessId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_memberships_business")
                    .table(Memberships::Table)
                    .col(Memberships::BusinessId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .if_not_exists()
                    // Hex SHA-256 of the cookie's token.
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(integer(Sessions::AccountId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sessions_account")
                            .from(Sessions::Table, Sessions::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_sessions_account").table(Sessions::Table).col(Sessions::AccountId).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuthTokens::Table)
                    .if_not_exists()
                    .col(pk_auto(AuthTokens::Id))
                    .col(string_len_uniq(AuthTokens::TokenHash, 64))
                    // invitation | password_reset | email_change
                    .col(string_len(AuthTokens::Purpose, 32))
                    .col(integer_null(AuthTokens::AccountId))
                    // The address the link was sent to (the new one for an e-mail change).
                    .col(string_len(AuthTokens::Email, 254))
                    .col(integer_null(AuthTokens::BusinessId))
                    .col(string_len_null(AuthTokens::Role, 16))
                    .col(integer_null(AuthTokens::CreatedBy))
                    .col(timestamp_with_time_zone(AuthTokens::CreatedAt))
                    .col(timestamp_with_time_zone(AuthTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(AuthTokens::UsedAt))
                    .col(timestamp_with_time_zone_null(AuthTokens::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_auth_tokens_account")
                            .from(AuthTokens::Table, AuthTokens::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_auth_tokens_business")
                            .from(AuthTokens::Table, AuthTokens::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_auth_tokens_business")
                    .table(AuthTokens::Table)
                    .col(AuthTokens::BusinessId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .if_not_exists()
                    // `ip:<address>` or `account:<e-mail>`.
                    .col(string_len(LoginThrottle::Key, 300).primary_key())
                    .col(integer(LoginThrottle::Failures))
                    .col(timestamp_with_time_zone(LoginThrottle::WindowStartedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(pk_auto(AuditLog::Id))
                    .col(integer_null(AuditLog::BusinessId))
                    .col(integer_null(AuditLog::AccountId))
                    // The actor's e-mail at the time: the history stays readable after the
                    // account is gone.
                    .col(string_len(AuditLog::ActorEmail, 254))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(string_len(AuditLog::Action, 64))
                    // JSON: the fields that changed, with their old and new values.
                    .col(text(AuditLog::Details))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_business_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::BusinessId)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;

        manager
            .alter_table(
                Table::alter()
                    .table(Businesses::Table)
                    .add_column(ColumnDef::new(Businesses::Version).integer().not_null().default(1))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(Businesses::Table).add_column(ColumnDef::new(Businesses::DescriptionNl).text().null()).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(Businesses::Table).add_column(ColumnDef::new(Businesses::DescriptionEn).text().null()).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Businesses::Table)
                    .add_column(ColumnDef::new(Businesses::UnpublishedReason).text().null())
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Businesses::UnpublishedReason, Businesses::DescriptionEn, Businesses::DescriptionNl, Businesses::Version] {
            manager.alter_table(Table::alter().table(Businesses::Table).drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(AuditLog::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(LoginThrottle::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(AuthTokens::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Sessions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Memberships::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Accounts::Table).to_owned()).await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    Email,
    PasswordHash,
    Language,
    IsAdmin,
    CreatedAt,
    SessionsValidAfter,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Id,
    AccountId,
    BusinessId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    AccountId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AuthTokens {
    Table,
    Id,
    TokenHash,
    Purpose,
    AccountId,
    Email,
    BusinessId,
    Role,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Failures,
    WindowStartedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    BusinessId,
    AccountId,
    ActorEmail,
    At,
    Action,
    Details,
}

#[derive(DeriveIden)]
enum Businesses {
    Table,
    Id,
    Version,
    DescriptionNl,
    DescriptionEn,
    UnpublishedReason,
}
