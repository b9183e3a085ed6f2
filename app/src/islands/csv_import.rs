//! The catalog import form: pick a CSV, check it (a dry run that lists every bad row and
//! writes nothing) or import it. It posts the file with `fetch` and shows a progress bar
//! while the server checks and writes, then the outcome. Texts come from the server.

use crate::server::admin::catalog::ImportResult;
use leptos::prelude::*;

crate::island_texts! {
    pub struct ImportTexts {
        pub file,
        pub check,
        pub import,
        pub working,
        pub line,
        pub failed,
        pub choose_file,
    }
}

// An island only on the server and in the staff bundle: the shopper's WASM leaves it out.
#[cfg_attr(any(feature = "ssr", feature = "admin"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "admin")), component)]
pub fn CsvImport(action: String, lang: String, texts: ImportTexts) -> impl IntoView {
    let (pending, set_pending) = signal(false);
    let (result, set_result) = signal(None::<ImportResult>);
    let (error, set_error) = signal(None::<String>);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let form_ref = NodeRef::<leptos::html::Form>::new();

    let run = {
        let texts = texts.clone();
        let action = action.clone();
        move |dry_run: bool| {
            if pending.get_untracked() {
                return;
            }
            #[cfg(feature = "hydrate")]
            {
                let Some(form) = form_ref.get_untracked() else {
                    return;
                };
                let texts = texts.clone();
                let action = action.clone();
                set_pending.set(true);
                set_error.set(None);
                set_result.set(None);
                leptos::task::spawn_local(async move {
                    match browser::upload(&form, &action, dry_run).await {
                        Ok(Ok(outcome)) => set_result.set(Some(outcome)),
                        Ok(Err(message)) => set_error.set(Some(message)),
                        Err(()) => set_error.set(Some(texts.failed.clone())),
                    }
                    set_pending.set(false);
                });
            }
            #[cfg(not(feature = "hydrate"))]
            {
                let _ = (
                    dry_run,
                    &texts,
                    &action,
                    form_ref,
                    set_pending,
                    set_error,
                    set_result,
                );
            }
        }
    };
    let check = {
        let run = run.clone();
        move |_| run(true)
    };
    let import = move |_| run(false);
    let line = texts.line.clone();
    view! {
        <form node_ref=form_ref class="csv-import" data-hydrated=move || hydrated.get().to_string()
            on:submit=|ev| ev.prevent_default()>
            <input type="hidden" name="lang" value=lang/>
            <div class="field">
                <label for="csv-file">{texts.file.clone()}</label>
                <input id="csv-file" name="file" type="file" accept=".csv,text/csv" required/>
            </div>
            <div class="filter-actions">
                <button type="button" class="button-secondary" data-testid="import-check" disabled=move || pending.get() on:click=check>
                    {texts.check.clone()}
                </button>
                <button type="button" class="button-primary" data-testid="import-run" disabled=move || pending.get() on:click=import>
                    {texts.import.clone()}
                </button>
            </div>
            <div role="status" aria-live="polite" class="import-status">
                {move || pending.get().then(|| view! {
                    <p><progress data-testid="import-progress">{texts.working.clone()}</progress> " " {texts.working.clone()}</p>
                })}
                {move || error.get().map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
                {move || result.get().map(|r| {
                    let line = line.clone();
                    view! {
                        <div data-testid="import-result" data-ok=r.ok.to_string() data-dry-run=r.dry_run.to_string()>
                            <p class=if r.ok { "form-notice" } else { "form-error" }>{r.summary}</p>
                            {(!r.problems.is_empty()).then(|| view! {
                                <ul class="import-problems" data-testid="import-problems">
                                    {r.problems.into_iter().map(|(n, text)| view! {
                                        <li><strong>{format!("{line} {n}")}</strong> " " {text}</li>
                                    }).collect_view()}
                                </ul>
                            })}
                        </div>
                    }
                })}
            </div>
        </form>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::super::fetch;
    use crate::server::admin::catalog::ImportResult;

    /// Posts the form's file; `Ok(Err(message))` is a refusal the server explained.
    pub async fn upload(
        form: &web_sys::HtmlFormElement,
        action: &str,
        dry_run: bool,
    ) -> Result<Result<ImportResult, String>, ()> {
        let data = web_sys::FormData::new_with_form(form).map_err(|_| ())?;
        data.append_with_str("dry_run", if dry_run { "1" } else { "0" })
            .map_err(|_| ())?;
        match fetch::decode(fetch::post_multipart(action, data).await).await {
            Ok(outcome) => Ok(Ok(outcome)),
            Err(error) if error.form_error().is_some() => {
                Ok(Err(error.form.message.unwrap_or_default()))
            }
            Err(_) => Err(()),
        }
    }
}
