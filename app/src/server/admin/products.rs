//! The product editor's server functions (staff and admins): the list, one product,
//! saving it whole, publishing, stock adjustments and pictures. Every write is one
//! audited transaction; saving goes through the same `upsert_product` as the CSV import.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::support::{self, FormCheck};
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
#[cfg(feature = "ssr")]
use dokkan_audit::Action;
use dokkan_catalog::admin::{AdminProductRow, CategoryChoice, EditableProduct, ProductFilter};
use dokkan_core::Paged;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::{MultipartData, MultipartFormData};

/// Variant rows the editor offers beyond the product's own (blank rows are ignored).
pub const BLANK_VARIANT_ROWS: usize = 2;

#[server(endpoint = "admin/products")]
pub async fn admin_products(
    #[server(default)] filter: ProductFilter,
) -> Result<Paged<AdminProductRow>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    Ok(dokkan_catalog::db::admin::list_products(&support::state().pool, &filter).await?)
}

/// What the editor needs: the product (none for a new one) and the categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorData {
    pub product: Option<EditableProduct>,
    pub categories: Vec<CategoryChoice>,
}

#[server(endpoint = "admin/products/get")]
pub async fn admin_product(handle: Option<String>) -> Result<Option<EditorData>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    let pool = support::state().pool;
    let product = match handle.as_deref().filter(|h| !h.is_empty()) {
        Some(handle) => match dokkan_catalog::db::admin::editable_product(&pool, handle).await? {
            Some(product) => Some(product),
            None => return Ok(None),
        },
        None => None,
    };
    let categories = dokkan_catalog::db::admin::category_choices(&pool).await?;
    Ok(Some(EditorData {
        product,
        categories,
    }))
}

/// One row of the variants table, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VariantForm {
    pub sku: String,
    pub value1_en: String,
    pub value1_ar: String,
    pub value2_en: String,
    pub value2_ar: String,
    pub price: String,
    pub compare_at: String,
    /// Only for a new variant: existing stock changes through an adjustment.
    pub stock: String,
}

#[cfg(feature = "ssr")]
impl VariantForm {
    fn is_blank(&self) -> bool {
        [
            &self.sku,
            &self.value1_en,
            &self.value1_ar,
            &self.value2_en,
            &self.value2_ar,
            &self.price,
            &self.compare_at,
            &self.stock,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }
}

/// The editor's form, as typed. Field names in the page are `form[...]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductForm {
    pub lang: String,
    /// The handle being edited; empty for a new product.
    pub original: String,
    pub handle: String,
    pub name_en: String,
    pub name_ar: String,
    pub description_en: String,
    pub description_ar: String,
    pub brand: String,
    /// Comma-separated.
    pub tags: String,
    pub category_id: String,
    /// A checkbox: present when ticked.
    pub published: Option<String>,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub rebuyable: Option<String>,
    pub option1_en: String,
    pub option1_ar: String,
    pub option2_en: String,
    pub option2_ar: String,
    pub variants: Vec<VariantForm>,
}

#[cfg(feature = "ssr")]
const CREATE: Action = Action::new("product.create");
#[cfg(feature = "ssr")]
const UPDATE: Action = Action::new("product.update");

