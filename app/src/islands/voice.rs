//! Speech to text with the browser's Web Speech API, where it has one (Chrome, Edge,
//! Safari: `SpeechRecognition`, often still `webkitSpeechRecognition`). web-sys only
//! binds it behind an unstable flag, so the few calls go through `Reflect`. Browsers
//! without it never see a microphone button.

/// Whether this browser can listen.
pub fn available() -> bool {
    #[cfg(feature = "hydrate")]
    {
        constructor().is_some()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

#[cfg(feature = "hydrate")]
fn constructor() -> Option<js_sys::Function> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    ["SpeechRecognition", "webkitSpeechRecognition"]
        .into_iter()
        .find_map(|name| {
            js_sys::Reflect::get(&window, &name.into())
                .ok()
                .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        })
}

/// Listens once in `lang` (`ar-EG`, `en-US`): `heard` gets the words, `done` is called
/// when listening ends (heard or not). Returns false when listening could not start.
#[cfg(feature = "hydrate")]
pub fn listen(lang: &str, heard: impl Fn(String) + 'static, done: impl Fn() + 'static) -> bool {
    use js_sys::Reflect;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let Some(constructor) = constructor() else {
        return false;
    };
    let Ok(recognition) = Reflect::construct(&constructor, &js_sys::Array::new()) else {
        return false;
    };
    let _ = Reflect::set(&recognition, &"lang".into(), &lang.into());
    let _ = Reflect::set(&recognition, &"interimResults".into(), &false.into());
    let _ = Reflect::set(&recognition, &"maxAlternatives".into(), &1.into());
    // event.results[0][0].transcript
    let on_result = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let transcript = Reflect::get(&event, &"results".into())
            .and_then(|r| Reflect::get_u32(&r, 0))
            .and_then(|r| Reflect::get_u32(&r, 0))
            .and_then(|a| Reflect::get(&a, &"transcript".into()))
            .ok()
            .and_then(|t| t.as_string());
        if let Some(text) = transcript.filter(|t| !t.trim().is_empty()) {
            heard(text);
        }
    });
    let on_end = Closure::<dyn FnMut()>::new(done);
    let _ = Reflect::set(&recognition, &"onresult".into(), on_result.as_ref());
    let _ = Reflect::set(&recognition, &"onend".into(), on_end.as_ref());
    on_result.forget();
    on_end.forget();
    Reflect::get(&recognition, &"start".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|start| start.call0(&recognition).is_ok())
        .unwrap_or(false)
}

/// The microphone drawn for the voice buttons (an emoji is a blank box where the system
/// has no emoji font).
#[leptos::component]
pub fn MicIcon() -> impl leptos::IntoView {
    use leptos::prelude::*;
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2z"/>
        </svg>
    }
}

/// The recognition language for a page's language.
pub fn speech_lang(lang: &str) -> &'static str {
    if lang == "ar" {
        "ar-EG"
    } else {
        "en-US"
    }
}
