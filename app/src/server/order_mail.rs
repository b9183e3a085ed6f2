//! The mails about an order's moves (shipped with its tracking number, delivered,
//! cancelled, refunded), queued on the connection of the move's own transaction: a move
//! that commits has its mail, a refused or rolled-back one has none. The order-placed mail
//! is [`super::orders::confirmation_mail`], queued by checkout and the payment webhook.
//!
//! The mail speaks the shopper's language: the account's preferred one when the order has
//! an account, else the one the order was placed in. A card order whose payment window
//! passed gets no mail: its shopper never had a confirmation either.

use crate::error::AppError;
use dokkan_core::Money;
use dokkan_mail::Letter;
use dokkan_orders::{
    db::{recipient::order_recipient, Signer},
    OrderNumber, OrderStatus, Transition,
};

/// Which mail a move makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderMail {
    Shipped,
    Delivered,
    /// `refund`: what the cancellation gave back, when the order had been paid.
    Cancelled {
        refund: Option<Money>,
    },
    Refunded {
        amount: Money,
    },
}

impl OrderMail {
    /// The mail of a plain state-machine move, if it makes one (processing makes none).
    pub fn after(step: Transition) -> Option<OrderMail> {
        match step.to() {
            OrderStatus::Shipped => Some(OrderMail::Shipped),
            OrderStatus::Delivered => Some(OrderMail::Delivered),
            _ => None,
        }
    }
}

/// Queues `mail` about order `number` on `conn` (the move's transaction), linking to the
/// order page under `public_url` with the order's signed key.
pub async fn queue_order_mail(
    conn: &mut sqlx::PgConnection,
    public_url: &str,
    signer: &Signer,
    number: &OrderNumber,
    mail: OrderMail,
) -> Result<(), AppError> {
    let Some(to) = order_recipient(&mut *conn, number).await? else {
        return Ok(());
    };
    let locale = to.locale;
    let link = super::orders::order_link(public_url, locale, number, signer);
    let name = Some(to.name.as_str());
    let number = number.as_str();
    let refund = match mail {
        OrderMail::Cancelled { refund } => refund.filter(|r| r.minor() > 0),
        OrderMail::Refunded { amount } => Some(amount),
        _ => None,
    }
    .map(|m| m.format(locale));
    let letter = match mail {
        OrderMail::Shipped => Letter::OrderShipped {
            name,
            number,
            tracking: to.tracking_number.as_deref(),
            link: &link,
        },
        OrderMail::Delivered => Letter::OrderDelivered {
            name,
            number,
            link: &link,
        },
        OrderMail::Cancelled { .. } => Letter::OrderCancelled {
            name,
            number,
            refund: refund.as_deref(),
            link: &link,
        },
        OrderMail::Refunded { .. } => Letter::OrderRefunded {
            name,
            number,
            amount: refund.as_deref().unwrap_or_default(),
            link: &link,
        },
    };
    dokkan_mail::enqueue(conn, &letter.compose(locale, &to.email)).await?;
    Ok(())
}

/// [`queue_order_mail`] with this server's public URL and order signer (inside a server
/// function).
pub async fn queue(
    conn: &mut sqlx::PgConnection,
    number: &OrderNumber,
    mail: OrderMail,
) -> Result<(), AppError> {
    let state = super::support::state();
    queue_order_mail(
        conn,
        &state.public_url,
        &state.commerce.signer,
        number,
        mail,
    )
    .await
}
