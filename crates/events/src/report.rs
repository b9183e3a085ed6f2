//! The analytics report's figures: the daily funnel, products' views against purchases,
//! and the recommendation lists' clicks and attributed revenue. A person is the account
//! (directly or through a visitor who signed in), else the visitor id; a shopper without
//! consent has no id, so each of their events counts once.

use serde::{Deserialize, Serialize};

/// One day of the funnel (UTC).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelDay {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub visitors: i64,
    pub viewed: i64,
    pub carted: i64,
    pub checked_out: i64,
    pub purchased: i64,
    /// What the purchases' lines came to, in minor units.
    pub revenue_minor: i64,
}

impl FunnelDay {
    /// The steps in order, for tables and rates.
    pub fn steps(&self) -> [i64; 5] {
        [
            self.visitors,
            self.viewed,
            self.carted,
            self.checked_out,
            self.purchased,
        ]
    }

    /// Every day added up (the people of different days are different visits).
    pub fn total(days: &[FunnelDay]) -> FunnelDay {
        days.iter().fold(FunnelDay::default(), |t, d| FunnelDay {
            day: String::new(),
            visitors: t.visitors + d.visitors,
            viewed: t.viewed + d.viewed,
            carted: t.carted + d.carted,
            checked_out: t.checked_out + d.checked_out,
            purchased: t.purchased + d.purchased,
            revenue_minor: t.revenue_minor + d.revenue_minor,
        })
    }
}

/// `part / whole`, none when there is no whole.
pub fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// A product's events over the range.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductFigures {
    pub product_id: i64,
    pub views: i64,
    pub carts: i64,
    /// Purchase lines.
    pub purchases: i64,
    pub revenue_minor: i64,
}

/// A recommendation list (placement and model) over the range.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFigures {
    pub placement: String,
    pub model: String,
    pub impressions: i64,
    pub clicks: i64,
    /// Purchase lines of a clicked product by the same person within the attribution
    /// window after the click (the last click before the purchase takes it).
    pub purchases: i64,
    pub revenue_minor: i64,
}

/// Days after a click within which a purchase of that product counts for the list.
pub const ATTRIBUTION_DAYS: i32 = 7;

#[cfg(feature = "ssr")]
pub use db::*;

#[cfg(feature = "ssr")]
mod db {
    use chrono::NaiveDate;
    use sqlx::{PgPool, Row as _};

    use super::*;
    use crate::EventsError;

    type Result<T> = std::result::Result<T, EventsError>;

    /// The person an event belongs to, as training reads it (NULL without consent).
    const PERSON: &str =
        "COALESCE('u' || COALESCE(e.user_id, va.user_id)::text, 'v' || e.visitor_id)";

