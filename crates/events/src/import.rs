//! `dokkan events import FILE.csv`: another shop's history, `visitor_id,handle,event,ts`.
//! Every row is checked before anything is written; rows naming products this shop does
//! not have are reported by line and skipped only when the caller says so.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::{Event, EventsError, Kind, VisitorId};

/// A parsed file: the events to write and the lines that named unknown products.
#[derive(Debug, Default)]
pub struct Parsed {
    pub events: Vec<Event>,
    pub unknown: Vec<(u64, String)>,
}

/// Reads the CSV; `products` maps handles to product ids. Any malformed row is an error
/// naming its line (nothing is imported).
pub fn parse(
    reader: impl std::io::Read,
    products: &HashMap<String, i64>,
) -> Result<Parsed, EventsError> {
    let mut csv = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(reader);
    let headers = csv
        .headers()
        .map_err(|e| EventsError::Csv(e.to_string()))?
        .clone();
    let expected = ["visitor_id", "handle", "event", "ts"];
    let position = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let columns: Vec<usize> = expected
        .iter()
        .map(|name| {
            position(name).ok_or_else(|| EventsError::BadRow {
                line: 1,
                reason: format!(
                    "the header has no `{name}` column (expected {})",
                    expected.join(",")
                ),
            })
        })
        .collect::<Result<_, _>>()?;
    let mut parsed = Parsed::default();
    for record in csv.records() {
        let record = record.map_err(|e| EventsError::Csv(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| record.get(columns[i]).unwrap_or("");
        let bad = |reason: String| EventsError::BadRow { line, reason };
        let visitor = VisitorId::try_from(cell(0)).map_err(|e| bad(e.to_string()))?;
        let kind = match Kind::parse(cell(2)) {
            Some(k @ (Kind::ProductView | Kind::AddToCart | Kind::Purchase)) => k,
            _ => {
                return Err(bad(format!(
                    "event `{}` is not one of product_view, add_to_cart, purchase",
                    cell(2)
                )))
            }
        };
        let at = parse_time(cell(3))
            .ok_or_else(|| bad(format!("`{}` is not an ISO 8601 time", cell(3))))?;
        let handle = cell(1);
        match products.get(handle) {
            Some(&product_id) => parsed.events.push(
                Event::new(kind, at.timestamp_millis())
                    .by(Some(visitor), None)
                    .product(product_id),
            ),
            None => parsed.unknown.push((line, handle.to_string())),
        }
    }
    Ok(parsed)
}

/// RFC 3339 with an offset, or a date and time without one (taken as UTC), or a date.
fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Some(t.and_utc());
        }
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn products() -> HashMap<String, i64> {
        [("mug".to_string(), 1), ("tea".to_string(), 2)]
            .into_iter()
            .collect()
    }

    #[test]
    fn rows_become_events_and_unknown_handles_are_listed_by_line() {
        let text = "visitor_id,handle,event,ts\n\
                    v1,mug,product_view,2026-03-01T10:00:00Z\n\
                    v1,kettle,purchase,2026-03-01T10:05:00+02:00\n\
                    v2,tea,purchase,2026-03-02 09:00:00\n";
        let parsed = parse(text.as_bytes(), &products()).unwrap();
        assert_eq!(parsed.events.len(), 2);
        assert_eq!(parsed.events[1].kind, Kind::Purchase);
        assert_eq!(parsed.events[1].product_id, Some(2));
        assert_eq!(parsed.unknown, vec![(3, "kettle".to_string())]);
    }

    #[test]
    fn a_bad_row_names_its_line() {
        for (text, line) in [
            ("visitor_id,handle,event,ts\nv1,mug,like,2026-03-01\n", 2),
            ("visitor_id,handle,event,ts\nv1,mug,purchase,yesterday\n", 2),
            ("visitor_id,handle,event,ts\nv1,mug,purchase,2026-03-01\n,mug,purchase,2026-03-01\n", 3),
            ("visitor,handle,event,ts\n", 1),
        ] {
            match parse(text.as_bytes(), &products()) {
                Err(EventsError::BadRow { line: l, .. }) => assert_eq!(l, line, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
