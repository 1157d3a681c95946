//! What the town console shows: every business with its people, freshness and state, one
//! business's administration, and the health of the e-mail queue.

use serde::{Deserialize, Serialize};

use crate::dashboard::CategoryChoice;

/// Longest reason an administrator gives for unpublishing a business (characters).
pub const REASON_MAX: usize = 500;

/// Where a business stands (`state` in the console's filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListingState {
    /// Nobody manages it and nobody was invited.
    Unclaimed,
    /// An invitation is waiting to be accepted.
    Invited,
    /// At least one person manages it.
    Active,
    /// Hidden from the public directory by an administrator.
    Unpublished,
}

impl ListingState {
    pub const ALL: [ListingState; 4] =
        [ListingState::Unclaimed, ListingState::Invited, ListingState::Active, ListingState::Unpublished];

    /// The value in URLs (`?etat=…`).
    pub fn code(self) -> &'static str {
        match self {
            ListingState::Unclaimed => "sans-compte",
            ListingState::Invited => "invite",
            ListingState::Active => "actif",
            ListingState::Unpublished => "depublie",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsoleRow {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub category: String,
    pub owners: Vec<String>,
    pub confirmed_on: String,
    pub days_since_confirmed: i64,
    pub state: ListingState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailProblemRow {
    pub id: i64,
    pub recipient: String,
    pub kind: String,
    pub attempts: i32,
    pub error: String,
    /// `failed` (given up) or `stuck` (due for a while, not sent).
    pub trouble: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailHealth {
    pub pending: u64,
    pub failed: u64,
    pub stuck: u64,
    pub problems: Vec<MailProblemRow>,
}

/// The console's list, after its filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsoleView {
    pub rows: Vec<ConsoleRow>,
    pub total: usize,
    pub categories: Vec<CategoryChoice>,
    pub mail: MailHealth,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub account_id: i32,
    pub email: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub email: String,
    pub role: String,
    pub expires_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    /// The names of the fields the change touched.
    pub fields: Vec<String>,
}

/// One business as the console administers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusinessAdmin {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub published: bool,
    pub unpublished_reason: Option<String>,
    pub days_since_confirmed: i64,
    pub members: Vec<MemberRow>,
    pub invitations: Vec<InvitationRow>,
    pub history: Vec<HistoryRow>,
}
