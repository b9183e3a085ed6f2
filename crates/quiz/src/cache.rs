//! Stated interest per set of answers, kept in memory: quizzes have few answers, so many
//! shoppers share a set, and "for you" then costs the home page one lookup of the
//! shopper's stored answers instead of ranking the catalog on every view. Entries live a
//! few minutes, so an edited quiz or a changed catalog is followed soon by every instance.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::PgPool;

use crate::db::{self, Result};

/// How many products a quiz's answers put forward in "for you".
pub const STATED_PRODUCTS: usize = 40;
const TTL: Duration = Duration::from_secs(300);
const MAX_ENTRIES: usize = 2048;

type Interest = Arc<Vec<(i64, f32)>>;

#[derive(Debug, Default)]
pub struct StatedCache {
    entries: Mutex<HashMap<Vec<i64>, (Instant, Interest)>>,
}

impl StatedCache {
    /// Products and their interest (0–1] for these answers.
    pub async fn get(&self, pool: &PgPool, answer_ids: &[i64]) -> Result<Interest> {
        let mut key = answer_ids.to_vec();
        key.sort_unstable();
        key.dedup();
        if key.is_empty() {
            return Ok(Arc::default());
        }
        if let Some((at, interest)) = self.entries.lock().expect("not poisoned").get(&key) {
            if at.elapsed() < TTL {
                return Ok(interest.clone());
            }
        }
        let answers = db::published_answers(pool, &key).await?;
        let chosen: Vec<&crate::Answer> = answers.iter().collect();
        let ids: Vec<i64> = answers.iter().map(|a| a.id).collect();
        let hits = db::hits(pool, &ids).await?;
        let interest: Interest =
            Arc::new(crate::stated(&crate::rank(&hits, &chosen, STATED_PRODUCTS)));
        let mut entries = self.entries.lock().expect("not poisoned");
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| at.elapsed() < TTL);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (Instant::now(), interest.clone()));
        Ok(interest)
    }

    /// After an admin's edit on this instance: its shoppers see the change at once.
    pub fn clear(&self) {
        self.entries.lock().expect("not poisoned").clear();
    }
}
