//! `/{lang}/admin/products/{handle}` (and `…/new`): the product editor. English and
//! Arabic side by side; up to two options; a row per variant (SKU, option values, price,
//! compare-at price; stock for new variants, adjustments with a reason for existing ones);
//! pictures with alt text in both languages. Plain forms: it all works without JS.

use super::{guard, AdminFrame, Section, When};
use crate::{
    components::ErrorNotice,
    error::FormError,
    i18n::{t, t_with},
    pages::NotFoundPage,
    request, route_locale,
    server::admin::products::{
        admin_product, AdjustStock, ChangeProductImage, EditorData, SaveProduct,
        UploadProductImage, BLANK_VARIANT_ROWS,
    },
};
use dokkan_accounts::Permission;
use dokkan_catalog::admin::{EditableProduct, EditableVariant};
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_params_map;

#[component]
pub fn AdminProductPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let handle = use_params_map()
        .read_untracked()
        .get("handle")
        .unwrap_or_default();
    let new = handle == "new";
    let data = OnceResource::new(admin_product((!new).then_some(handle)));
    let admin = user.role.allows(dokkan_accounts::Permission::People);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(None) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! {
                        <AdminFrame locale title=t(locale, "admin-products") section=Section::Catalog admin>
                            <ErrorNotice locale error/>
                        </AdminFrame>
                    }.into_any(),
                    Ok(Some(data)) => view! { <Editor locale data admin/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// What a field shows: the value a refused post sent back, else the stored one.
struct Values {
    error: Option<FormError>,
}

impl Values {
    fn get(&self, name: &str, stored: &str) -> String {
        self.error
            .as_ref()
            .and_then(|e| e.value(name))
            .unwrap_or(stored)
            .to_string()
    }

    fn problem(&self, name: &str) -> Option<String> {
        self.error
            .as_ref()
            .and_then(|e| e.field(name))
            .map(str::to_string)
    }
}

fn input(
    values: &Values,
    name: &str,
    label: String,
    stored: &str,
    lang: Option<&'static str>,
) -> impl IntoView {
    let full = format!("form[{name}]");
    let id = format!("product-{}", name.replace(['[', ']'], "-"));
    let problem = values.problem(&full);
    let error_id = format!("{id}-error");
    let described = problem.is_some().then(|| error_id.clone());
    let dir = lang.map(|l| if l == "ar" { "rtl" } else { "ltr" });
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=full type="text" value=values.get(&format!("form[{name}]"), stored)
                lang=lang dir=dir aria-invalid=problem.is_some().then_some("true") aria-describedby=described/>
            {problem.map(|p| view! { <p class="field-error" id=error_id>{p}</p> })}
        </div>
    }
}

