//! A page of an admin list: its rows, how many match in all, and which page it is.

use serde::{Deserialize, Serialize};

/// Rows per admin list page.
pub const PAGE_SIZE: i64 = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    pub total: i64,
    /// 1-based.
    pub page: u32,
}

impl<T> Paged<T> {
    pub fn pages(&self) -> u32 {
        ((self.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1) as u32
    }

    /// The `OFFSET` of page `page` (1-based; 0 and 1 are the first).
    pub fn offset(page: u32) -> i64 {
        (page.max(1) as i64 - 1) * PAGE_SIZE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_round_up_and_offsets_start_at_zero() {
        let paged = |total| Paged::<()> {
            rows: vec![],
            total,
            page: 1,
        };
        assert_eq!(paged(0).pages(), 1);
        assert_eq!(paged(25).pages(), 1);
        assert_eq!(paged(26).pages(), 2);
        assert_eq!(Paged::<()>::offset(0), 0);
        assert_eq!(Paged::<()>::offset(3), 50);
    }
}
