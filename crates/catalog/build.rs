//! Lists the demo catalog's pictures (`seed/images/`) for `include_bytes!`, so the seed
//! is compiled into the binary and `dokkan seed` works from any directory. Cargo reruns
//! this when a file under `seed/` is added, removed or changed.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=seed");
    let out =
        Path::new(&env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("seed_images.rs");
    let mut entries = Vec::new();
    // The browser build has no seed; it gets an empty list.
    if env::var_os("CARGO_FEATURE_SSR").is_some() {
        let root =
            Path::new(&env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("seed");
        collect(&root, &root.join("images"), &mut entries);
        entries.sort();
    }
    let mut code = String::from("&[\n");
    for (relative, absolute) in entries {
        code.push_str(&format!(
            "    ({relative:?}, include_bytes!({absolute:?})),\n"
        ));
    }
    code.push(']');
    fs::write(out, code).expect("writing seed_images.rs");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out);
        } else if let (Ok(relative), Some(absolute)) = (path.strip_prefix(root), path.to_str()) {
            let relative = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((relative, absolute.to_string()));
        }
    }
}
