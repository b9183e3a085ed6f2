//! The islands' hydration script, in place of Leptos' `HydrationScripts`.
//!
//! `HydrationScripts` (islands mode) preloads the WASM at high priority from the `<head>`,
//! so on a phone's connection the 200 KB module shares the bandwidth with the product
//! pictures in the first screen and the largest paint waits for both. Nothing a shopper
//! sees needs the WASM first: every island renders on the server and its forms work
//! before hydration. So this version has no preload, and its script (Leptos' own,
//! `island_script.js`) imports the code once the page has loaded.

use leptos::prelude::*;

/// `<script type="module">` that hydrates the islands after `load`; with `admin`, from the
/// staff pages' bundle (the shopper's islands and the admin-only ones, see `islands`).
#[component]
pub fn IslandScripts(options: LeptosOptions, admin: bool) -> impl IntoView {
    // As `HydrationScripts` does for islands: the rest of the page is not hydrated.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let (js, wasm) = file_names(&options, admin);
    let nonce = leptos::nonce::use_nonce();
    let script = format!(
        "{}({:?}, {:?}, {js:?}, {wasm:?});",
        include_str!("island_script.js"),
        "",
        options.site_pkg_dir.as_ref(),
    );
    view! { <script type="module" nonce=nonce>{script}</script> }
}

/// The JS glue's and the WASM's names without extension: `dokkan.<hash>` (or
/// `dokkan-admin.<hash>`) from the `hash.txt` the site build writes beside the server
/// binary (as Leptos reads it). A build without the staff bundle (cargo-leptos) serves
/// the shopper's everywhere.
fn file_names(options: &LeptosOptions, admin: bool) -> (String, String) {
    let base = options.output_name.to_string();
    let mut js = base.clone();
    let mut wasm = base.clone();
    if options.hash_files {
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .and_then(|path| std::fs::read_to_string(path).ok());
        match hashes {
            Some(hashes) => {
                let entries: Vec<(&str, &str)> = hashes
                    .lines()
                    .filter_map(|l| l.trim().split_once(':'))
                    .map(|(file, hash)| (file.trim(), hash.trim()))
                    .collect();
                let hash = |key: &str| entries.iter().find(|(k, _)| *k == key).map(|(_, h)| *h);
                let (stem, js_hash, wasm_hash) = match (hash("admin_js"), hash("admin_wasm")) {
                    (Some(j), Some(w)) if admin => (format!("{base}-admin"), Some(j), Some(w)),
                    _ => (base.clone(), hash("js"), hash("wasm")),
                };
                let named = |hash: Option<&str>| match hash {
                    Some(hash) => format!("{stem}.{hash}"),
                    None => stem.clone(),
                };
                js = named(js_hash);
                wasm = named(wasm_hash);
            }
            None => leptos::logging::error!("File hashing is active but no hash file was found"),
        }
    } else if option_env!("LEPTOS_OUTPUT_NAME").is_none() {
        // wasm-bindgen's own name, when no build tool renamed the files.
        wasm.push_str("_bg");
    }
    (js, wasm)
}
