//! What a cart costs: subtotal, discount, shipping and total, all integer minor units
//! (piastres for EGP). No floats come near a price, and every sum is checked: an overflow
//! is a refusal (`None`), never a wrapped number.
//!
//! Rounding rule: a percentage discount is computed once, on the whole subtotal, and
//! rounded half up to the piastre (`subtotal × p / 100`, with exactly half a piastre going
//! to the shopper). It is never computed per line and summed, so there is no drift between
//! lines and total, and the discount is within half a piastre of the exact value. A fixed
//! discount is capped at the subtotal, so an order never costs less than its shipping.
//!
//! Free shipping looks at the subtotal after the discount: a code cannot both lower the
//! price below the threshold and keep the delivery free.
//!
//! The browser shows [`Totals`] the server computed; the server recomputes them from the
//! database at checkout and never trusts totals sent back.

use crate::Quantity;
use dokkan_core::{Currency, Money};
use serde::{Deserialize, Serialize};

/// Holds `total = subtotal − discount + shipping`, `0 ≤ discount ≤ subtotal` and every
/// amount non-negative and in one currency, when it comes from [`Totals::compute`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Totals {
    pub subtotal: Money,
    pub discount: Money,
    pub shipping: Money,
    pub total: Money,
}

impl Totals {
    /// The currency all four amounts share.
    pub fn currency(&self) -> Currency {
        self.total.currency()
    }

    /// Unit price times quantity; `None` on overflow or a negative price. Lines are summed
    /// exactly; only the discount is ever rounded.
    pub fn line_total(unit: Money, q: Quantity) -> Option<Money> {
        line_total(unit, q)
    }

    /// The totals of `lines` (unit price, quantity) with a discount amount already
    /// decided by [`DiscountRule::check`]. A discount larger than the subtotal (the cart
    /// shrank after the code was checked) is capped at the subtotal.
    ///
    /// `None` for an empty cart (there is nothing to price or ship), on overflow, for a
    /// negative price, discount or shipping rate, and when the amounts are not all in
    /// one currency.
    pub fn compute(
        lines: &[(Money, Quantity)],
        discount: Option<Money>,
        shipping: &ShippingRate,
    ) -> Option<Totals> {
        let currency = lines.first()?.0.currency();
        let same = |m: Money| m.currency() == currency;

        let mut subtotal: i64 = 0;
        for &(unit, q) in lines {
            if !same(unit) {
                return None;
            }
            subtotal = subtotal.checked_add(line_total(unit, q)?.minor())?;
        }

        let discount = match discount {
            None => 0,
            Some(d) if same(d) && d.minor() >= 0 => d.minor().min(subtotal),
            Some(_) => return None,
        };

        let rate_ok = same(shipping.rate)
            && shipping.rate.minor() >= 0
            && shipping.free_over.is_none_or(same);
        if !rate_ok {
            return None;
        }

        // 0 ≤ discount ≤ subtotal, so this cannot overflow or go negative.
        let discounted = subtotal - discount;
        let shipping = shipping.cost(Money::new(discounted, currency)).minor();
        let total = discounted.checked_add(shipping)?;

        Some(Totals {
            subtotal: Money::new(subtotal, currency),
            discount: Money::new(discount, currency),
            shipping: Money::new(shipping, currency),
            total: Money::new(total, currency),
        })
    }
}

/// [`Totals::line_total`], for code inside the crate.
pub fn line_total(unit: Money, q: Quantity) -> Option<Money> {
    if unit.minor() < 0 {
        return None;
    }
    let minor = unit.minor().checked_mul(i64::from(q.get()))?;
    Some(Money::new(minor, unit.currency()))
}

/// How a discount code lowers the price. Stored with a database check keeping percentages
/// in 1..=100; [`DiscountRule::check`] clamps anyway, so a bad row can never discount
/// more than the subtotal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountKind {
    /// Percent of the subtotal, 1..=100.
    Percent(u8),
    /// A fixed amount off, capped at the subtotal.
    Fixed(Money),
}