#[server(endpoint = "admin/products/save")]
pub async fn save_product(form: ProductForm) -> Result<(), AppError> {
    use dokkan_catalog::{
        db::{self, ImageInput, OptionInput, ProductInput, VariantInput},
        CatalogError, Localized,
    };
    use dokkan_core::{Currency, Money, Sku, Slug};
    let locale = support::locale(&form.lang);
    let editing = !form.original.is_empty();
    let admin = support::admin_write(
        Permission::BackOffice,
        if editing { UPDATE } else { CREATE },
    )
    .await?;
    let mut check = FormCheck::new(locale);
    for (name, value) in [
        ("handle", &form.handle),
        ("name_en", &form.name_en),
        ("name_ar", &form.name_ar),
        ("description_en", &form.description_en),
        ("description_ar", &form.description_ar),
        ("brand", &form.brand),
        ("tags", &form.tags),
        ("category_id", &form.category_id),
        ("option1_en", &form.option1_en),
        ("option1_ar", &form.option1_ar),
        ("option2_en", &form.option2_en),
        ("option2_ar", &form.option2_ar),
    ] {
        check = check.keep(&format!("form[{name}]"), value);
    }
    if form.rebuyable.is_some() {
        check = check.keep("form[rebuyable]", "on");
    }
    for (i, v) in form.variants.iter().enumerate() {
        for (name, value) in [
            ("sku", &v.sku),
            ("value1_en", &v.value1_en),
            ("value1_ar", &v.value1_ar),
            ("value2_en", &v.value2_en),
            ("value2_ar", &v.value2_ar),
            ("price", &v.price),
            ("compare_at", &v.compare_at),
            ("stock", &v.stock),
        ] {
            check = check.keep(&format!("form[variants][{i}][{name}]"), value);
        }
    }
    let field = |name: &str| format!("form[{name}]");
    let handle_text = if editing {
        &form.original
    } else {
        &form.handle
    };
    let handle = match Slug::parse(handle_text.trim()) {
        Ok(handle) => Some(handle),
        Err(_) => {
            check.invalid(&field("handle"), "admin-product-bad-handle");
            None
        }
    };
    let text = |v: &str| v.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = Localized::new(text(&form.name_en), text(&form.name_ar));
    if name.en.is_empty() {
        check.invalid(&field("name_en"), "admin-required");
    }
    if name.ar.is_empty() {
        check.invalid(&field("name_ar"), "admin-required");
    }
    // Options: English and Arabic names together; the second only after the first.
    let mut options: Vec<OptionInput> = Vec::new();
    for (n, (en, ar)) in [
        (&form.option1_en, &form.option1_ar),
        (&form.option2_en, &form.option2_ar),
    ]
    .into_iter()
    .enumerate()
    {
        let (en, ar) = (text(en), text(ar));
        match (en.is_empty(), ar.is_empty()) {
            (true, true) => continue,
            (false, false) => {}
            _ => {
                check.invalid(&field(&format!("option{}_en", n + 1)), "admin-option-both");
                continue;
            }
        }
        if n == 1 && options.is_empty() {
            check.invalid(&field("option2_en"), "admin-option-order");
            continue;
        }
        match Slug::from_title(&en) {
            Ok(key) if !options.iter().any(|o| o.key == key) => options.push(OptionInput {
                key,
                name: Localized::new(en, ar),
            }),
            _ => check.invalid(&field(&format!("option{}_en", n + 1)), "admin-option-name"),
        }
    }
    let category_id = form.category_id.trim().parse::<i64>().ok();
    let mut tx = admin.begin().await?;
    let category_path = match category_id {
        Some(id) => db::admin::category_path(&mut tx, id).await?,
        None => Vec::new(),
    };
    if category_path.is_empty() {
        check.invalid(&field("category_id"), "admin-product-category");
    }
    // The product as stored now: its pictures are kept, its variants' stock too.
    let current = match &handle {
        Some(h) if editing => {
            let found = db::admin::editable_product(&support::state().pool, h.as_str()).await?;
            if found.is_none() {
                return Err(AppError::not_found());
            }
            found
        }
        _ => None,
    };
    if !editing {
        if let Some(h) = &handle {
            if dokkan_catalog::db::admin::handle_taken(&mut tx, h.as_str()).await? {
                check.invalid(&field("handle"), "admin-product-handle-taken");
            }
        }
    }
    let skus: Vec<String> = form
        .variants
        .iter()
        .map(|v| v.sku.trim().to_uppercase())
        .filter(|s| !s.is_empty())
        .collect();
    let locked = db::admin::lock_stock(&mut tx, &skus).await?;
    let images: Vec<ImageInput> = current
        .as_ref()
        .map(|p| {
            p.images
                .iter()
                .map(|i| ImageInput {
                    path: i.image.path.clone(),
                    alt: i.image.alt.clone(),
                    media_hash: i.image.media_hash.clone(),
                    width: i.width,
                    height: i.height,
                })
                .collect()
        })
        .unwrap_or_default();
    let mut variants: Vec<VariantInput> = Vec::new();
    let mut seen: Vec<(String, Vec<Localized>)> = Vec::new();
    for (i, row) in form.variants.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        let cell = |name: &str| format!("form[variants][{i}][{name}]");
        let sku = match Sku::parse(&row.sku.trim().to_uppercase()) {
            Ok(sku) => Some(sku),
            Err(_) => {
                check.invalid(&cell("sku"), "admin-variant-sku");
                None
            }
        };
        let price = match Money::parse_decimal(row.price.trim(), Currency::Egp) {
            Ok(p) if p.minor() >= 0 => Some(p),
            _ => {
                check.invalid(&cell("price"), "admin-variant-price");
                None
            }
        };
        let compare_at = match row.compare_at.trim() {
            "" => None,
            text => match (Money::parse_decimal(text, Currency::Egp), price) {
                (Ok(c), Some(p)) if c.minor() > p.minor() => Some(c),
                _ => {
                    check.invalid(&cell("compare_at"), "admin-variant-compare-at");
                    None
                }
            },
        };
        let existing = sku
            .as_ref()
            .and_then(|s| locked.iter().find(|(k, _)| k == s.as_str()))
            .map(|(_, stock)| *stock);
        let stock = match existing {
            Some(stock) => Some(stock.max(0) as u32),
            None => match row.stock.trim() {
                "" => Some(0),
                text => match text.parse::<u32>() {
                    Ok(n) if n <= i32::MAX as u32 => Some(n),
                    _ => {
                        check.invalid(&cell("stock"), "admin-variant-stock");
                        None
                    }
                },
            },
        };
        let mut values = Vec::new();
        for (n, (en, ar)) in [
            (&row.value1_en, &row.value1_ar),
            (&row.value2_en, &row.value2_ar),
        ]
        .into_iter()
        .enumerate()
        .take(options.len())
        {
            let value = Localized::new(text(en), text(ar));
            if value.en.is_empty() || value.ar.is_empty() {
                check.invalid(&cell(&format!("value{}_en", n + 1)), "admin-variant-value");
            }
            values.push(value);
        }
        if let Some(sku) = &sku {
            if seen.iter().any(|(s, _)| s == sku.as_str()) {
                check.invalid(&cell("sku"), "admin-variant-sku-twice");
            } else if seen.iter().any(|(_, v)| *v == values) {
                check.invalid(&cell("value1_en"), "admin-variant-same-values");
            }
            seen.push((sku.as_str().to_string(), values.clone()));
        }
        // The picture this variant showed, by its place among the kept pictures.
        let image = current.as_ref().and_then(|p| {
            let image_id = p
                .variants
                .iter()
                .find(|v| sku.as_ref().is_some_and(|s| s.as_str() == v.sku))?
                .image_id?;
            p.images.iter().position(|i| i.id == image_id)
        });
        if let (Some(sku), Some(price), Some(stock)) = (sku, price, stock) {
            variants.push(VariantInput {
                sku,
                values,
                price,
                compare_at,
                stock,
                image,
            });
        }
    }
    if seen.is_empty() {
        check.invalid(&field("variants"), "admin-variant-none");
    }
    if !check.is_ok() {
        return check.reject();
    }
    let Some(handle) = handle else {
        return check.reject();
    };
    let input = ProductInput {
        handle: handle.clone(),
        name,
        description: Localized::new(form.description_en.trim(), form.description_ar.trim()),
        brand: text(&form.brand),
        tags: form
            .tags
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        category_path,
        options,
        images,
        variants,
    };
    match db::upsert_product(&mut tx, &input).await {
        Ok(_) => {}
        Err(CatalogError::SkuTaken(sku)) => {
            check.invalid_text(
                &field("variants"),
                crate::i18n::t_with(locale, "admin-variant-sku-taken", &[("sku", sku.as_str())]),
            );
            return check.reject();
        }
        Err(CatalogError::InvalidProduct(_)) => {
            return check.message("form-fix-errors").reject();
        }
        Err(other) => return Err(other.into()),
    }
    db::admin::set_published(&mut tx, handle.as_str(), form.published.is_some()).await?;
    db::admin::set_rebuyable(&mut tx, handle.as_str(), form.rebuyable.is_some()).await?;
    tx.commit().await?;
    support::redirect(&format!(
        "/{locale}/admin/products/{}?saved=1",
        handle.as_str()
    ));
    Ok(())
}

