//! The header search box. Without JS it is a GET form to the search page. Once hydrated
//! it is an ARIA 1.2 combobox: as the shopper types (debounced) it asks the server for
//! suggestions, lists categories and products, and Up/Down/Enter/Escape work as a
//! screen-reader user expects. The server renders the options (`server::catalog::suggest`);
//! the island places them and moves the selection.

use leptos::prelude::*;

crate::island_texts! {
    /// Already-translated texts.
    pub struct SearchBoxTexts {
        pub label,
        pub placeholder,
        pub submit,
        /// Read out when suggestions arrive; `{count}` is replaced.
        pub count,
        /// The microphone button's name (shown where the browser can listen).
        pub voice,
    }
}

#[island]
pub fn SearchBox(
    /// `/{lang}/search`.
    action: String,
    lang: String,
    value: String,
    texts: SearchBoxTexts,
) -> impl IntoView {
    let (text, set_text) = signal(typed_before_hydration().unwrap_or_else(|| value.clone()));
    // How many options the list holds; they are server-rendered HTML in `list`.
    let (items, set_items) = signal(0usize);
    let list = NodeRef::<leptos::html::Ul>::new();
    let (open, set_open) = signal(false);
    let (active, set_active) = signal(None::<usize>);
    let (hydrated, set_hydrated) = signal(false);
    let (can_listen, set_can_listen) = signal(false);
    Effect::new(move |_| {
        set_hydrated.set(true);
        set_can_listen.set(super::voice::available());
    });
    // Spoken words search at once, as if typed and submitted.
    let search_href = {
        let action = action.clone();
        move |words: &str| {
            let query: String = form_urlencoded::Serializer::new(String::new())
                .append_pair("q", words)
                .finish();
            format!("{action}?{query}")
        }
    };
    let speech_lang = super::voice::speech_lang(&lang);
    let on_voice = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let search_href = search_href.clone();
            super::voice::listen(
                speech_lang,
                move |words| {
                    set_text.set(words.clone());
                    go(&search_href(&words));
                },
                || {},
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&search_href, speech_lang);
    };
    // Each keystroke bumps the generation; only the newest request may fill the list.
    let generation = StoredValue::new(0u64);

    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        set_text.set(value.clone());
        set_active.set(None);
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if value.trim().chars().count() < 2 {
            set_items.set(0);
            set_open.set(false);
            return;
        }
        let lang = lang.clone();
        set_timeout(
            move || {
                if generation.get_value() != mine {
                    return;
                }
                #[cfg(feature = "hydrate")]
                leptos::task::spawn_local(async move {
                    let found = suggestions(&value, &lang).await.unwrap_or_default();
                    if generation.get_value() != mine {
                        return;
                    }
                    if let Some(list) = list.get_untracked() {
                        list.set_inner_html(&found);
                        let count = list.child_element_count() as usize;
                        set_open.set(count > 0);
                        set_items.set(count);
                    }
                });
                #[cfg(not(feature = "hydrate"))]
                let _ = (value, lang);
            },
            std::time::Duration::from_millis(180),
        );
    };

    // The selected option says so (the options' HTML came from the server).
    Effect::new(move |_| {
        let current = active.get();
        #[cfg(feature = "hydrate")]
        if let Some(list) = list.get_untracked() {
            let options = list.children();
            for i in 0..options.length() {
                if let Some(option) = options.item(i) {
                    let selected = current == Some(i as usize);
                    let _ = option.set_attribute("aria-selected", &selected.to_string());
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = current;
    });

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = items.get_untracked();
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" => {
                let target = active
                    .get_untracked()
                    .filter(|_| open.get_untracked())
                    .and_then(option_href);
                if let Some(href) = target {
                    ev.prevent_default();
                    go(&href);
                }
            }
            "Escape" => {
                set_open.set(false);
                set_active.set(None);
            }
            _ => {}
        }
    };

    let status = move || {
        if open.get() {
            texts.count.clone()
        } else {
            String::new()
        }
    };

    let list_label = texts.label.clone();
    view! {
        <form class="search-box" method="get" action=action role="search" data-hydrated=move || hydrated.get().to_string()>
            <label for="search-input" class="visually-hidden">{texts.label}</label>
            <div class="search-box-field">
                <input
                    id="search-input"
                    type="search"
                    name="q"
                    autocomplete="off"
                    placeholder=texts.placeholder
                    value=value
                    prop:value=move || text.get()
                    role="combobox"
                    aria-autocomplete="list"
                    aria-controls="search-suggestions"
                    aria-expanded=move || open.get().to_string()
                    aria-activedescendant=move || active.get().filter(|_| open.get()).map(|i| format!("suggestion-{i}"))
                    on:input=on_input
                    on:keydown=on_keydown
                    on:blur=move |_| set_timeout(move || set_open.set(false), std::time::Duration::from_millis(150))
                />
                <ul
                    id="search-suggestions"
                    role="listbox"
                    aria-label=list_label
                    class="search-suggestions"
                    hidden=move || !open.get()
                    node_ref=list
                    on:mousedown=move |ev| {
                        // Before the input's blur closes the list.
                        ev.prevent_default();
                        if let Some(href) = clicked_href(&ev) {
                            go(&href);
                        }
                    }
                >
                </ul>
            </div>
            {move || can_listen.get().then(|| view! {
                <button type="button" class="search-box-voice" on:click=on_voice.clone() data-testid="search-voice">
                    <super::voice::MicIcon/>
                    <span class="visually-hidden">{texts.voice.clone()}</span>
                </button>
            })}
            // On a phone the stylesheet shows a magnifier instead of the word.
            <button type="submit" class="search-box-submit"><span>{texts.submit}</span></button>
            <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
        </form>
    }
}

/// The options the server rendered for `q`.
#[cfg(feature = "hydrate")]
async fn suggestions(q: &str, lang: &str) -> Result<String, ()> {
    use leptos::server_fn::ServerFn;
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", q)
        .append_pair("lang", lang)
        .finish();
    let url = format!("{}?{query}", crate::server::catalog::Suggest::PATH);
    super::fetch::rendered(super::fetch::get(&url).await).await
}

/// The address of option `i` (`suggestion-{i}`).
fn option_href(i: usize) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        document()
            .get_element_by_id(&format!("suggestion-{i}"))?
            .get_attribute("data-href")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = i;
        None
    }
}

/// The address of the option under a click.
fn clicked_href(ev: &leptos::ev::MouseEvent) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.target()?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("[data-href]")
            .ok()??
            .get_attribute("data-href")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

fn go(href: &str) {
    #[cfg(feature = "hydrate")]
    let _ = window().location().set_href(href);
    #[cfg(not(feature = "hydrate"))]
    let _ = href;
}

/// What the shopper typed before the WASM arrived: it is in the server-rendered input, and
/// hydrating `prop:value` from the page's initial value would wipe it.
fn typed_before_hydration() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        document()
            .get_element_by_id("search-input")
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
            .map(|input| input.value())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}
