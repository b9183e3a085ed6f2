//! The behaviour of every account form, and nothing else: the fields are server-rendered
//! children. Without JS the form is a plain `<form method="post">` to a server function
//! (which redirects back, with any error in the URL). Once hydrated it posts with `fetch`,
//! writes the errors into the fields' error slots and follows the server's redirect.

#[cfg(feature = "hydrate")]
use crate::error::FormError;
use leptos::prelude::*;

crate::island_texts! {
    /// Texts the form shows around its fields.
    pub struct FormTexts {
        pub submit,
        pub pending,
        /// Shown when the server accepts the form without sending the browser elsewhere.
        pub saved,
        /// Shown when the answer cannot be read (network down, server error).
        pub failed,
    }
}

#[island]
pub fn FormIsland(
    /// The server function's URL.
    action: String,
    /// Element ids derive from it: `form-{name}-{field}-error`.
    name: String,
    texts: FormTexts,
    /// The form's error message, from a plain post that came back.
    message: Option<String>,
    /// A notice to show from the start (e.g. "saved").
    notice: Option<String>,
    children: Children,
) -> impl IntoView {
    let (message, set_message) = signal(message);
    let (notice, set_notice) = signal(notice);
    let (pending, set_pending) = signal(false);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let message_id = format!("form-{name}-message");
    let described_by = message_id.clone();

    #[cfg(feature = "hydrate")]
    let on_submit = {
        let texts = texts.clone();
        let form_id = format!("form-{name}");
        move |ev: leptos::ev::SubmitEvent| {
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
            let texts = texts.clone();
            let form_id = form_id.clone();
            leptos::task::spawn_local(async move {
                match browser::submit(&form).await {
                    Ok(browser::Outcome::Redirect(location)) => {
                        if let Some(window) = web_sys::window() {
                            let _ = window.location().set_href(&location);
                        }
                        // The button stays busy while the next page loads.
                        return;
                    }
                    Ok(browser::Outcome::Saved) => {
                        browser::show_field_errors(&form, &form_id, &FormError::default());
                        set_message.set(None);
                        set_notice.set(Some(texts.saved));
                        browser::clear_passwords(&form);
                    }
                    Ok(browser::Outcome::Rejected(error)) => {
                        browser::show_field_errors(&form, &form_id, &error);
                        set_message.set(error.message);
                    }
                    Err(()) => set_message.set(Some(texts.failed)),
                }
                set_pending.set(false);
            });
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_submit = move |_: leptos::ev::SubmitEvent| {
        let _ = (set_message, set_notice, set_pending);
    };

    let submit = texts.submit;
    let busy = texts.pending;
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
                    message.get().map(|text| view! { <p class="form-error" role="alert">{text}</p> })
                }}
                {move || {
                    notice.get().map(|text| view! { <p class="form-notice" role="status">{text}</p> })
                }}
            </div>
            {children()}
            <button type="submit" class="button-primary" aria-busy=move || pending.get().to_string()>
                {move || if pending.get() { busy.clone() } else { submit.clone() }}
            </button>
        </form>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::error::{AppError, FormError};
    use wasm_bindgen::JsCast;
    use web_sys::HtmlFormElement;

    pub enum Outcome {
        Redirect(String),
        Saved,
        Rejected(FormError),
    }

    /// Posts the form like a browser would, but asks for JSON so the server function
    /// answers instead of redirecting back.
    pub async fn submit(form: &HtmlFormElement) -> Result<Outcome, ()> {
        let response = super::super::fetch::post_form(form).await?;
        let headers = response.headers();
        if headers
            .get(leptos::server_fn::redirect::REDIRECT_HEADER)
            .is_some()
        {
            return Ok(Outcome::Redirect(
                headers.get("location").unwrap_or_else(|| "/".to_string()),
            ));
        }
        if response.ok() {
            return Ok(Outcome::Saved);
        }
        let text = response.text().await.map_err(|_| ())?;
        match serde_json::from_str::<AppError>(&text) {
            Ok(error) if error.form_error().is_some() => Ok(Outcome::Rejected(error.form)),
            _ => Err(()),
        }
    }

    /// Puts each field's message into its server-rendered slot and marks the input.
    pub fn show_field_errors(form: &HtmlFormElement, form_id: &str, error: &FormError) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let elements = form.elements();
        for i in 0..elements.length() {
            let Some(element) = elements.item(i) else {
                continue;
            };
            let Some(name) = element.get_attribute("name") else {
                continue;
            };
            let message = error.field(&name);
            match message {
                Some(_) => {
                    let _ = element.set_attribute("aria-invalid", "true");
                }
                None => {
                    let _ = element.remove_attribute("aria-invalid");
                }
            }
            if let Some(slot) = document.get_element_by_id(&format!("{form_id}-{name}-error")) {
                slot.set_text_content(message);
                let _ = match message {
                    Some(_) => slot.remove_attribute("hidden"),
                    None => slot.set_attribute("hidden", ""),
                };
            }
        }
    }

    pub fn clear_passwords(form: &HtmlFormElement) {
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
}
