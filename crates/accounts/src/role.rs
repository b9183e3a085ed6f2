//! What a person may do: shop, work in the back office, or also manage staff.

use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// Stored and serialized as the lowercase word; a new account is a customer until an admin
/// says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Customer,
    Staff,
    Admin,
}

/// `FromStr` refused the text; it carries what was given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}")]
pub struct UnknownRole(pub String);

impl Role {
    pub const ALL: [Role; 3] = [Role::Customer, Role::Staff, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    /// Exact lowercase words only: roles come from our database and tokens, never from a
    /// person's typing, so leniency would only hide corruption.
    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    /// Whether this role may use what needs `needed`: the one table of who may do what,
    /// asked by pages, server functions and the REST API alike.
    pub fn allows(self, needed: Permission) -> bool {
        match needed {
            Permission::Shop => true,
            Permission::BackOffice => matches!(self, Role::Staff | Role::Admin),
            Permission::People => self == Role::Admin,
        }
    }
}

/// What a part of the shop needs of the person using it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Shopping, and one's own account and orders.
    Shop,
    /// The back office: dashboard, orders, products, categories, import and export,
    /// discounts, shipping.
    BackOffice,
    /// People: customers, roles, disabling accounts, and the audit log of it all.
    People,
}

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::parse(s).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(role.to_string(), role.as_str());
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), role);
        }
        assert_eq!(Role::Customer.as_str(), "customer");
        assert_eq!(Role::Staff.as_str(), "staff");
        assert_eq!(Role::Admin.as_str(), "admin");
    }

    #[test]
    fn unknown_words() {
        for bad in ["", "Admin", " admin", "root", "superuser"] {
            assert_eq!(Role::parse(bad), None, "{bad}");
            assert_eq!(bad.parse::<Role>(), Err(UnknownRole(bad.to_owned())));
        }
        assert!(serde_json::from_str::<Role>("\"owner\"").is_err());
    }

    #[test]
    fn permissions() {
        use Permission::*;
        for (role, shop, back_office, people) in [
            (Role::Customer, true, false, false),
            (Role::Staff, true, true, false),
            (Role::Admin, true, true, true),
        ] {
            assert_eq!(role.allows(Shop), shop, "{role}");
            assert_eq!(role.allows(BackOffice), back_office, "{role}");
            assert_eq!(role.allows(People), people, "{role}");
        }
    }

    #[test]
    fn default_is_customer() {
        assert_eq!(Role::default(), Role::Customer);
    }
}
