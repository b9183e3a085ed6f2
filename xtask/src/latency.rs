//! Latency figures the benchmarks report: nearest-rank percentiles, mean and max, in
//! milliseconds, and their JSON form.

use serde_json::{json, Value};

/// Latency figures for one set of timed requests (nearest-rank percentiles).
pub struct Latency {
    pub samples: usize,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub mean: f64,
    pub max: f64,
}

impl Latency {
    pub fn of(mut millis: Vec<f64>) -> Latency {
        millis.sort_by(|a, b| a.total_cmp(b));
        let n = millis.len();
        let rank = |p: f64| {
            if n == 0 {
                return 0.0;
            }
            millis[((p * n as f64).ceil() as usize).clamp(1, n) - 1]
        };
        Latency {
            samples: n,
            p50: rank(0.50),
            p95: rank(0.95),
            p99: rank(0.99),
            // (An empty f64 sum is -0.0.)
            mean: if n == 0 {
                0.0
            } else {
                millis.iter().sum::<f64>() / n as f64
            },
            max: millis.last().copied().unwrap_or(0.0),
        }
    }

    pub fn json(&self) -> Value {
        json!({
            "samples": self.samples,
            "p50_ms": round2(self.p50),
            "p95_ms": round2(self.p95),
            "p99_ms": round2(self.p99),
            "mean_ms": round2(self.mean),
            "max_ms": round2(self.max),
        })
    }
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let l = Latency::of((1..=100).map(f64::from).collect());
        assert_eq!((l.p50, l.p95, l.p99, l.max), (50.0, 95.0, 99.0, 100.0));
        assert_eq!(Latency::of(vec![3.0]).p99, 3.0);
        assert_eq!(Latency::of(Vec::new()).samples, 0);
    }
}
