//! Every accounts query, by concern. Functions that touch a person's data take the
//! person's id and filter by it in SQL, so a guessed row id never reaches another
//! person's row.

pub use crate::records::{Profile, SavedAddress};
use crate::{
    session::{refresh_decision, CurrentUser, RefreshDecision, StoredRefresh},
    token::{new_key_material, new_secret, secret_hash, Lifetimes},
    AccountsError, Address, Email, Governorate, PasswordHash, PersonName, PhoneNumber, Role,
};
use dokkan_core::Locale;
use sqlx::{PgConnection, PgPool, Postgres, Row as _, Transaction};

type Result<T> = std::result::Result<T, AccountsError>;

fn corrupt(what: &str) -> AccountsError {
    AccountsError::Corrupt(what.to_string())
}

fn role(text: &str) -> Result<Role> {
    Role::parse(text).ok_or_else(|| corrupt("users.role"))
}

fn locale(text: &str) -> Result<Locale> {
    Locale::from_url_segment(text).ok_or_else(|| corrupt("users.locale"))
}

mod addresses;
mod cleanup;
mod links;
mod sessions;
mod signing_key;
mod throttle;
mod users;

pub use addresses::*;
pub use cleanup::*;
pub use links::*;
pub use sessions::*;
pub use signing_key::*;
pub use throttle::*;
pub use users::*;
