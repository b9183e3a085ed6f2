//! The recommendation blocks pages render on the server: what to show, from which model,
//! and the impression that goes with it. The lists come from memory; the only reads are
//! the shopper's recent history and the cards.

use dokkan_catalog::ProductCard;

/// Cards per block.
pub const BLOCK: usize = 4;

/// Where a list is shown; recorded with its impressions and clicks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    ProductTogether,
    ProductSimilar,
    Home,
    Cart,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::ProductTogether => "product-together",
            Placement::ProductSimilar => "product-similar",
            Placement::Home => "home",
            Placement::Cart => "cart",
        }
    }
}

/// A rendered list: its cards and the `placement.model` its links carry.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub cards: Vec<ProductCard>,
    /// `placement.model`, e.g. `home.blend`.
    pub from: String,
    /// The list's model (`trending` for a new visitor's home page).
    pub model: String,
}

impl Placement {
    pub const ALL: [Placement; 4] = [
        Placement::ProductTogether,
        Placement::ProductSimilar,
        Placement::Home,
        Placement::Cart,
    ];

    pub fn parse(text: &str) -> Option<Placement> {
        Placement::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use std::collections::HashMap;

    use dokkan_events::{Event, Kind, VisitorId};
    use dokkan_recommend::serving::{Loaded, Shopper as Known};
    use dokkan_recommend::{ItemList, Model};

    use super::{Block, Placement, BLOCK};
    use crate::error::AppError;
    use crate::state::AppState;

    /// The product page's A/B test (migration 20261209000003).
    pub const PRODUCT_EXPERIMENT: &str = "product-recommendations";

    /// Who the lists are for: the visitor (with consent), the account, this visit.
    #[derive(Debug, Clone, Default)]
    pub struct Who {
        pub visitor: Option<VisitorId>,
        pub user_id: Option<i64>,
        pub recent: Vec<i64>,
        /// This visit's quiz answers (no consent, not signed in).
        pub taste: Vec<i64>,
    }

    impl Who {
        /// The request being rendered.
        pub fn current() -> Who {
            let shopper = crate::shopper::current();
            Who {
                visitor: shopper.visitor,
                user_id: crate::auth::current_user().map(|u| u.user_id),
                recent: shopper.recent,
                taste: shopper.taste,
            }
        }

        fn record(&self, state: &AppState, event: Event) {
            state
                .events
                .record(event.by(self.visitor.clone(), self.user_id));
        }
    }

    /// A list of product ids and the model that made it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct List {
        pub placement: Placement,
        pub model: Model,
        pub ids: Vec<i64>,
    }

    /// What the shop knows of them: stored history (with consent or signed in), else
    /// nothing; a failed read costs the shopper a personal list, never the page.
    async fn history(state: &AppState, who: &Who) -> Vec<dokkan_events::db::Touch> {
        if who.visitor.is_none() && who.user_id.is_none() {
            return Vec::new();
        }
        dokkan_events::db::history(&state.pool, who.visitor.as_ref(), who.user_id, 50)
            .await
            .unwrap_or_else(|error| {
                tracing::warn!(?error, "reading the shopper's history failed");
                Vec::new()
            })
    }

