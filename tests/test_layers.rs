//! The house's shape (ARCHITECTURE.md): no module imports a layer above it.
//! Read from the sources themselves, so that a new `use` across the line
//! fails here rather than in review.

use std::path::Path;

/// The layers, bottom first. A module may use its own layer and those below.
const LAYERS: &[&[&str]] = &[
    &["text", "diagnostic", "error", "lang"],
    &["rules", "sponsorship"],
    &["engine"],
    &["official"],
    &["ledger"],
    &["cli", "settings", "output", "context"],
    &["ops"],
    &["render"],
    &["commands"],
    &["main", "lib"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn sources(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut upward = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = top.trim_end_matches(".rs");
        let own = layer(module).unwrap_or_else(|| {
            panic!("{module}: a module no layer holds; add it to ARCHITECTURE.md and here")
        });
        let text = std::fs::read_to_string(file).unwrap();
        // Tests may reach anywhere.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (at, _) in code.match_indices("crate::") {
            let used: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if let Some(theirs) = layer(&used)
                && theirs > own
            {
                upward.push(format!("{} uses crate::{used}", relative.display()));
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(
        upward.is_empty(),
        "imports of a layer above:\n{}",
        upward.join("\n")
    );
}
