//! Why a value was refused. Each reason has a Fluent key; the page shows the message.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
pub enum Invalid {
    #[error("required")]
    Required,
    #[error("too long")]
    TooLong,
    #[error("not an email address")]
    EmailFormat,
    #[error("password shorter than 8 characters")]
    PasswordTooShort,
    #[error("password longer than 128 characters")]
    PasswordTooLong,
    #[error("password is too common")]
    PasswordCommon,
    #[error("not an Egyptian mobile number")]
    PhoneFormat,
    #[error("unknown governorate")]
    GovernorateUnknown,
    #[error("not a number in range")]
    NumberFormat,
}

impl Invalid {
    pub fn fluent_key(self) -> &'static str {
        match self {
            Invalid::Required => "invalid-required",
            Invalid::TooLong => "invalid-too-long",
            Invalid::EmailFormat => "invalid-email",
            Invalid::PasswordTooShort => "invalid-password-short",
            Invalid::PasswordTooLong => "invalid-password-long",
            Invalid::PasswordCommon => "invalid-password-common",
            Invalid::PhoneFormat => "invalid-phone",
            Invalid::GovernorateUnknown => "invalid-governorate",
            Invalid::NumberFormat => "invalid-number",
        }
    }
}