    /// What the shopper told a taste quiz, per product.
    async fn stated(state: &AppState, who: &Who) -> HashMap<i64, f32> {
        crate::server::quiz::stated(
            state,
            who.user_id,
            who.visitor.as_ref().map(|v| v.as_str()),
            &who.taste,
        )
        .await
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    fn models(state: &AppState) -> Option<std::sync::Arc<Loaded>> {
        state.recommender.current()
    }

    /// The product page's two lists for a product.
    pub async fn product_lists(state: &AppState, who: &Who, product_id: i64) -> Vec<List> {
        let Some(models) = models(state) else {
            return Vec::new();
        };
        let history = history(state, who).await;
        let stated = HashMap::new();
        let known = Known {
            history: &history,
            session: &who.recent,
            stated: &stated,
        };
        let together =
            models.for_product(ItemList::BoughtTogether, product_id, &known, BLOCK, now());
        // The built-in A/B test: item-to-item alone against the blend (a visitor without
        // an id, or a stopped test, gets the blend; a rolled-out winner, everyone).
        let choice = state
            .experiments
            .choose(PRODUCT_EXPERIMENT, who.visitor.as_ref());
        let model = choice
            .as_ref()
            .and_then(|c| Model::parse(&c.variant))
            .unwrap_or(Model::Blend);
        let similar: Vec<i64> = models
            .for_product(
                ItemList::Similar(model),
                product_id,
                &known,
                BLOCK * 2,
                now(),
            )
            .into_iter()
            .filter(|id| !together.contains(id))
            .take(BLOCK)
            .collect();
        if let Some(choice) = choice.filter(|c| c.counted && !similar.is_empty()) {
            let event = Event::new(
                Kind::ExperimentExposure,
                chrono::Utc::now().timestamp_millis(),
            )
            .from_list(Placement::ProductSimilar.as_str(), &choice.variant)
            .detail(serde_json::json!({ "experiment_id": choice.experiment_id }));
            who.record(state, event);
        }
        vec![
            List {
                placement: Placement::ProductTogether,
                model: Model::BoughtTogether,
                ids: together,
            },
            List {
                placement: Placement::ProductSimilar,
                model,
                ids: similar,
            },
        ]
    }

    /// "For you", or "trending" for a visitor the shop knows nothing about.
    pub async fn home_list(state: &AppState, who: &Who) -> Option<List> {
        let models = models(state)?;
        let history = history(state, who).await;
        let stated = stated(state, who).await;
        let known = Known {
            history: &history,
            session: &who.recent,
            stated: &stated,
        };
        // Cold start: the quiz's answers, then this visit's views, then trending.
        let model = if history.is_empty() && who.recent.is_empty() && stated.is_empty() {
            Model::Trending
        } else {
            Model::Blend
        };
        let ids = models.for_you(model, &known, &[], BLOCK * 2, now());
        Some(List {
            placement: Placement::Home,
            model,
            ids,
        })
    }

    /// "You may also like" for what is in the cart and what the shopper did.
    pub async fn cart_list(state: &AppState, who: &Who, in_cart: &[i64]) -> Option<List> {
        let models = models(state)?;
        let history = history(state, who).await;
        // What is in the cart is the strongest evidence of this visit.
        let mut session: Vec<i64> = in_cart.to_vec();
        session.extend(who.recent.iter().filter(|id| !in_cart.contains(id)));
        let stated = stated(state, who).await;
        let known = Known {
            history: &history,
            session: &session,
            stated: &stated,
        };
        let ids = models.for_you(Model::Blend, &known, in_cart, BLOCK, now());
        Some(List {
            placement: Placement::Cart,
            model: Model::Blend,
            ids,
        })
    }

    /// Records that a list was shown (once per list, with its products).
    pub fn record_impression(state: &AppState, who: &Who, list: &List) {
        if list.ids.is_empty() {
            return;
        }
        let event = Event::new(
            Kind::RecommendationImpression,
            chrono::Utc::now().timestamp_millis(),
        )
        .from_list(list.placement.as_str(), list.model.name())
        .detail(serde_json::json!({ "products": list.ids }));
        who.record(state, event);
    }

    async fn block(list: Option<List>) -> Result<Block, AppError> {
        let Some(list) = list else {
            return Ok(Block::default());
        };
        let state = crate::server::support::state();
        let cards = dokkan_catalog::db::cards_by_ids(&state.pool, &list.ids).await?;
        if !cards.is_empty() {
            record_impression(&state, &Who::current(), &list);
        }
        Ok(Block {
            cards,
            from: format!("{}.{}", list.placement.as_str(), list.model.name()),
            model: list.model.name().to_string(),
        })
    }

    /// The product page's "bought together" and "similar items" blocks.
    pub async fn product_blocks(product_id: i64) -> Result<(Block, Block), AppError> {
        let state = crate::server::support::state();
        let mut lists = product_lists(&state, &Who::current(), product_id)
            .await
            .into_iter();
        let together = block(lists.next()).await?;
        let similar = block(lists.next()).await?;
        Ok((together, similar))
    }

    pub async fn home_block() -> Result<Block, AppError> {
        let state = crate::server::support::state();
        block(home_list(&state, &Who::current()).await).await
    }

    pub async fn cart_block(in_cart: &[i64]) -> Result<Block, AppError> {
        let state = crate::server::support::state();
        block(cart_list(&state, &Who::current(), in_cart).await).await
    }

    /// A product page opened from a recommendation (`?rec=placement.model`): the click.
    pub fn record_click(product_id: i64) {
        let Some(from) = crate::request::query_param("rec") else {
            return;
        };
        let Some((placement, model)) = from.split_once('.') else {
            return;
        };
        if let (Some(placement), Some(model)) = (Placement::parse(placement), Model::parse(model)) {
            let state = crate::server::support::state();
            let event = Event::new(
                Kind::RecommendationClick,
                chrono::Utc::now().timestamp_millis(),
            )
            .product(product_id)
            .from_list(placement.as_str(), model.name());
            Who::current().record(&state, event);
        }
    }
}
