//! `/{lang}/admin/catalog/import`: import products from a CSV in the browser (the
//! format of `dokkan import products`, described on the page), and export them all.

use super::{guard, AdminFrame, Section};
use crate::{
    i18n::t,
    islands::{CsvImport, ImportTexts},
    pages::NotFoundPage,
    route_locale,
    server::admin::catalog::ImportProducts,
};
use dokkan_accounts::Permission;
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn AdminImportPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let texts = ImportTexts {
        file: t(locale, "admin-import-file"),
        check: t(locale, "admin-import-check"),
        import: t(locale, "admin-import-run"),
        working: t(locale, "admin-import-working"),
        line: t(locale, "admin-import-line"),
        failed: t(locale, "error-request"),
        choose_file: t(locale, "admin-import-no-file"),
    };
    view! {
        <AdminFrame locale title=t(locale, "admin-import") section=Section::Catalog admin=user.role.allows(dokkan_accounts::Permission::People)>
            <p>{t(locale, "admin-import-intro")}</p>
            <noscript><p class="form-error">{t(locale, "admin-import-needs-js")}</p></noscript>
            <CsvImport action=ImportProducts::PATH.to_string() lang=locale.as_str().to_string() texts/>
            <h2>{t(locale, "admin-export")}</h2>
            <p>{t(locale, "admin-export-intro")}</p>
            <p><a class="button" href=format!("/api/v1/admin/products/export?lang={locale}") download="products.csv" data-testid="export-link">{t(locale, "admin-export-run")}</a></p>
        </AdminFrame>
    }
    .into_any()
}
