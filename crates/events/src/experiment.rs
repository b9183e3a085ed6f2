//! A/B tests: which variant a visitor sees (a stable hash of the experiment and the
//! visitor, so every instance and every visit agree without storing anything), and the
//! two-proportion comparison the admin report shows.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use statrs::distribution::{ContinuousCDF, Normal};

/// A variant and its share of the traffic (any positive weights; they need not sum to 100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub name: String,
    pub weight: u32,
}

/// The visitor's position in [0, 1) for this experiment: the first 8 bytes of
/// SHA-256(experiment key, visitor) — uniform, stable across versions and machines, and
/// independent between experiments.
pub fn position(experiment: &str, visitor: &str) -> f64 {
    let digest = Sha256::new()
        .chain_update(experiment.as_bytes())
        .chain_update([0u8])
        .chain_update(visitor.as_bytes())
        .finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    // 53 bits: exactly representable in an f64.
    (u64::from_be_bytes(first) >> 11) as f64 / (1u64 << 53) as f64
}

/// The index of the visitor's variant, by weight; `None` without a positive weight.
pub fn assign(experiment: &str, visitor: &str, variants: &[Variant]) -> Option<usize> {
    let total: u64 = variants.iter().map(|v| u64::from(v.weight)).sum();
    if total == 0 {
        return None;
    }
    let target = position(experiment, visitor) * total as f64;
    let mut upto = 0u64;
    for (i, v) in variants.iter().enumerate() {
        upto += u64::from(v.weight);
        if target < upto as f64 {
            return Some(i);
        }
    }
    variants.iter().rposition(|v| v.weight > 0)
}

/// Visitors exposed to a variant, and how many of them bought within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    pub visitors: u64,
    pub conversions: u64,
}

impl Tally {
    pub fn rate(self) -> f64 {
        if self.visitors == 0 {
            0.0
        } else {
            self.conversions as f64 / self.visitors as f64
        }
    }
}

/// A variant against the control.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Difference of conversion rates, variant − control.
    pub difference: f64,
    /// 95 % interval of the difference (unpooled standard error).
    pub low: f64,
    pub high: f64,
    /// Relative uplift, difference / control rate (`None` when the control never converts).
    pub uplift: Option<f64>,
    pub uplift_low: Option<f64>,
    pub uplift_high: Option<f64>,
    /// Two-proportion z-test (pooled standard error), two-sided.
    pub z: f64,
    pub p_value: f64,
}

