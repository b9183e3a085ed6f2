//! One island for every account form. Without JS it is a plain `<form method="post">` to a
//! server function (which redirects back, with any error in the URL). Once hydrated it posts
//! with `fetch`, shows errors in place and follows the server's redirect, so no form needs
//! its own WASM and the messages stay translated on the server.

use crate::error::FormError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldKind {
    Text,
    Email,
    Password,
    NewPassword,
    Tel,
    Select,
    Checkbox,
    Hidden,
}

/// One input, described on the server (label already translated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub kind: FieldKind,
    pub value: String,
    pub required: bool,
    pub autocomplete: String,
    pub hint: Option<String>,
    /// `(value, label)` for selects.
    pub options: Vec<(String, String)>,
}

impl Field {
    pub fn new(name: &str, label: String, kind: FieldKind) -> Field {
        Field {
            name: name.to_string(),
            label,
            kind,
            value: String::new(),
            required: false,
            autocomplete: "off".to_string(),
            hint: None,
            options: Vec::new(),
        }
    }

    pub fn hidden(name: &str, value: impl Into<String>) -> Field {
        Field::new(name, String::new(), FieldKind::Hidden).value(value)
    }

    pub fn value(mut self, value: impl Into<String>) -> Field {
        self.value = value.into();
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn autocomplete(mut self, token: &str) -> Field {
        self.autocomplete = token.to_string();
        self
    }

    pub fn hint(mut self, hint: String) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn options(mut self, options: Vec<(String, String)>) -> Field {
        self.options = options;
        self
    }
}

/// Texts the form shows around its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormTexts {
    pub submit: String,
    pub pending: String,
    /// Shown when the server accepts the form without sending the browser elsewhere.
    pub saved: String,
    /// Shown when the answer cannot be read (network down, server error).
    pub failed: String,
}

#[island]
pub fn AccountForm(
    /// The server function's URL.
    action: String,
    /// A stable name for tests and styling.
    name: String,
    fields: Vec<Field>,
    texts: FormTexts,
    /// The error of a plain form post that came back to this page.
    error: Option<FormError>,
    /// A notice to show from the start (e.g. "saved" after a plain post).
    notice: Option<String>,
) -> impl IntoView {
    let (error, set_error) = signal(error);
    let (notice, set_notice) = signal(notice);
    let (pending, set_pending) = signal(false);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));

    #[cfg(feature = "hydrate")]
    let texts_failed = texts.failed.clone();
    #[cfg(feature = "hydrate")]
    let saved = texts.saved.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            if pending.get_untracked() {
                return;
            }
            let Some(form) = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok())
            else {
                return;
            };
            set_pending.set(true);
            set_notice.set(None);
            let failed = texts_failed.clone();
            let saved = saved.clone();
            leptos::task::spawn_local(async move {
                match submit(&form).await {
                    Ok(Outcome::Redirect(location)) => {
                        if let Some(window) = web_sys::window() {
                            let _ = window.location().set_href(&location);
                        }
                        // Keep the button disabled while the next page loads.
                        return;
                    }
                    Ok(Outcome::Saved) => {
                        set_error.set(None);
                        set_notice.set(Some(saved.clone()));
                        clear_passwords(&form);
                    }
                    Ok(Outcome::Rejected(form_error)) => set_error.set(Some(form_error)),
                    Err(()) => set_error.set(Some(FormError {
                        message: Some(failed),
                        ..FormError::default()
                    })),
                }
                set_pending.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, set_error, set_notice, set_pending);
    };
    let form_id = format!("form-{name}");
    let message_id = format!("{form_id}-message");
    let described_by = message_id.clone();
    let field_views = fields
        .into_iter()
        .map(|field| field_view(&form_id, field, error))
        .collect_view();
    let submit_label = texts.submit.clone();
    let pending_label = texts.pending.clone();
    view! {
        <form
            method="post"
            action=action
            class="account-form"
            data-form=name
            data-hydrated=move || hydrated.get().to_string()
            aria-describedby=described_by
            on:submit=on_submit
        >
            <div id=message_id class="form-messages">
                {move || {
                    error
                        .get()
                        .and_then(|e| e.message)
                        .map(|message| view! { <p class="form-error" role="alert">{message}</p> })
                }}
                {move || {
                    notice.get().map(|text| view! { <p class="form-notice" role="status">{text}</p> })
                }}
            </div>
            {field_views}
            <button type="submit" class="button-primary" aria-busy=move || pending.get().to_string()>
                {move || if pending.get() { pending_label.clone() } else { submit_label.clone() }}
            </button>
        </form>
    }
}

