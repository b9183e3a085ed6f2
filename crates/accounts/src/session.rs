//! Who is signed in, and the rules for refresh-token rotation. The rules are plain
//! functions over the stored state so they can be property-tested without a database.

use crate::Role;
use dokkan_core::Locale;
use serde::{Deserialize, Serialize};

/// The signed-in person as pages and server functions see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub user_id: i64,
    pub session_id: i64,
    pub name: String,
    pub role: Role,
    pub locale: Locale,
}

/// What the database knows about a presented refresh token, read under a row lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredRefresh {
    /// Seconds since the token was replaced by its successor, if it was.
    pub rotated_secs_ago: Option<i64>,
    /// The session (token family) was revoked: signed out, password changed, reuse seen.
    pub session_revoked: bool,
    /// The session outlived its absolute lifetime.
    pub session_expired: bool,
    /// The account was disabled by an admin.
    pub user_disabled: bool,
}

/// What to do with a presented refresh token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshDecision {
    /// The current token: replace it with a new one and issue an access token.
    Rotate,
    /// A token replaced a moment ago: another tab or a parallel request of the same browser
    /// won the race. Issue an access token only; the browser already holds the successor.
    Concurrent,
    /// An old token came back after its successor was issued: someone copied it.
    /// Revoke the whole family.
    Reuse,
    /// The session is over (revoked, expired, account disabled): signed out.
    Dead,
}

/// The rotation rule. `grace_secs` is the window in which a replaced token still counts as
/// a race between tabs rather than theft.
pub fn refresh_decision(stored: StoredRefresh, grace_secs: i64) -> RefreshDecision {
    if stored.session_revoked || stored.session_expired || stored.user_disabled {
        return RefreshDecision::Dead;
    }
    match stored.rotated_secs_ago {
        None => RefreshDecision::Rotate,
        Some(age) if (0..=grace_secs).contains(&age) => RefreshDecision::Concurrent,
        Some(_) => RefreshDecision::Reuse,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn live(rotated: Option<i64>) -> StoredRefresh {
        StoredRefresh {
            rotated_secs_ago: rotated,
            session_revoked: false,
            session_expired: false,
            user_disabled: false,
        }
    }

    #[test]
    fn current_token_rotates() {
        assert_eq!(refresh_decision(live(None), 10), RefreshDecision::Rotate);
    }

    #[test]
    fn a_replaced_token_is_a_race_only_inside_the_grace_window() {
        assert_eq!(
            refresh_decision(live(Some(0)), 10),
            RefreshDecision::Concurrent
        );
        assert_eq!(
            refresh_decision(live(Some(10)), 10),
            RefreshDecision::Concurrent
        );
        assert_eq!(refresh_decision(live(Some(11)), 10), RefreshDecision::Reuse);
        assert_eq!(refresh_decision(live(Some(1)), 0), RefreshDecision::Reuse);
    }

    proptest! {
        #[test]
        fn a_dead_session_never_yields_a_token(
            rotated in proptest::option::of(-5i64..100_000),
            revoked: bool, expired: bool, disabled: bool, grace in 0i64..60,
        ) {
            prop_assume!(revoked || expired || disabled);
            let stored = StoredRefresh {
                rotated_secs_ago: rotated,
                session_revoked: revoked,
                session_expired: expired,
                user_disabled: disabled,
            };
            prop_assert_eq!(refresh_decision(stored, grace), RefreshDecision::Dead);
        }

        #[test]
        fn a_replaced_token_never_rotates_again(age in -5i64..100_000, grace in 0i64..60) {
            let decision = refresh_decision(live(Some(age)), grace);
            prop_assert_ne!(decision, RefreshDecision::Rotate);
            if age > grace {
                prop_assert_eq!(decision, RefreshDecision::Reuse);
            }
        }
    }
}