    /// The funnel for every day from `from` to `to` (inclusive), days without events
    /// included. Each day's events are first cut down to one row per step and person
    /// (integer keys: a person is the account, else a 64-bit hash of the visitor id), so
    /// that a month of a busy shop is grouped in memory rather than sorted as text.
    pub async fn funnel(pool: &PgPool, from: NaiveDate, to: NaiveDate) -> Result<Vec<FunnelDay>> {
        let mut tx = pool.begin().await?;
        // A report reads a lot once; the session's default would spill its grouping to disk.
        sqlx::query("SET LOCAL work_mem = '128MB'")
            .execute(&mut *tx)
            .await?;
        let rows = sqlx::query(
            "WITH x AS ( \
                 SELECT (e.occurred_at AT TIME ZONE 'UTC')::date AS day, \
                        CASE e.kind WHEN 'product_view' THEN 1 WHEN 'add_to_cart' THEN 2 \
                                    WHEN 'checkout_started' THEN 3 ELSE 4 END AS step, \
                        COALESCE(e.user_id, va.user_id, hashtextextended(e.visitor_id, 0)) AS person, \
                        e.value_minor, e.order_id \
                   FROM events e LEFT JOIN visitor_accounts va ON va.visitor_id = e.visitor_id \
                  WHERE e.occurred_at >= $1::date AT TIME ZONE 'UTC' \
                    AND e.occurred_at < ($2::date + 1) AT TIME ZONE 'UTC' \
                    AND e.kind IN ('product_view', 'add_to_cart', 'checkout_started', 'purchase') \
             ), once AS ( \
                 SELECT day, step, person, count(*) AS n, coalesce(sum(value_minor), 0) AS value \
                   FROM x GROUP BY day, step, person, CASE WHEN person IS NULL AND step = 4 THEN order_id END \
             ), per_day AS ( \
                 SELECT day, \
                        count(DISTINCT person) + coalesce(sum(n) FILTER (WHERE person IS NULL AND step = 1), 0) AS visitors, \
                        count(*) FILTER (WHERE step = 1 AND person IS NOT NULL) \
                          + coalesce(sum(n) FILTER (WHERE person IS NULL AND step = 1), 0) AS viewed, \
                        count(*) FILTER (WHERE step = 2 AND person IS NOT NULL) \
                          + coalesce(sum(n) FILTER (WHERE person IS NULL AND step = 2), 0) AS carted, \
                        count(*) FILTER (WHERE step = 3 AND person IS NOT NULL) \
                          + coalesce(sum(n) FILTER (WHERE person IS NULL AND step = 3), 0) AS checked_out, \
                        count(*) FILTER (WHERE step = 4) AS purchased, \
                        coalesce(sum(value) FILTER (WHERE step = 4), 0) AS revenue \
                   FROM once GROUP BY day \
             ) \
             SELECT d::date::text AS day, \
                    coalesce(p.visitors, 0)::bigint AS visitors, coalesce(p.viewed, 0)::bigint AS viewed, \
                    coalesce(p.carted, 0)::bigint AS carted, coalesce(p.checked_out, 0)::bigint AS checked_out, \
                    coalesce(p.purchased, 0)::bigint AS purchased, coalesce(p.revenue, 0)::bigint AS revenue \
               FROM generate_series($1::date, $2::date, interval '1 day') d \
               LEFT JOIN per_day p ON p.day = d::date \
              ORDER BY d",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(rows
            .iter()
            .map(|r| FunnelDay {
                day: r.get("day"),
                visitors: r.get("visitors"),
                viewed: r.get("viewed"),
                carted: r.get("carted"),
                checked_out: r.get("checked_out"),
                purchased: r.get("purchased"),
                revenue_minor: r.get("revenue"),
            })
            .collect())
    }

    /// The most viewed products (then the most bought), with their carts and purchases.
    pub async fn top_products(
        pool: &PgPool,
        from: NaiveDate,
        to: NaiveDate,
        limit: i64,
    ) -> Result<Vec<ProductFigures>> {
        let rows = sqlx::query(
            "SELECT product_id, \
                    count(*) FILTER (WHERE kind = 'product_view') AS views, \
                    count(*) FILTER (WHERE kind = 'add_to_cart') AS carts, \
                    count(*) FILTER (WHERE kind = 'purchase') AS purchases, \
                    coalesce(sum(value_minor) FILTER (WHERE kind = 'purchase'), 0)::bigint AS revenue \
               FROM events \
              WHERE occurred_at >= $1::date AT TIME ZONE 'UTC' AND occurred_at < ($2::date + 1) AT TIME ZONE 'UTC' \
                AND product_id IS NOT NULL AND kind IN ('product_view', 'add_to_cart', 'purchase') \
              GROUP BY product_id ORDER BY views DESC, purchases DESC, product_id LIMIT $3",
        )
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| ProductFigures {
                product_id: r.get("product_id"),
                views: r.get("views"),
                carts: r.get("carts"),
                purchases: r.get("purchases"),
                revenue_minor: r.get("revenue"),
            })
            .collect())
    }

    /// Every recommendation list shown in the range: impressions, clicks, and the
    /// purchases its clicks led to within [`ATTRIBUTION_DAYS`].
    pub async fn lists(pool: &PgPool, from: NaiveDate, to: NaiveDate) -> Result<Vec<ListFigures>> {
        let sql = format!(
            "WITH shown AS ( \
                 SELECT placement, model, \
                        count(*) FILTER (WHERE kind = 'recommendation_impression') AS impressions, \
                        count(*) FILTER (WHERE kind = 'recommendation_click') AS clicks \
                   FROM events \
                  WHERE occurred_at >= $1::date AT TIME ZONE 'UTC' AND occurred_at < ($2::date + 1) AT TIME ZONE 'UTC' \
                    AND kind IN ('recommendation_impression', 'recommendation_click') AND placement IS NOT NULL \
                  GROUP BY placement, model \
             ), clicks AS ( \
                 SELECT e.occurred_at, e.placement, e.model, e.product_id, {PERSON} AS person \
                   FROM events e LEFT JOIN visitor_accounts va ON va.visitor_id = e.visitor_id \
                  WHERE e.kind = 'recommendation_click' \
                    AND e.occurred_at >= $1::date AT TIME ZONE 'UTC' AND e.occurred_at < ($2::date + 1) AT TIME ZONE 'UTC' \
             ), bought AS ( \
                 SELECT e.occurred_at, e.product_id, e.order_id, e.value_minor, {PERSON} AS person \
                   FROM events e LEFT JOIN visitor_accounts va ON va.visitor_id = e.visitor_id \
                  WHERE e.kind = 'purchase' \
                    AND e.occurred_at >= $1::date AT TIME ZONE 'UTC' \
                    AND e.occurred_at < ($2::date + 1 + $3) AT TIME ZONE 'UTC' \
             ), credited AS ( \
                 SELECT DISTINCT ON (b.order_id, b.product_id, b.occurred_at) c.placement, c.model, b.value_minor \
                   FROM bought b JOIN clicks c \
                     ON c.person = b.person AND c.product_id = b.product_id \
                    AND c.occurred_at <= b.occurred_at AND b.occurred_at < c.occurred_at + make_interval(days => $3) \
                  ORDER BY b.order_id, b.product_id, b.occurred_at, c.occurred_at DESC \
             ), earned AS ( \
                 SELECT placement, model, count(*) AS purchases, coalesce(sum(value_minor), 0)::bigint AS revenue \
                   FROM credited GROUP BY placement, model \
             ) \
             SELECT s.placement, coalesce(s.model, '') AS model, s.impressions, s.clicks, \
                    coalesce(r.purchases, 0) AS purchases, coalesce(r.revenue, 0)::bigint AS revenue \
               FROM shown s LEFT JOIN earned r ON r.placement = s.placement AND r.model IS NOT DISTINCT FROM s.model \
              ORDER BY s.placement, s.model"
        );
        let rows = sqlx::query(&sql)
            .bind(from)
            .bind(to)
            .bind(ATTRIBUTION_DAYS)
            .fetch_all(pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| ListFigures {
                placement: r.get("placement"),
                model: r.get("model"),
                impressions: r.get("impressions"),
                clicks: r.get("clicks"),
                purchases: r.get("purchases"),
                revenue_minor: r.get("revenue"),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_every_day_and_rates_need_a_whole() {
        let day = |v, p| FunnelDay {
            visitors: v,
            viewed: v,
            purchased: p,
            revenue_minor: p * 100,
            ..FunnelDay::default()
        };
        let total = FunnelDay::total(&[day(10, 1), day(5, 2)]);
        assert_eq!(
            (total.visitors, total.purchased, total.revenue_minor),
            (15, 3, 300)
        );
        assert_eq!(rate(3, 15), Some(0.2));
        assert_eq!(rate(1, 0), None);
    }
}
