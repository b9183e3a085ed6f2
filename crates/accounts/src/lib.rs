//! People and their sessions: the value types with rules (they compile to WASM too, so
//! islands can pre-check a form) and, behind the `ssr` feature, hashing, tokens and SQL.

mod address;
mod email;
mod governorate;
mod invalid;
mod name;
mod password;
mod phone;
mod records;
mod role;
pub mod session;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod token;

pub use address::{Address, AddressField, AddressInput};
pub use email::Email;
pub use governorate::Governorate;
pub use invalid::Invalid;
pub use name::PersonName;
pub use password::Password;
#[cfg(feature = "ssr")]
pub use password::PasswordHash;
pub use phone::PhoneNumber;
pub use records::{Profile, SavedAddress};
pub use role::{Permission, Role};

/// What can go wrong below the server-function layer.
#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    #[cfg(feature = "ssr")]
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("password hashing failed")]
    Hashing,
    #[error("token signing failed")]
    Signing,
    #[error("stored data breaks a rule: {0}")]
    Corrupt(String),
}
