//! The islands' hydration script, in place of Leptos' `HydrationScripts`.
//!
//! `HydrationScripts` (islands mode) preloads the WASM at high priority from the `<head>`,
//! so on a phone's connection the 200 KB module shares the bandwidth with the product
//! pictures in the first screen and the largest paint waits for both. Nothing a shopper
//! sees needs the WASM first: every island renders on the server and its forms work
//! before hydration. So this version has no preload, and its script (Leptos' own,
//! `island_script.js`) imports the code once the page has loaded.

use leptos::prelude::*;

/// `<script type="module">` that hydrates the islands after `load`.
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // As `HydrationScripts` does for islands: the rest of the page is not hydrated.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let (js, wasm) = file_names(&options);
    let nonce = leptos::nonce::use_nonce();
    let script = format!(
        "{}({:?}, {:?}, {js:?}, {wasm:?});",
        include_str!("island_script.js"),
        "",
        options.site_pkg_dir.as_ref(),
    );
    view! { <script type="module" nonce=nonce>{script}</script> }
}

/// The JS glue's and the WASM's names without extension: `dokkan.<hash>` from the
/// `hash.txt` the site build writes beside the server binary (as Leptos reads it).
fn file_names(options: &LeptosOptions) -> (String, String) {
    let mut js = options.output_name.to_string();
    let mut wasm = js.clone();
    if options.hash_files {
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .and_then(|path| std::fs::read_to_string(path).ok());
        match hashes {
            Some(hashes) => {
                for (file, hash) in hashes.lines().filter_map(|l| l.trim().split_once(':')) {
                    match file {
                        "js" => js = format!("{js}.{}", hash.trim()),
                        "wasm" => wasm = format!("{wasm}.{}", hash.trim()),
                        _ => {}
                    }
                }
            }
            None => leptos::logging::error!("File hashing is active but no hash file was found"),
        }
    } else if option_env!("LEPTOS_OUTPUT_NAME").is_none() {
        // wasm-bindgen's own name, when no build tool renamed the files.
        wasm.push_str("_bg");
    }
    (js, wasm)
}
