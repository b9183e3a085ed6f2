//! Who hears about an order's moves, and in which language: the mails (and other
//! notices) written in the transaction of the move read it here.

use super::{corrupt, Result};
use crate::OrderNumber;
use dokkan_core::Locale;
use sqlx::{PgConnection, Row as _};

/// The shopper of an order as the mail about its move addresses them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRecipient {
    /// The address the order was placed with.
    pub email: String,
    /// The account's preferred language when the order has an account (it may have been
    /// changed since), else the language the order was placed in.
    pub locale: Locale,
    /// The name on the shipping address.
    pub name: String,
    pub tracking_number: Option<String>,
}

/// Reads the order on `conn`, so a move's transaction sees its own changes (the tracking
/// number set with the shipping move). `None` for an unknown number.
pub async fn order_recipient(
    conn: &mut PgConnection,
    number: &OrderNumber,
) -> Result<Option<OrderRecipient>> {
    let row = sqlx::query(
        "SELECT o.email, coalesce(u.locale, o.locale) AS locale, o.recipient, o.tracking_number \
           FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.number = $1",
    )
    .bind(number.as_str())
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        Ok(OrderRecipient {
            email: row.try_get("email")?,
            locale: Locale::from_url_segment(row.try_get::<&str, _>("locale")?)
                .ok_or_else(|| corrupt("order locale"))?,
            name: row.try_get("recipient")?,
            tracking_number: row.try_get("tracking_number")?,
        })
    })
    .transpose()
}