fn field_view(form_id: &str, field: Field, error: ReadSignal<Option<FormError>>) -> AnyView {
    let id = format!("{form_id}-{}", field.name);
    let error_id = format!("{id}-error");
    let name = field.name.clone();
    let field_error = move || error.get().and_then(|e| e.field(&name).map(str::to_string));
    let invalid = {
        let field_error = field_error.clone();
        move || field_error().is_some().then_some("true")
    };
    let error_view = {
        let error_id = error_id.clone();
        move || {
            field_error().map(|message| {
                view! { <p id=error_id.clone() class="field-error">{message}</p> }
            })
        }
    };
    let hint_id = format!("{id}-hint");
    let described = if field.hint.is_some() {
        format!("{error_id} {hint_id}")
    } else {
        error_id.clone()
    };
    let hint = field
        .hint
        .clone()
        .map(|hint| view! { <p id=hint_id class="field-hint">{hint}</p> });
    // A value sent back after a plain post wins over the initial one.
    let value = {
        let name = field.name.clone();
        let initial = field.value.clone();
        move || {
            error
                .get_untracked()
                .and_then(|e| e.value(&name).map(str::to_string))
                .unwrap_or_else(|| initial.clone())
        }
    };
    let required = field.required;
    match field.kind {
        FieldKind::Hidden => {
            view! { <input type="hidden" name=field.name value=field.value/> }.into_any()
        }
        FieldKind::Select => {
            let selected = value();
            let options = field
                .options
                .into_iter()
                .map(|(option, label)| {
                    let is_selected = option == selected;
                    view! { <option value=option selected=is_selected>{label}</option> }
                })
                .collect_view();
            view! {
                <div class="field">
                    <label for=id.clone()>{field.label}</label>
                    <select
                        id=id
                        name=field.name
                        required=required
                        autocomplete=field.autocomplete
                        aria-invalid=invalid
                        aria-describedby=described
                    >
                        {options}
                    </select>
                    {hint}
                    {error_view}
                </div>
            }
            .into_any()
        }
        FieldKind::Checkbox => {
            let checked = !value().is_empty();
            view! {
                <div class="field field-checkbox">
                    <input id=id.clone() type="checkbox" name=field.name value="on" checked=checked/>
                    <label for=id>{field.label}</label>
                </div>
            }
            .into_any()
        }
        kind => {
            let (input_type, keep) = match kind {
                FieldKind::Email => ("email", true),
                FieldKind::Password | FieldKind::NewPassword => ("password", false),
                FieldKind::Tel => ("tel", true),
                _ => ("text", true),
            };
            let initial = if keep { value() } else { String::new() };
            let dir = matches!(kind, FieldKind::Email | FieldKind::Tel).then_some("ltr");
            let minlength = (kind == FieldKind::NewPassword).then_some("8");
            view! {
                <div class="field">
                    <label for=id.clone()>{field.label}</label>
                    <input
                        id=id
                        type=input_type
                        name=field.name
                        value=initial
                        required=required
                        minlength=minlength
                        maxlength="254"
                        autocomplete=field.autocomplete
                        dir=dir
                        aria-invalid=invalid
                        aria-describedby=described
                    />
                    {hint}
                    {error_view}
                </div>
            }
            .into_any()
        }
    }
}

#[cfg(feature = "hydrate")]
enum Outcome {
    Redirect(String),
    Saved,
    Rejected(FormError),
}

/// Posts the form like a browser would, but asks for JSON so the server function answers
/// instead of redirecting back.
#[cfg(feature = "hydrate")]
async fn submit(form: &web_sys::HtmlFormElement) -> Result<Outcome, ()> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let data = web_sys::FormData::new_with_form(form).map_err(|_| ())?;
    let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(
        &wasm_bindgen::JsValue::from(data),
    )
    .map_err(|_| ())?;
    let headers = web_sys::Headers::new().map_err(|_| ())?;
    headers
        .set("Content-Type", "application/x-www-form-urlencoded")
        .map_err(|_| ())?;
    headers.set("Accept", "application/json").map_err(|_| ())?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&body);
    let window = web_sys::window().ok_or(())?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(&form.action(), &init))
            .await
            .map_err(|_| ())?
            .dyn_into()
            .map_err(|_| ())?;
    let response_headers = response.headers();
    if response_headers
        .get(leptos::server_fn::redirect::REDIRECT_HEADER)
        .ok()
        .flatten()
        .is_some()
    {
        let location = response_headers
            .get("location")
            .ok()
            .flatten()
            .unwrap_or_else(|| "/".to_string());
        return Ok(Outcome::Redirect(location));
    }
    if response.ok() {
        return Ok(Outcome::Saved);
    }
    let text = JsFuture::from(response.text().map_err(|_| ())?)
        .await
        .map_err(|_| ())?
        .as_string()
        .ok_or(())?;
    match serde_json::from_str::<crate::error::AppError>(&text) {
        Ok(crate::error::AppError::Form(form_error)) => Ok(Outcome::Rejected(form_error)),
        _ => Err(()),
    }
}

#[cfg(feature = "hydrate")]
fn clear_passwords(form: &web_sys::HtmlFormElement) {
    use wasm_bindgen::JsCast;
    let elements = form.elements();
    for i in 0..elements.length() {
        if let Some(input) = elements
            .item(i)
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            if input.type_() == "password" {
                input.set_value("");
            }
        }
    }
}