#[server(endpoint = "admin/products/stock")]
pub async fn adjust_stock(
    lang: String,
    handle: String,
    sku: String,
    delta: String,
    reason: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, Action::new("product.stock")).await?;
    let mut check = FormCheck::new(locale)
        .keep("delta", &delta)
        .keep("reason", &reason)
        .keep("sku", &sku);
    let delta = delta
        .trim()
        .trim_start_matches('+')
        .parse::<i32>()
        .ok()
        .filter(|d| *d != 0);
    if delta.is_none() {
        check.invalid("delta", "admin-stock-delta");
    }
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.is_empty() || reason.chars().count() > 200 {
        check.invalid("reason", "admin-stock-reason");
    }
    let Some(delta) = delta.filter(|_| check.is_ok()) else {
        return check.reject();
    };
    let mut tx = admin.begin().await?;
    if !dokkan_catalog::db::admin::has_variant(&mut tx, &handle, sku.trim()).await? {
        return Err(AppError::not_found());
    }
    match dokkan_catalog::db::admin::adjust_stock(
        &mut tx,
        sku.trim(),
        delta,
        &reason,
        admin.user.user_id,
    )
    .await?
    {
        Some(_) => {
            tx.commit().await?;
            support::redirect(&format!("/{locale}/admin/products/{handle}?stock=1"));
            Ok(())
        }
        None => {
            check.invalid("delta", "admin-stock-negative");
            check.reject()
        }
    }
}