#[component]
fn Editor(locale: Locale, data: EditorData, admin: bool) -> impl IntoView {
    let EditorData {
        product,
        categories,
    } = data;
    let values = Values {
        error: request::form_error_for(SaveProduct::PATH, locale),
    };
    let message = values.error.as_ref().and_then(|e| e.message.clone());
    let other_error = request::form_error_for(AdjustStock::PATH, locale)
        .or_else(|| request::form_error_for(UploadProductImage::PATH, locale))
        .or_else(|| request::form_error_for(ChangeProductImage::PATH, locale))
        .map(|e| e.summary());
    let notice = [
        ("saved", "admin-product-saved"),
        ("stock", "admin-stock-saved"),
        ("image", "admin-image-saved"),
    ]
    .into_iter()
    .find(|(param, _)| request::query_param(param).is_some())
    .map(|(_, key)| t(locale, key));
    let p = product.clone();
    let title = match &p {
        Some(p) => p.name.get(locale).to_string(),
        None => t(locale, "admin-product-new"),
    };
    let original = p.as_ref().map(|p| p.handle.clone()).unwrap_or_default();
    let s = |f: fn(&EditableProduct) -> String| p.as_ref().map(f).unwrap_or_default();
    let name_en = s(|p| p.name.en.clone());
    let name_ar = s(|p| p.name.ar.clone());
    let description_en = values.get("form[description_en]", &s(|p| p.description.en.clone()));
    let description_ar = values.get("form[description_ar]", &s(|p| p.description.ar.clone()));
    let brand = s(|p| p.brand.clone());
    let tags = s(|p| p.tags.join(", "));
    let category_id = values.get(
        "form[category_id]",
        &p.as_ref()
            .map(|p| p.category_id.to_string())
            .unwrap_or_default(),
    );
    let published = match &values.error {
        Some(_) => true,
        None => p.as_ref().is_none_or(|p| p.published),
    };
    let rebuyable = match &values.error {
        Some(e) => e.value("form[rebuyable]") == Some("on"),
        None => p.as_ref().is_some_and(|p| p.rebuyable),
    };
    let option = |n: usize, en: bool| {
        p.as_ref()
            .and_then(|p| p.options.get(n))
            .map(|o| if en { o.en.clone() } else { o.ar.clone() })
            .unwrap_or_default()
    };
    let options = [
        option(0, true),
        option(0, false),
        option(1, true),
        option(1, false),
    ];
    let mut rows: Vec<Option<EditableVariant>> = p
        .as_ref()
        .map(|p| p.variants.iter().cloned().map(Some).collect())
        .unwrap_or_default();
    rows.extend(std::iter::repeat_n(
        None,
        BLANK_VARIANT_ROWS.max(if p.is_none() { 3 } else { 0 }),
    ));
    let variant_rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, v)| variant_row(locale, &values, i, v))
        .collect_view();
    let variants_problem = values.problem("form[variants]");
    let handle_field = if p.is_some() {
        view! {
            <div class="field">
                <span class="field-label">{t(locale, "admin-product-handle")}</span>
                <p dir="ltr"><a href=format!("/{locale}/products/{original}")>{format!("/{locale}/products/{original}")}</a></p>
            </div>
        }
        .into_any()
    } else {
        input(
            &values,
            "handle",
            t(locale, "admin-product-handle"),
            "",
            Some("en"),
        )
        .into_any()
    };
    let editing = p.is_some();
    view! {
        <AdminFrame locale title section=Section::Catalog admin>
            {notice.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            {other_error.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <form method="post" action=SaveProduct::PATH class="product-editor" data-testid="product-form">
                {message.map(|text| view! { <p class="form-error" role="alert" data-testid="product-error">{text}</p> })}
                <input type="hidden" name="form[lang]" value=locale.as_str()/>
                <input type="hidden" name="form[original]" value=original.clone()/>
                <fieldset>
                    <legend>{t(locale, "admin-product-details")}</legend>
                    {handle_field}
                    <div class="bilingual">
                        {input(&values, "name_en", t(locale, "admin-name-en"), &name_en, Some("en"))}
                        {input(&values, "name_ar", t(locale, "admin-name-ar"), &name_ar, Some("ar"))}
                    </div>
                    <div class="bilingual">
                        <div class="field">
                            <label for="product-description_en">{t(locale, "admin-description-en")}</label>
                            // Leptos writes a textarea's children raw (as it does a
                            // script's), so a `</textarea>` in the text would end it: the
                            // text is escaped here and the browser decodes it back.
                            <textarea id="product-description_en" name="form[description_en]" lang="en" dir="ltr" rows="4">
                                {dokkan_core::html::escape(&description_en)}
                            </textarea>
                        </div>
                        <div class="field">
                            <label for="product-description_ar">{t(locale, "admin-description-ar")}</label>
                            <textarea id="product-description_ar" name="form[description_ar]" lang="ar" dir="rtl" rows="4">
                                {dokkan_core::html::escape(&description_ar)}
                            </textarea>
                        </div>
                    </div>
                    <div class="bilingual">
                        {input(&values, "brand", t(locale, "admin-brand"), &brand, None)}
                        {input(&values, "tags", t(locale, "admin-tags"), &tags, None)}
                    </div>
                    <div class="field">
                        <label for="product-category">{t(locale, "admin-category")}</label>
                        <select id="product-category" name="form[category_id]" required
                            aria-invalid=values.problem("form[category_id]").is_some().then_some("true")>
                            <option value="">{t(locale, "admin-category-choose")}</option>
                            {categories.into_iter().map(|c| view! {
                                <option value=c.id.to_string() selected=category_id == c.id.to_string()>{c.path.get(locale).to_string()}</option>
                            }).collect_view()}
                        </select>
                        {values.problem("form[category_id]").map(|p| view! { <p class="field-error">{p}</p> })}
                    </div>
                    <div class="field-checkbox">
                        <input id="product-published" type="checkbox" name="form[published]" value="on" checked=published/>
                        <label for="product-published">{t(locale, "admin-product-published")}</label>
                    </div>
                    <div class="field-checkbox">
                        <input id="product-rebuyable" type="checkbox" name="form[rebuyable]" value="on" checked=rebuyable
                            aria-describedby="product-rebuyable-hint"/>
                        <label for="product-rebuyable">{t(locale, "admin-product-rebuyable")}</label>
                    </div>
                    <p class="field-hint" id="product-rebuyable-hint">{t(locale, "admin-product-rebuyable-hint")}</p>
                </fieldset>
                <fieldset>
                    <legend>{t(locale, "admin-options")}</legend>
                    <p class="field-hint">{t(locale, "admin-options-hint")}</p>
                    <div class="bilingual">
                        {input(&values, "option1_en", t(locale, "admin-option1-en"), &options[0], Some("en"))}
                        {input(&values, "option1_ar", t(locale, "admin-option1-ar"), &options[1], Some("ar"))}
                    </div>
                    <div class="bilingual">
                        {input(&values, "option2_en", t(locale, "admin-option2-en"), &options[2], Some("en"))}
                        {input(&values, "option2_ar", t(locale, "admin-option2-ar"), &options[3], Some("ar"))}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{t(locale, "admin-variants")}</legend>
                    <p class="field-hint">{t(locale, "admin-variants-hint")}</p>
                    {variants_problem.map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
                    <div class="table-scroll">
                        <table class="admin-table variant-table">
                            <thead><tr>
                                <th scope="col">{t(locale, "admin-sku")}</th>
                                <th scope="col">{t(locale, "admin-value1")}</th>
                                <th scope="col">{t(locale, "admin-value2")}</th>
                                <th scope="col">{t(locale, "admin-price")}</th>
                                <th scope="col">{t(locale, "admin-compare-at")}</th>
                                <th scope="col">{t(locale, "admin-stock")}</th>
                            </tr></thead>
                            <tbody>{variant_rows}</tbody>
                        </table>
                    </div>
                </fieldset>
                <button type="submit" class="button-primary" data-testid="product-save">{t(locale, "admin-product-save")}</button>
            </form>
            {editing.then(|| product.map(|p| view! { <Pictures locale product=p.clone()/> <Stock locale product=p/> }))}
        </AdminFrame>
    }
}

fn variant_row(
    locale: Locale,
    values: &Values,
    i: usize,
    v: Option<EditableVariant>,
) -> impl IntoView {
    let name = |field: &str| format!("form[variants][{i}][{field}]");
    let row_label = t_with(
        locale,
        "admin-variant-row",
        &[("row", &locale.digits(&(i + 1).to_string()))],
    );
    let cell = |field: &'static str,
                stored: String,
                label_key: &str,
                lang: Option<&'static str>| {
        let full = name(field);
        let problem = values.problem(&full);
        let value = values.get(&full, &stored);
        let label = format!("{} — {}", t(locale, label_key), row_label);
        let dir = lang.map(|l| if l == "ar" { "rtl" } else { "ltr" });
        view! {
            <input name=full type="text" value=value aria-label=label lang=lang dir=dir
                aria-invalid=problem.is_some().then_some("true") title=problem.clone().unwrap_or_default()/>
            {problem.map(|p| view! { <span class="field-error">{p}</span> })}
        }
    };
    let stored = |f: &dyn Fn(&EditableVariant) -> String| v.as_ref().map(f).unwrap_or_default();
    let value = |n: usize, en: bool| {
        stored(&|v: &EditableVariant| {
            v.values
                .get(n)
                .map(|x| if en { x.en.clone() } else { x.ar.clone() })
                .unwrap_or_default()
        })
    };
    let stock = match &v {
        Some(v) => view! {
            <span data-testid="variant-stock">{locale.digits(&v.stock.to_string())}</span>
            <input type="hidden" name=name("stock") value=""/>
        }
        .into_any(),
        None => cell("stock", String::new(), "admin-stock", None).into_any(),
    };
    view! {
        <tr data-testid="variant-row">
            <td>{cell("sku", stored(&|v| v.sku.clone()), "admin-sku", Some("en"))}</td>
            <td class="value-cells">
                {cell("value1_en", value(0, true), "admin-value1-en", Some("en"))}
                {cell("value1_ar", value(0, false), "admin-value1-ar", Some("ar"))}
            </td>
            <td class="value-cells">
                {cell("value2_en", value(1, true), "admin-value2-en", Some("en"))}
                {cell("value2_ar", value(1, false), "admin-value2-ar", Some("ar"))}
            </td>
            <td>{cell("price", stored(&|v| v.price.decimal()), "admin-price", None)}</td>
            <td>{cell("compare_at", stored(&|v| v.compare_at.map(|c| c.decimal()).unwrap_or_default()), "admin-compare-at", None)}</td>
            <td>{stock}</td>
        </tr>
    }
}

#[component]
fn Pictures(locale: Locale, product: EditableProduct) -> impl IntoView {
    let handle = product.handle.clone();
    let count = product.images.len();
    let items = product
        .images
        .into_iter()
        .enumerate()
        .map(|(i, image)| {
            let handle = handle.clone();
            let id = image.id.to_string();
            let button = move |change: &'static str, key: &str, show: bool| {
                show.then(|| view! {
                    <form method="post" action=ChangeProductImage::PATH>
                        <input type="hidden" name="lang" value=locale.as_str()/>
                        <input type="hidden" name="handle" value=handle.clone()/>
                        <input type="hidden" name="image_id" value=id.clone()/>
                        <input type="hidden" name="change" value=change/>
                        <button type="submit" class="button-link">{t(locale, key)}</button>
                    </form>
                })
            };
            let alt_en_id = format!("alt-en-{}", image.id);
            let alt_ar_id = format!("alt-ar-{}", image.id);
            view! {
                <li class="picture" data-testid="product-picture">
                    <img src=image.image.src(200) alt=image.image.alt.get(locale).to_string() width="120" height="120"/>
                    <form method="post" action=ChangeProductImage::PATH class="picture-alt">
                        <input type="hidden" name="lang" value=locale.as_str()/>
                        <input type="hidden" name="handle" value=product.handle.clone()/>
                        <input type="hidden" name="image_id" value=image.id.to_string()/>
                        <input type="hidden" name="change" value="alt"/>
                        <label for=alt_en_id.clone()>{t(locale, "admin-alt-en")}</label>
                        <input id=alt_en_id name="alt_en" type="text" lang="en" dir="ltr" value=image.image.alt.en.clone()/>
                        <label for=alt_ar_id.clone()>{t(locale, "admin-alt-ar")}</label>
                        <input id=alt_ar_id name="alt_ar" type="text" lang="ar" dir="rtl" value=image.image.alt.ar.clone()/>
                        <button type="submit" class="button-link">{t(locale, "admin-alt-save")}</button>
                    </form>
                    <div class="picture-actions">
                        {button("earlier", "admin-picture-earlier", i > 0)}
                        {button("later", "admin-picture-later", i + 1 < count)}
                        {button("remove", "admin-picture-remove", true)}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="pictures-heading" class="admin-actions">
            <h2 id="pictures-heading">{t(locale, "admin-pictures")}</h2>
            <ul class="pictures" role="list">{items}</ul>
            <form method="post" action=UploadProductImage::PATH enctype="multipart/form-data" class="admin-action" data-testid="picture-upload">
                <input type="hidden" name="lang" value=locale.as_str()/>
                <input type="hidden" name="handle" value=product.handle.clone()/>
                <label for="picture-file">{t(locale, "admin-picture-file")}</label>
                <input id="picture-file" name="file" type="file" accept="image/png,image/jpeg,image/webp,image/gif" required/>
                <label for="picture-alt-en">{t(locale, "admin-alt-en")}</label>
                <input id="picture-alt-en" name="alt_en" type="text" lang="en" dir="ltr" required/>
                <label for="picture-alt-ar">{t(locale, "admin-alt-ar")}</label>
                <input id="picture-alt-ar" name="alt_ar" type="text" lang="ar" dir="rtl" required/>
                <button type="submit" class="button-primary">{t(locale, "admin-picture-upload")}</button>
            </form>
        </section>
    }
}

#[component]
fn Stock(locale: Locale, product: EditableProduct) -> impl IntoView {
    view! {
        <section aria-labelledby="stock-heading" class="admin-actions">
            <h2 id="stock-heading">{t(locale, "admin-stock-adjust")}</h2>
            <form method="post" action=AdjustStock::PATH class="admin-action" data-testid="stock-form">
                <input type="hidden" name="lang" value=locale.as_str()/>
                <input type="hidden" name="handle" value=product.handle.clone()/>
                <label for="stock-sku">{t(locale, "admin-sku")}</label>
                <select id="stock-sku" name="sku" dir="ltr">
                    {product.variants.iter().map(|v| view! {
                        <option value=v.sku.clone()>{format!("{} ({})", v.sku, v.stock)}</option>
                    }).collect_view()}
                </select>
                <label for="stock-delta">{t(locale, "admin-stock-delta-label")}</label>
                <input id="stock-delta" name="delta" type="text" inputmode="numeric" dir="ltr" required/>
                <label for="stock-reason">{t(locale, "admin-stock-reason-label")}</label>
                <input id="stock-reason" name="reason" type="text" required maxlength="200"/>
                <button type="submit" class="button-primary">{t(locale, "admin-stock-apply")}</button>
            </form>
            {(!product.stock_changes.is_empty()).then(|| view! {
                <table class="admin-table" data-testid="stock-history">
                    <thead><tr>
                        <th scope="col">{t(locale, "admin-audit-when")}</th>
                        <th scope="col">{t(locale, "admin-sku")}</th>
                        <th scope="col">{t(locale, "admin-stock-change")}</th>
                        <th scope="col">{t(locale, "admin-stock-reason-label")}</th>
                        <th scope="col">{t(locale, "admin-audit-actor")}</th>
                    </tr></thead>
                    <tbody>
                        {product.stock_changes.into_iter().map(|c| view! {
                            <tr>
                                <td><When locale at=c.at.clone()/></td>
                                <td dir="ltr">{c.sku}</td>
                                <td dir="ltr">{format!("{:+} → {}", c.delta, c.stock_after)}</td>
                                <td>{c.reason}</td>
                                <td dir="ltr">{c.by.unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}
