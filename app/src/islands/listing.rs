//! Filters that apply in place. The server renders the whole listing (form, results,
//! pager) as this island's children, and without JS the form and links simply load the
//! next page. Once hydrated, a change in the form, the form's submit or a click on a
//! listing link fetches that page's HTML, swaps in its listing and pushes the URL, so the
//! address bar always says the filter state and Back works.

use leptos::prelude::*;

#[island]
pub fn ListingIsland(children: Children) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));

    #[cfg(feature = "hydrate")]
    let handlers = browser::install();
    #[cfg(not(feature = "hydrate"))]
    let handlers = (
        |_: leptos::ev::Event| {},
        |_: leptos::ev::SubmitEvent| {},
        |_: leptos::ev::MouseEvent| {},
    );
    let (on_change, on_submit, on_click) = handlers;

    view! {
        <div
            class="listing-root"
            data-listing-root="true"
            data-hydrated=move || hydrated.get().to_string()
            on:change=on_change
            on:submit=on_submit
            on:click=on_click
        >
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DomParser, Element, HtmlFormElement, SupportedType, UrlSearchParams};

    type Handlers = (
        Box<dyn Fn(leptos::ev::Event)>,
        Box<dyn Fn(leptos::ev::SubmitEvent)>,
        Box<dyn Fn(leptos::ev::MouseEvent)>,
    );

    pub fn install() -> Handlers {
        // Back and Forward show the listing of the address they land on.
        let _ = window_event_listener(leptos::ev::popstate, |_| {
            if let Ok(href) = window().location().href() {
                leptos::task::spawn_local(load(href, false));
            }
        });
        let on_change = Box::new(|ev: leptos::ev::Event| {
            // Typing a price applies on change (blur or Enter), like every other field.
            if let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("form.filters").ok().flatten())
                .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
            {
                submit(&form);
            }
        });
        let on_submit = Box::new(|ev: leptos::ev::SubmitEvent| {
            if let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
                .filter(|f| f.class_list().contains("filters"))
            {
                ev.prevent_default();
                submit(&form);
            }
        });
        let on_click = Box::new(|ev: leptos::ev::MouseEvent| {
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                return;
            }
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("a[data-listing-link='true']").ok().flatten());
            if let Some(href) = link.and_then(|a| a.get_attribute("href")) {
                ev.prevent_default();
                leptos::task::spawn_local(load(href, true));
            }
        });
        (on_change, on_submit, on_click)
    }

    fn submit(form: &HtmlFormElement) {
        let Ok(data) = web_sys::FormData::new_with_form(form) else {
            return;
        };
        let Ok(params) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
            return;
        };
        // Empty fields are no filter: leave them out of the address.
        let mut pairs = Vec::new();
        for entry in js_sys::try_iter(&params)
            .ok()
            .flatten()
            .into_iter()
            .flatten()
            .flatten()
        {
            let pair: js_sys::Array = entry.unchecked_into();
            let (k, v) = (pair.get(0).as_string(), pair.get(1).as_string());
            if let (Some(k), Some(v)) = (k, v) {
                if !v.trim().is_empty() {
                    pairs.push((k, v));
                }
            }
        }
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        let action = form.get_attribute("action").unwrap_or_default();
        let href = if query.is_empty() {
            action
        } else {
            format!("{action}?{query}")
        };
        leptos::task::spawn_local(load(href, true));
    }

    async fn load(href: String, push: bool) {
        let document = document();
        let Some(root) = document
            .query_selector("[data-listing-root]")
            .ok()
            .flatten()
        else {
            return;
        };
        let focused = document
            .active_element()
            .map(|el| el.id())
            .filter(|id| !id.is_empty());
        let _ = root.set_attribute("aria-busy", "true");
        let html = fetch_text(&href).await;
        let _ = root.remove_attribute("aria-busy");
        let Some(html) = html else {
            // The page could not be fetched: load it the ordinary way.
            let _ = window().location().set_href(&href);
            return;
        };
        let Ok(parser) = DomParser::new() else { return };
        let Ok(next) = parser.parse_from_string(&html, SupportedType::TextHtml) else {
            return;
        };
        let Some(next_root) = next.query_selector("[data-listing-root]").ok().flatten() else {
            let _ = window().location().set_href(&href);
            return;
        };
        root.set_inner_html(&next_root.inner_html());
        document.set_title(&next.title());
        if push {
            if let Ok(history) = window().history() {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
            }
        }
        if let Some(el) = focused
            .and_then(|id| document.get_element_by_id(&id))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }

    async fn fetch_text(href: &str) -> Option<String> {
        let response = wasm_bindgen_futures::JsFuture::from(window().fetch_with_str(href))
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()?;
        if !response.ok() {
            return None;
        }
        wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    }
}