/// The pricing terms of a discount code. Usage limits (how many times in all, once per
/// customer) need the database and are checked by the SQL side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DiscountRule {
    pub kind: DiscountKind,
    /// Inclusive: a subtotal of exactly this much qualifies.
    pub min_subtotal: Money,
    /// Unix seconds, inclusive.
    pub starts_at: Option<i64>,
    /// Unix seconds, exclusive: a code "valid until midnight" ends at midnight.
    pub ends_at: Option<i64>,
}

impl DiscountRule {
    /// The discount this rule gives on `subtotal` at `now` (unix seconds), between zero
    /// and the subtotal.
    ///
    /// Time is checked before the minimum: "this code has expired" is the more useful
    /// thing to tell someone than "spend more". A rule in another currency than the cart
    /// is, for that cart, no code at all ([`DiscountRejection::Unknown`]).
    pub fn check(&self, subtotal: Money, now: i64) -> Result<Money, DiscountRejection> {
        if self.starts_at.is_some_and(|starts| now < starts) {
            return Err(DiscountRejection::NotStarted);
        }
        if self.ends_at.is_some_and(|ends| now >= ends) {
            return Err(DiscountRejection::Expired);
        }
        let currency = subtotal.currency();
        let fixed_currency_ok = match self.kind {
            DiscountKind::Percent(_) => true,
            DiscountKind::Fixed(amount) => amount.currency() == currency,
        };
        if self.min_subtotal.currency() != currency || !fixed_currency_ok {
            return Err(DiscountRejection::Unknown);
        }
        if subtotal.minor() < self.min_subtotal.minor() {
            return Err(DiscountRejection::BelowMinimum {
                minimum: self.min_subtotal,
            });
        }
        let base = subtotal.minor().max(0);
        let minor = match self.kind {
            DiscountKind::Percent(p) => percent_of(base, p.min(100)),
            DiscountKind::Fixed(amount) => amount.minor().clamp(0, base),
        };
        Ok(Money::new(minor, currency))
    }
}

/// `base × percent / 100` rounded half up, for `base ≥ 0` and `percent ≤ 100`.
///
/// Splitting `base` into hundreds and a remainder keeps it exact in `i64` without any
/// possible overflow: `hundreds × percent ≤ base`, and the remainder part is below 10,000.
fn percent_of(base: i64, percent: u8) -> i64 {
    debug_assert!(base >= 0 && percent <= 100);
    let percent = i64::from(percent);
    let (hundreds, rest) = (base / 100, base % 100);
    hundreds * percent + (rest * percent + 50) / 100
}

/// Why a discount code does not apply. The first three and the minimum are decided here;
/// the others need the database and are decided by the SQL side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
pub enum DiscountRejection {
    /// No such code (or not for this shop's currency). Deliberately not distinguished
    /// from a disabled code, so codes cannot be probed.
    #[error("unknown discount code")]
    Unknown,
    #[error("discount code not valid yet")]
    NotStarted,
    #[error("discount code expired")]
    Expired,
    /// The page says how much the subtotal has to reach.
    #[error("subtotal below the code's minimum of {minimum}")]
    BelowMinimum { minimum: Money },
    /// Every use the code allows has been taken.
    #[error("discount code used up")]
    UsedUp,
    /// This customer has already used a once-per-customer code.
    #[error("discount code already used")]
    AlreadyUsed,
}

impl DiscountRejection {
    pub fn fluent_key(self) -> &'static str {
        match self {
            DiscountRejection::Unknown => "discount-unknown",
            DiscountRejection::NotStarted => "discount-not-started",
            DiscountRejection::Expired => "discount-expired",
            DiscountRejection::BelowMinimum { .. } => "discount-below-minimum",
            DiscountRejection::UsedUp => "discount-used-up",
            DiscountRejection::AlreadyUsed => "discount-already-used",
        }
    }
}

