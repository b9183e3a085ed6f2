//! What the account pages and the API show: plain data, for the browser build too.

use crate::{Address, Role};
use dokkan_core::Locale;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    pub locale: Locale,
    pub role: Role,
    pub email_verified: bool,
}

/// An address in the book, with its id and whether it is the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedAddress {
    pub id: i64,
    pub address: Address,
    pub is_default: bool,
}
