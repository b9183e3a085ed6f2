//! What a notification says: the order updates customers hear about and the JSON the
//! service worker shows.

use serde::{Deserialize, Serialize};

/// The JSON inside every push message. The service worker (`/sw.js`) shows `title` and
/// `body`, opens `url` (a path of this shop) on click, and a later message with the same
/// `tag` replaces the earlier notification of that order instead of stacking up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    pub title: String,
    pub body: String,
    pub url: String,
    pub tag: String,
    /// The notification's language and direction (`ar`/`rtl`), so the browser lays an
    /// Arabic notification out right to left.
    pub lang: String,
    pub dir: String,
}

/// The order moves a customer is told about, by the order's new status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderUpdate {
    /// The card payment arrived (`paid`): the order is confirmed.
    Confirmed,
    /// On its way (with the tracking number when staff gave one).
    Shipped,
    Delivered,
    Cancelled,
    Refunded,
    PartiallyRefunded,
}

impl OrderUpdate {
    pub const ALL: [OrderUpdate; 6] = [
        OrderUpdate::Confirmed,
        OrderUpdate::Shipped,
        OrderUpdate::Delivered,
        OrderUpdate::Cancelled,
        OrderUpdate::Refunded,
        OrderUpdate::PartiallyRefunded,
    ];

    /// The update an order's new status (the orders crate's snake_case word) means, if
    /// any. `processing` and the statuses an order starts in are not announced.
    pub fn for_status(status: &str) -> Option<OrderUpdate> {
        Some(match status {
            "paid" => OrderUpdate::Confirmed,
            "shipped" => OrderUpdate::Shipped,
            "delivered" => OrderUpdate::Delivered,
            "cancelled" => OrderUpdate::Cancelled,
            "refunded" => OrderUpdate::Refunded,
            "partially_refunded" => OrderUpdate::PartiallyRefunded,
            _ => return None,
        })
    }

    /// The Fluent keys of the notification's title and body (`$number`, `$tracking`).
    pub fn fluent_keys(self, tracked: bool) -> (&'static str, &'static str) {
        match self {
            OrderUpdate::Confirmed => ("push-order-confirmed-title", "push-order-confirmed-body"),
            OrderUpdate::Shipped if tracked => (
                "push-order-shipped-title",
                "push-order-shipped-body-tracked",
            ),
            OrderUpdate::Shipped => ("push-order-shipped-title", "push-order-shipped-body"),
            OrderUpdate::Delivered => ("push-order-delivered-title", "push-order-delivered-body"),
            OrderUpdate::Cancelled => ("push-order-cancelled-title", "push-order-cancelled-body"),
            OrderUpdate::Refunded => ("push-order-refunded-title", "push-order-refunded-body"),
            OrderUpdate::PartiallyRefunded => (
                "push-order-partially-refunded-title",
                "push-order-partially-refunded-body",
            ),
        }
    }
}

impl Payload {
    /// The notification of `update` to order `number`, in `locale`; `url` is the order
    /// page's path (with the guest key when the subscriber is a guest).
    #[cfg(feature = "ssr")]
    pub fn order_update(
        locale: dokkan_core::Locale,
        number: &str,
        update: OrderUpdate,
        tracking: Option<&str>,
        url: String,
    ) -> Payload {
        let tracking = tracking.map(str::trim).filter(|t| !t.is_empty());
        let (title, body) = update.fluent_keys(tracking.is_some());
        let args: [(&str, dokkan_i18n::Arg); 2] = [
            ("number", number.into()),
            ("tracking", tracking.unwrap_or("").into()),
        ];
        Payload {
            title: dokkan_i18n::t_args(locale, title, &args),
            body: dokkan_i18n::t_args(locale, body, &args),
            url,
            tag: format!("order-{number}"),
            lang: locale.as_str().to_string(),
            dir: locale.dir().as_str().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_announced_statuses_make_updates() {
        for status in ["pending_payment", "placed", "processing", "", "Shipped"] {
            assert_eq!(OrderUpdate::for_status(status), None, "{status}");
        }
        assert_eq!(
            OrderUpdate::for_status("paid"),
            Some(OrderUpdate::Confirmed)
        );
        assert_eq!(
            OrderUpdate::for_status("partially_refunded"),
            Some(OrderUpdate::PartiallyRefunded)
        );
    }

    #[test]
    fn the_payload_is_exactly_six_fields() {
        let payload = Payload {
            title: "t".into(),
            body: "b".into(),
            url: "/en/orders/DK-12345678?key=k".into(),
            tag: "order-DK-12345678".into(),
            lang: "ar".into(),
            dir: "rtl".into(),
        };
        let json = serde_json_like(&payload);
        assert_eq!(
            json,
            r#"{"title":"t","body":"b","url":"/en/orders/DK-12345678?key=k","tag":"order-DK-12345678","lang":"ar","dir":"rtl"}"#
        );
    }

    #[cfg(feature = "ssr")]
    fn serde_json_like(payload: &Payload) -> String {
        serde_json::to_string(payload).unwrap()
    }

    #[cfg(not(feature = "ssr"))]
    fn serde_json_like(payload: &Payload) -> String {
        format!(
            r#"{{"title":"{}","body":"{}","url":"{}","tag":"{}","lang":"{}","dir":"{}"}}"#,
            payload.title, payload.body, payload.url, payload.tag, payload.lang, payload.dir
        )
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_update_speaks_both_languages() {
        use dokkan_core::Locale;
        for locale in Locale::ALL {
            for update in OrderUpdate::ALL {
                for tracking in [None, Some("EG123456789")] {
                    let payload = Payload::order_update(
                        locale,
                        "DK-12345678",
                        update,
                        tracking,
                        format!("/{locale}/orders/DK-12345678"),
                    );
                    let (title_key, body_key) = update.fluent_keys(tracking.is_some());
                    assert_ne!(payload.title, title_key, "{locale} {title_key} is missing");
                    assert_ne!(payload.body, body_key, "{locale} {body_key} is missing");
                    assert!(payload.title.contains("DK-12345678"), "{payload:?}");
                    if let (OrderUpdate::Shipped, Some(tracking)) = (update, tracking) {
                        assert!(payload.body.contains(tracking), "{payload:?}");
                    }
                    assert_eq!(payload.tag, "order-DK-12345678");
                }
            }
        }
    }
}