/// `None` when either side has no visitors, or nobody (or everybody) converted on both
/// sides: there is nothing to test.
pub fn compare(control: Tally, variant: Tally) -> Option<Comparison> {
    let (n1, n2) = (control.visitors as f64, variant.visitors as f64);
    if n1 == 0.0 || n2 == 0.0 {
        return None;
    }
    let (p1, p2) = (control.rate(), variant.rate());
    let pooled = (control.conversions + variant.conversions) as f64 / (n1 + n2);
    let pooled_se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if pooled_se == 0.0 {
        return None;
    }
    let normal = Normal::new(0.0, 1.0).expect("the standard normal exists");
    let z = (p2 - p1) / pooled_se;
    let p_value = (2.0 * (1.0 - normal.cdf(z.abs()))).clamp(0.0, 1.0);
    let se = (p1 * (1.0 - p1) / n1 + p2 * (1.0 - p2) / n2).sqrt();
    let critical = normal.inverse_cdf(0.975);
    let difference = p2 - p1;
    let (low, high) = (difference - critical * se, difference + critical * se);
    let relative = |x: f64| (p1 > 0.0).then(|| x / p1);
    Some(Comparison {
        difference,
        low,
        high,
        uplift: relative(difference),
        uplift_low: relative(low),
        uplift_high: relative(high),
        z,
        p_value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variants(weights: &[u32]) -> Vec<Variant> {
        weights
            .iter()
            .enumerate()
            .map(|(i, &w)| Variant {
                name: format!("v{i}"),
                weight: w,
            })
            .collect()
    }

    #[test]
    fn a_visitor_always_gets_the_same_variant() {
        let v = variants(&[50, 50]);
        for visitor in ["a", "b", "someone-else", "عربي"] {
            let first = assign("product-recs", visitor, &v);
            for _ in 0..10 {
                assert_eq!(assign("product-recs", visitor, &v), first);
            }
        }
    }

    #[test]
    fn the_split_follows_the_weights() {
        for weights in [[50u32, 50], [90, 10], [1, 3]] {
            let v = variants(&weights);
            let n = 20_000;
            let first = (0..n)
                .filter(|i| assign("exp", &format!("visitor-{i}"), &v) == Some(0))
                .count() as f64;
            let expected = weights[0] as f64 / (weights[0] + weights[1]) as f64;
            // Four standard deviations of a binomial share at n = 20,000.
            let tolerance = 4.0 * (expected * (1.0 - expected) / n as f64).sqrt();
            assert!(
                (first / n as f64 - expected).abs() < tolerance,
                "{weights:?}: {}",
                first / n as f64
            );
        }
        assert_eq!(assign("exp", "x", &variants(&[0, 0])), None);
        assert_eq!(assign("exp", "x", &variants(&[0, 5])), Some(1));
    }

    #[test]
    fn experiments_split_independently() {
        let v = variants(&[50, 50]);
        let n = 10_000;
        let same = (0..n)
            .filter(|i| {
                let id = format!("visitor-{i}");
                assign("one", &id, &v) == assign("two", &id, &v)
            })
            .count() as f64;
        assert!((same / n as f64 - 0.5).abs() < 0.03, "{}", same / n as f64);
    }

    #[test]
    fn statistics_match_known_values() {
        // 100/1000 vs 130/1000: pooled p = 0.115, z = 2.1027, p = 0.0355 (two-sided).
        let c = compare(
            Tally {
                visitors: 1000,
                conversions: 100,
            },
            Tally {
                visitors: 1000,
                conversions: 130,
            },
        )
        .unwrap();
        assert!((c.z - 2.1027).abs() < 1e-3, "{c:?}");
        assert!((c.p_value - 0.0355).abs() < 5e-4, "{c:?}");
        // Unpooled se = sqrt(.1·.9/1000 + .13·.87/1000) = 0.014251; 1.95996 · se = 0.027932.
        assert!((c.difference - 0.03).abs() < 1e-12);
        assert!((c.low - (0.03 - 0.027932)).abs() < 1e-5, "{c:?}");
        assert!((c.high - (0.03 + 0.027932)).abs() < 1e-5, "{c:?}");
        assert!((c.uplift.unwrap() - 0.3).abs() < 1e-9);
        // 200/2000 vs 200/2000: no difference at all.
        let same = compare(
            Tally {
                visitors: 2000,
                conversions: 200,
            },
            Tally {
                visitors: 2000,
                conversions: 200,
            },
        )
        .unwrap();
        assert_eq!(same.z, 0.0);
        assert!((same.p_value - 1.0).abs() < 1e-12);
        // 50/500 vs 30/500: z = −2.3313, p = 0.01974.
        let worse = compare(
            Tally {
                visitors: 500,
                conversions: 50,
            },
            Tally {
                visitors: 500,
                conversions: 30,
            },
        )
        .unwrap();
        assert!((worse.z + 2.3313).abs() < 1e-3, "{worse:?}");
        assert!((worse.p_value - 0.01974).abs() < 2e-4, "{worse:?}");
        assert!(worse.high < 0.0);
    }

    #[test]
    fn nothing_to_test_is_none() {
        assert!(compare(
            Tally::default(),
            Tally {
                visitors: 10,
                conversions: 1
            }
        )
        .is_none());
        assert!(compare(
            Tally {
                visitors: 10,
                conversions: 0
            },
            Tally {
                visitors: 10,
                conversions: 0
            }
        )
        .is_none());
        let no_control = compare(
            Tally {
                visitors: 10,
                conversions: 0,
            },
            Tally {
                visitors: 10,
                conversions: 2,
            },
        )
        .unwrap();
        assert!(no_control.uplift.is_none());
    }
}
