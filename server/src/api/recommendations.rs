//! `GET /api/v1/recommendations`: the lists the storefront shows, for apps. Personal when
//! the caller is signed in or carries a visitor id they consented to; never cached by a
//! shared cache.

use super::catalog::{self, ProductItem};
use super::{ApiError, ErrorBody};
use app::auth::CurrentUser;
use app::server::recommend::{self, List, Who};
use app::shopper::Shopper;
use app::state::AppState;
use axum::{
    extract::{RawQuery, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Json, Router,
};
use dokkan_catalog::{ParamError, ParamProblem};
use dokkan_core::Slug;
use serde::Serialize;
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new().route("/recommendations", get(recommendations))
}

/// One list: where it is shown, the model that made it, its products.
#[derive(Serialize, ToSchema)]
pub(super) struct RecommendationList {
    /// `product-together`, `product-similar`, `home` or `cart`.
    pub placement: String,
    /// `bought-together`, `blend`, `trending`, …: pass `?rec={placement}.{model}` on the
    /// product URL when a shopper opens one, so the click counts for its list.
    pub model: String,
    pub items: Vec<ProductItem>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct RecommendationsBody {
    pub lists: Vec<RecommendationList>,
}

const MAX_CART_HANDLES: usize = 50;

#[utoipa::path(
    get,
    path = "/api/v1/recommendations",
    tag = "catalog",
    params(
        ("placement" = String, Query, pattern = "^(product|home|cart)$",
            description = "`product`: bought together and similar items for `handle`; `home`: \
                for you (trending for someone the shop does not know); `cart`: you may also \
                like, for the products named by `handle` (repeat it, one per cart product)."),
        ("handle" = Option<Vec<String>>, Query,
            description = "The product (placement=product) or the cart's products (placement=cart)."),
        ("lang" = Option<String>, Query, pattern = "^(en|ar)$",
            description = "Language of names and messages."),
    ),
    responses(
        (status = 200, description = "The lists, possibly empty before the first training.", body = RecommendationsBody),
        (status = 400, description = "A parameter is invalid; `fields` names it.", body = ErrorBody),
        (status = 404, description = "placement=product and no published product has this handle.", body = ErrorBody),
    ),
)]
pub(super) async fn recommendations(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    shopper: Option<Extension<Shopper>>,
    user: Option<Extension<CurrentUser>>,
) -> Result<Response, ApiError> {
    let pairs = catalog::query_pairs(raw.as_deref());
    let reader = catalog::reader(&pairs, &headers)?;
    let locale = reader.locale;
    catalog::only(&pairs, &["lang", "placement", "handle"], locale)?;
    let invalid =
        |name: &str, problem| catalog::invalid_parameter(locale, &ParamError::new(name, problem));
    let handles: Vec<Slug> = pairs
        .iter()
        .filter(|(name, _)| name == "handle")
        .map(|(_, value)| {
            Slug::parse(value.trim()).map_err(|_| invalid("handle", ParamProblem::Invalid))
        })
        .collect::<Result<_, _>>()?;
    let placement = pairs
        .iter()
        .rev()
        .find(|(name, _)| name == "placement")
        .map(|(_, v)| v.trim());
    let shopper = shopper.map(|Extension(s)| s).unwrap_or_default();
    let who = Who {
        visitor: shopper.visitor,
        user_id: user.map(|Extension(u)| u.user_id),
        recent: shopper.recent,
        taste: shopper.taste,
    };
    let internal = |e: dokkan_catalog::CatalogError| ApiError::internal(locale, e);
    let lists: Vec<List> = match placement {
        Some("product") => {
            let [handle] = handles.as_slice() else {
                return Err(invalid("handle", ParamProblem::Invalid));
            };
            let (product_id, _) = dokkan_catalog::db::product_ids(&state.pool, handle)
                .await
                .map_err(internal)?
                .ok_or_else(|| ApiError::new(locale, app::error::AppError::not_found()))?;
            recommend::product_lists(&state, &who, product_id).await
        }
        Some("home") if handles.is_empty() => recommend::home_list(&state, &who)
            .await
            .into_iter()
            .collect(),
        Some("home") => return Err(invalid("handle", ParamProblem::Unknown)),
        Some("cart") if handles.len() <= MAX_CART_HANDLES => {
            let names: Vec<String> = handles.iter().map(|h| h.to_string()).collect();
            let in_cart: Vec<i64> = dokkan_catalog::db::ids_by_handles(&state.pool, &names)
                .await
                .map_err(internal)?
                .into_values()
                .collect();
            recommend::cart_list(&state, &who, &in_cart)
                .await
                .into_iter()
                .collect()
        }
        Some("cart") => return Err(invalid("handle", ParamProblem::OutOfRange)),
        _ => return Err(invalid("placement", ParamProblem::Invalid)),
    };
    let links = catalog::links(&state, locale);
    let mut body = RecommendationsBody { lists: Vec::new() };
    for list in lists {
        let cards = dokkan_catalog::db::cards_by_ids(&state.pool, &list.ids)
            .await
            .map_err(internal)?;
        if !cards.is_empty() {
            recommend::record_impression(&state, &who, &list);
        }
        body.lists.push(RecommendationList {
            placement: list.placement.as_str().to_string(),
            model: list.model.name().to_string(),
            items: cards.iter().map(|c| ProductItem::new(c, &links)).collect(),
        });
    }
    let mut response = Json(body).into_response();
    // Personal: a shared cache must never hand one shopper's list to another.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}
