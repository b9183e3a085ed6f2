//! Messages per client to the assistant: one a second on average, bursts of twenty — a
//! person typing, not a script. Keyed by the visitor id (with consent), else the address;
//! shared by the chat (page, panel, REST) and the parse endpoint. Per process: with
//! several instances each allows its own share.

use governor::{clock::Clock as _, DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;

pub struct ChatLimit(DefaultKeyedRateLimiter<String>);

impl Default for ChatLimit {
    fn default() -> Self {
        ChatLimit(RateLimiter::keyed(
            Quota::per_second(NonZeroU32::MIN).allow_burst(NonZeroU32::new(20).expect("not zero")),
        ))
    }
}

impl ChatLimit {
    /// `Err(seconds to wait)` when the client is over its share.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        self.0.check_key(&key.to_string()).map_err(|not_until| {
            let clock = governor::clock::DefaultClock::default();
            not_until.wait_time_from(clock.now()).as_secs().max(1)
        })
    }

    /// Forgets clients that are back to a full bucket (called now and then).
    pub fn shrink(&self) {
        self.0.retain_recent();
    }
}

/// Who the limit counts: the visitor (with consent), else the client's address.
pub fn client_key(
    shopper: Option<&crate::shopper::Shopper>,
    address: Option<std::net::IpAddr>,
) -> String {
    if let Some(visitor) = shopper.and_then(|s| s.visitor.as_ref()) {
        return format!("v:{}", visitor.as_str());
    }
    match address {
        Some(ip) => format!("a:{ip}"),
        None => "a:unknown".to_string(),
    }
}