#[server(endpoint = "admin/products/publish")]
pub async fn publish_product(
    lang: String,
    handle: String,
    published: bool,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let action = if published {
        Action::new("product.publish")
    } else {
        Action::new("product.unpublish")
    };
    let admin = support::admin_write(Permission::BackOffice, action).await?;
    let mut tx = admin.begin().await?;
    if !dokkan_catalog::db::admin::set_published(&mut tx, &handle, published).await? {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    support::redirect(&format!("/{locale}/admin/products/{handle}?saved=1"));
    Ok(())
}

/// Largest picture upload; the media store refuses bigger files anyway.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;

/// A picture for a product: the type is read from the bytes (not the name), the size and
/// dimensions are limited, and WebP copies are made, all by the media store.
#[server(endpoint = "admin/products/image", input = MultipartFormData)]
pub async fn upload_product_image(data: MultipartData) -> Result<(), AppError> {
    use dokkan_catalog::{db::ImageInput, Localized};
    let admin =
        support::admin_write(Permission::BackOffice, Action::new("product.image-add")).await?;
    let mut multipart = data.into_inner().ok_or(AppError::internal())?;
    let mut fields: Vec<(String, Vec<u8>)> = Vec::new();
    let mut too_large = false;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Ok(Some(chunk)) = field.chunk().await {
            if bytes.len() + chunk.len() > MAX_IMAGE_BYTES {
                too_large = true;
                break;
            }
            bytes.extend_from_slice(&chunk);
        }
        fields.push((name, bytes));
    }
    let get = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
            .unwrap_or_default()
    };
    let locale = support::locale(&get("lang"));
    let handle = get("handle");
    let alt = Localized::new(get("alt_en"), get("alt_ar"));
    let file = fields
        .iter()
        .find(|(n, _)| n == "file")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let mut check = FormCheck::new(locale)
        .keep("alt_en", &alt.en)
        .keep("alt_ar", &alt.ar);
    if too_large {
        check.invalid("file", "admin-image-too-large");
    } else if file.is_empty() {
        check.invalid("file", "admin-image-missing");
    }
    if alt.en.is_empty() {
        check.invalid("alt_en", "admin-image-alt");
    }
    if alt.ar.is_empty() {
        check.invalid("alt_ar", "admin-image-alt");
    }
    if !check.is_ok() {
        return check.reject();
    }
    let media = dokkan_media::MediaStore::new(support::state().media_dir);
    let stored = match media.put_owned(file).await {
        Ok(stored) => stored,
        Err(dokkan_media::MediaError::Rejected(rejection)) => {
            tracing::info!(%rejection, "picture refused");
            check.invalid("file", "admin-image-refused");
            return check.reject();
        }
        Err(error) => return Err(dokkan_catalog::CatalogError::from(error).into()),
    };
    let image = ImageInput {
        path: stored.url(),
        alt,
        media_hash: Some(stored.hash.clone()),
        width: Some(stored.width),
        height: Some(stored.height),
    };
    let mut tx = admin.begin().await?;
    if !dokkan_catalog::db::admin::add_image(&mut tx, &handle, &image).await? {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    support::redirect(&format!("/{locale}/admin/products/{handle}?image=1"));
    Ok(())
}

/// A picture moved (`earlier`, `later`), removed (`remove`) or given new alt texts
/// (`alt`).
#[server(endpoint = "admin/products/image-change")]
pub async fn change_product_image(
    lang: String,
    handle: String,
    image_id: i64,
    change: String,
    #[server(default)] alt_en: String,
    #[server(default)] alt_ar: String,
) -> Result<(), AppError> {
    use dokkan_catalog::{db::admin, Localized};
    let locale = support::locale(&lang);
    let action = match change.as_str() {
        "earlier" | "later" => Action::new("product.image-move"),
        "remove" => Action::new("product.image-remove"),
        "alt" => Action::new("product.image-alt"),
        _ => {
            support::with_role(Permission::BackOffice).await?;
            return Err(AppError::bad_request());
        }
    };
    let writer = support::admin_write(Permission::BackOffice, action).await?;
    let alt = Localized::new(alt_en.trim(), alt_ar.trim());
    if change == "alt" && (alt.en.is_empty() || alt.ar.is_empty()) {
        let mut check = FormCheck::new(locale);
        check.invalid("alt_en", "admin-image-alt");
        return check.reject();
    }
    let mut tx = writer.begin().await?;
    let done = match change.as_str() {
        "earlier" => admin::move_image(&mut tx, &handle, image_id, true).await?,
        "later" => admin::move_image(&mut tx, &handle, image_id, false).await?,
        "remove" => admin::remove_image(&mut tx, &handle, image_id).await?,
        _ => admin::set_image_alt(&mut tx, &handle, image_id, &alt).await?,
    };
    if !done && change != "earlier" && change != "later" {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    support::redirect(&format!("/{locale}/admin/products/{handle}?image=1"));
    Ok(())
}
