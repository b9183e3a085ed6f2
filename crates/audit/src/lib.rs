//! The admin audit log. Triggers on the tables admins write (migration
//! `create_audit_log`) record every changed row with its before and after, in the same
//! transaction as the write, once that transaction has said who is acting and why
//! ([`db::begin`]). This crate holds that door and the log's read model; the types here
//! also compile to WASM for the audit screen.

#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};

/// What an admin did, as the log names it: `order.ship`, `user.set-role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Action(&'static str);

impl Action {
    /// Panics on a name the log's CHECK would refuse: actions are constants in code.
    pub const fn new(name: &'static str) -> Action {
        let bytes = name.as_bytes();
        assert!(!bytes.is_empty(), "empty audit action");
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            assert!(
                b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'_',
                "audit actions are lower-case words joined by . - _"
            );
            i += 1;
        }
        Action(name)
    }

    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

/// One field that an entry changed; `None` where the row did not exist (or the field
/// was absent) on that side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One row an admin action wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor_user_id: Option<i64>,
    pub actor_email: String,
    pub ip: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub kind: EntryKind,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryKind {
    Created,
    Updated,
    Deleted,
}

impl EntryKind {
    pub fn fluent_key(self) -> &'static str {
        match self {
            EntryKind::Created => "audit-kind-created",
            EntryKind::Updated => "audit-kind-updated",
            EntryKind::Deleted => "audit-kind-deleted",
        }
    }
}

/// What the audit screen filters by; empty fields match everything. Dates are
/// `YYYY-MM-DD`, inclusive, in UTC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Keyset paging: entries older than this id.
    pub before_id: Option<i64>,
}

/// A page of entries, newest first, and where the next one starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub entries: Vec<Entry>,
    pub next_before_id: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[cfg(feature = "ssr")]
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("bad filter: {0}")]
    Filter(&'static str),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_constants_with_the_logs_alphabet() {
        assert_eq!(Action::new("order.ship").as_str(), "order.ship");
        assert!(std::panic::catch_unwind(|| Action::new("Order Ship")).is_err());
        assert!(std::panic::catch_unwind(|| Action::new("")).is_err());
    }
}