/// A flat delivery charge, waived from a threshold on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ShippingRate {
    pub rate: Money,
    /// Inclusive: a discounted subtotal of exactly this much ships free.
    pub free_over: Option<Money>,
}

impl ShippingRate {
    /// What delivery costs for a subtotal after the discount.
    pub fn cost(&self, discounted_subtotal: Money) -> Money {
        if self.is_free_for(discounted_subtotal) {
            Money::new(0, self.rate.currency())
        } else {
            self.rate
        }
    }

    /// How much more the shopper has to add for free delivery ("add EGP 150.00 more for
    /// free shipping"); `None` when there is no threshold or it is already reached.
    pub fn until_free(&self, discounted_subtotal: Money) -> Option<Money> {
        let threshold = self.free_over?;
        if threshold.currency() != discounted_subtotal.currency()
            || self.is_free_for(discounted_subtotal)
        {
            return None;
        }
        let missing = threshold.minor().checked_sub(discounted_subtotal.minor())?;
        Some(Money::new(missing, threshold.currency()))
    }

    fn is_free_for(&self, discounted_subtotal: Money) -> bool {
        self.free_over.is_some_and(|threshold| {
            threshold.currency() == discounted_subtotal.currency()
                && discounted_subtotal.minor() >= threshold.minor()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn egp(minor: i64) -> Money {
        Money::egp(minor)
    }

    fn q(n: i64) -> Quantity {
        Quantity::new(n).unwrap()
    }

    fn percent(p: u8) -> DiscountRule {
        DiscountRule {
            kind: DiscountKind::Percent(p),
            min_subtotal: egp(0),
            starts_at: None,
            ends_at: None,
        }
    }

    fn fixed(minor: i64) -> DiscountRule {
        DiscountRule {
            kind: DiscountKind::Fixed(egp(minor)),
            ..percent(1)
        }
    }

    const FLAT_50: ShippingRate = ShippingRate {
        rate: Money::egp(5_000),
        free_over: None,
    };

    #[test]
    fn percent_rounds_half_up_to_the_piastre() {
        let cases = [
            // (subtotal, percent, discount)
            (150, 1, 2),      // 1.5 → 2
            (149, 1, 1),      // 1.49 → 1
            (250, 1, 3),      // 2.5 → 3: half up, not to even
            (4_995, 10, 500), // 499.5 → 500
            (4_994, 10, 499), // 499.4 → 499
            (1, 50, 1),       // 0.5 → 1
            (1, 49, 0),       // 0.49 → 0
            (0, 100, 0),
            (12_345, 100, 12_345),
            (99_999, 15, 15_000), // 14,999.85 → 15,000
            (i64::MAX, 100, i64::MAX),
            (i64::MAX, 50, i64::MAX / 2 + 1), // exactly x.5 → up
        ];
        for (subtotal, p, expected) in cases {
            assert_eq!(
                percent(p).check(egp(subtotal), 0),
                Ok(egp(expected)),
                "{p}% of {subtotal}"
            );
        }
    }

    #[test]
    fn out_of_range_percentages_stay_within_the_subtotal() {
        assert_eq!(percent(0).check(egp(10_000), 0), Ok(egp(0)));
        assert_eq!(percent(101).check(egp(10_000), 0), Ok(egp(10_000)));
        assert_eq!(percent(255).check(egp(10_000), 0), Ok(egp(10_000)));
    }

    #[test]
    fn fixed_is_capped_at_the_subtotal() {
        assert_eq!(fixed(5_000).check(egp(20_000), 0), Ok(egp(5_000)));
        assert_eq!(fixed(5_000).check(egp(5_000), 0), Ok(egp(5_000)));
        assert_eq!(fixed(5_000).check(egp(3_000), 0), Ok(egp(3_000)));
        assert_eq!(fixed(-5).check(egp(3_000), 0), Ok(egp(0)));
    }

    #[test]
    fn minimum_subtotal_is_inclusive() {
        let rule = DiscountRule {
            min_subtotal: egp(50_000),
            ..percent(10)
        };
        assert_eq!(rule.check(egp(50_000), 0), Ok(egp(5_000)));
        assert_eq!(
            rule.check(egp(49_999), 0),
            Err(DiscountRejection::BelowMinimum {
                minimum: egp(50_000)
            })
        );
    }

    #[test]
    fn validity_window_starts_inclusive_and_ends_exclusive() {
        let rule = DiscountRule {
            starts_at: Some(1_000),
            ends_at: Some(2_000),
            ..percent(10)
        };
        assert_eq!(
            rule.check(egp(100), 999),
            Err(DiscountRejection::NotStarted)
        );
        assert_eq!(rule.check(egp(100), 1_000), Ok(egp(10)));
        assert_eq!(rule.check(egp(100), 1_999), Ok(egp(10)));
        assert_eq!(rule.check(egp(100), 2_000), Err(DiscountRejection::Expired));
        assert_eq!(rule.check(egp(100), 2_001), Err(DiscountRejection::Expired));

        let open_ended = DiscountRule {
            starts_at: None,
            ends_at: None,
            ..rule
        };
        assert_eq!(open_ended.check(egp(100), i64::MIN), Ok(egp(10)));
        assert_eq!(open_ended.check(egp(100), i64::MAX), Ok(egp(10)));
    }

    #[test]
    fn time_is_reported_before_the_minimum() {
        let rule = DiscountRule {
            min_subtotal: egp(1_000_000),
            starts_at: Some(10),
            ends_at: Some(20),
            ..percent(10)
        };
        assert_eq!(rule.check(egp(1), 5), Err(DiscountRejection::NotStarted));
        assert_eq!(rule.check(egp(1), 20), Err(DiscountRejection::Expired));
        assert!(matches!(
            rule.check(egp(1), 15),
            Err(DiscountRejection::BelowMinimum { .. })
        ));
    }

    #[test]
    fn rejection_keys() {
        let all = [
            (DiscountRejection::Unknown, "discount-unknown"),
            (DiscountRejection::NotStarted, "discount-not-started"),
            (DiscountRejection::Expired, "discount-expired"),
            (
                DiscountRejection::BelowMinimum { minimum: egp(1) },
                "discount-below-minimum",
            ),
            (DiscountRejection::UsedUp, "discount-used-up"),
            (DiscountRejection::AlreadyUsed, "discount-already-used"),
        ];
        for (rejection, key) in all {
            assert_eq!(rejection.fluent_key(), key);
        }
    }

    #[test]
    fn free_shipping_threshold_is_inclusive_and_after_discount() {
        let rate = ShippingRate {
            rate: egp(6_000),
            free_over: Some(egp(100_000)),
        };
        assert_eq!(rate.cost(egp(100_000)), egp(0));
        assert_eq!(rate.cost(egp(99_999)), egp(6_000));
        assert_eq!(rate.until_free(egp(99_999)), Some(egp(1)));
        assert_eq!(rate.until_free(egp(100_000)), None);
        assert_eq!(FLAT_50.until_free(egp(0)), None);
        assert_eq!(FLAT_50.cost(egp(i64::MAX)), egp(5_000));

        // 1,000.00 of goods with 100.00 off is 900.00: delivery is charged.
        let lines = [(egp(50_000), q(2))];
        let totals = Totals::compute(&lines, Some(egp(10_000)), &rate).unwrap();
        assert_eq!(totals.subtotal, egp(100_000));
        assert_eq!(totals.discount, egp(10_000));
        assert_eq!(totals.shipping, egp(6_000));
        assert_eq!(totals.total, egp(96_000));

        let totals = Totals::compute(&lines, None, &rate).unwrap();
        assert_eq!(totals.shipping, egp(0));
        assert_eq!(totals.total, egp(100_000));
    }

    #[test]
    fn computes_a_cart() {
        let lines = [(egp(44_900), q(2)), (egp(12_950), q(1)), (egp(5), q(99))];
        assert_eq!(line_total(egp(44_900), q(2)), Some(egp(89_800)));
        assert_eq!(Totals::line_total(egp(44_900), q(2)), Some(egp(89_800)));
        let subtotal = 89_800 + 12_950 + 495;
        let discount = percent(15).check(egp(subtotal), 0).unwrap();
        assert_eq!(discount, egp(15_487)); // 15,486.75 → 15,487
        let totals = Totals::compute(&lines, Some(discount), &FLAT_50).unwrap();
        assert_eq!(
            totals,
            Totals {
                subtotal: egp(103_245),
                discount: egp(15_487),
                shipping: egp(5_000),
                total: egp(103_245 - 15_487 + 5_000),
            }
        );
        assert_eq!(totals.currency(), Currency::Egp);
    }

    #[test]
    fn refusals() {
        assert_eq!(Totals::compute(&[], None, &FLAT_50), None);
        assert_eq!(Totals::line_total(egp(-1), q(1)), None);
        assert_eq!(Totals::line_total(egp(i64::MAX / 2), q(3)), None);
        assert_eq!(Totals::compute(&[(egp(-1), q(1))], None, &FLAT_50), None);
        assert_eq!(
            Totals::compute(&[(egp(i64::MAX / 2), q(3))], None, &FLAT_50),
            None
        );
        // Each line fits; their sum does not.
        assert_eq!(
            Totals::compute(
                &[(egp(i64::MAX / 99), q(99)), (egp(i64::MAX / 99), q(99))],
                None,
                &FLAT_50
            ),
            None
        );
        // Subtotal fits; adding shipping does not.
        assert_eq!(
            Totals::compute(&[(egp(i64::MAX), q(1))], None, &FLAT_50),
            None
        );
        assert_eq!(
            Totals::compute(&[(egp(100), q(1))], Some(egp(-1)), &FLAT_50),
            None
        );
        let negative_rate = ShippingRate {
            rate: egp(-1),
            free_over: None,
        };
        assert_eq!(
            Totals::compute(&[(egp(100), q(1))], None, &negative_rate),
            None
        );
    }

    #[test]
    fn stale_discount_is_capped() {
        let totals = Totals::compute(&[(egp(1_000), q(1))], Some(egp(5_000)), &FLAT_50).unwrap();
        assert_eq!(totals.discount, egp(1_000));
        assert_eq!(totals.total, egp(5_000));
    }

    fn lines() -> impl Strategy<Value = Vec<(Money, Quantity)>> {
        prop::collection::vec((0i64..=50_000_000, 1i64..=99), 1..12)
            .prop_map(|v| v.into_iter().map(|(p, n)| (egp(p), q(n))).collect())
    }

    fn rule() -> impl Strategy<Value = DiscountRule> {
        prop_oneof![
            (1u8..=100).prop_map(percent),
            (0i64..=10_000_000_000).prop_map(fixed),
        ]
    }

    fn shipping() -> impl Strategy<Value = ShippingRate> {
        (0i64..=20_000, prop::option::of(0i64..=2_000_000_000)).prop_map(|(rate, free)| {
            ShippingRate {
                rate: egp(rate),
                free_over: free.map(egp),
            }
        })
    }

    fn subtotal_of(lines: &[(Money, Quantity)]) -> Money {
        Totals::compute(lines, None, &FLAT_50).unwrap().subtotal
    }

    proptest! {
        #[test]
        fn totals_add_up(lines in lines(), rule in rule(), rate in shipping()) {
            let discount = rule.check(subtotal_of(&lines), 0).unwrap();
            let t = Totals::compute(&lines, Some(discount), &rate).unwrap();
            prop_assert_eq!(t.discount, discount);
            prop_assert_eq!(t.total.minor(), t.subtotal.minor() - t.discount.minor() + t.shipping.minor());
            prop_assert!(t.discount.minor() >= 0);
            prop_assert!(t.discount.minor() <= t.subtotal.minor());
            prop_assert!(t.shipping.minor() >= 0 && t.total.minor() >= 0);
            prop_assert_eq!(t.shipping, rate.cost(egp(t.subtotal.minor() - t.discount.minor())));
            let sum: i64 = lines.iter().map(|&(u, n)| u.minor() * i64::from(n.get())).sum();
            prop_assert_eq!(t.subtotal.minor(), sum);
        }

        #[test]
        fn percent_is_within_half_a_piastre(subtotal in 0i64..=i64::MAX, p in 1u8..=100) {
            let d = percent(p).check(egp(subtotal), 0).unwrap().minor();
            // exact − d lies in [−½, ½) piastre, in hundredths of a piastre:
            let diff = i128::from(subtotal) * i128::from(p) - i128::from(d) * 100;
            prop_assert!((-50..50).contains(&diff), "{p}% of {subtotal} gave {d}");
        }

        #[test]
        fn full_percent_leaves_only_shipping(lines in lines(), rate in shipping()) {
            let discount = percent(100).check(subtotal_of(&lines), 0).unwrap();
            let t = Totals::compute(&lines, Some(discount), &rate).unwrap();
            prop_assert_eq!(t.discount, t.subtotal);
            prop_assert_eq!(t.total, t.shipping);
            prop_assert_eq!(t.shipping, rate.cost(egp(0)));
        }

        #[test]
        fn line_order_and_splitting_do_not_matter(
            (lines, shuffled) in lines().prop_flat_map(|l| (Just(l.clone()), Just(l).prop_shuffle())),
            split_at in any::<prop::sample::Index>(),
            rule in rule(),
            rate in shipping(),
        ) {
            let discount = rule.check(subtotal_of(&lines), 0).unwrap();
            let reference = Totals::compute(&lines, Some(discount), &rate);
            prop_assert_eq!(Totals::compute(&shuffled, Some(discount), &rate), reference);
            prop_assert_eq!(rule.check(subtotal_of(&shuffled), 0), Ok(discount));

            // The same goods as two lines of the same price (e.g. added twice).
            let i = split_at.index(lines.len());
            let (unit, n) = lines[i];
            if n.get() > 1 {
                let mut split = lines.clone();
                split[i] = (unit, q(1));
                split.push((unit, q(i64::from(n.get()) - 1)));
                prop_assert_eq!(Totals::compute(&split, Some(discount), &rate), reference);
            }
        }

        #[test]
        fn fixed_above_subtotal_caps(lines in lines(), extra in 0i64..=1_000_000, rate in shipping()) {
            let subtotal = subtotal_of(&lines);
            let discount = fixed(subtotal.minor() + extra).check(subtotal, 0).unwrap();
            prop_assert_eq!(discount, subtotal);
            let t = Totals::compute(&lines, Some(discount), &rate).unwrap();
            prop_assert_eq!(t.total, t.shipping);
        }

        #[test]
        fn shipping_is_rate_or_free(rate in shipping(), subtotal in 0i64..=4_000_000_000) {
            let cost = rate.cost(egp(subtotal));
            prop_assert!(cost == rate.rate || cost == egp(0));
            match rate.until_free(egp(subtotal)) {
                Some(missing) => {
                    prop_assert_eq!(cost, rate.rate);
                    prop_assert!(missing.minor() > 0);
                    prop_assert_eq!(rate.cost(egp(subtotal + missing.minor())), egp(0));
                }
                None => prop_assert!(rate.free_over.is_none() || cost == egp(0)),
            }
        }
    }
}
