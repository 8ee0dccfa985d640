//! The house's shape (ARCHITECTURE.md): no module imports a layer above
//! it, and none reaches sideways where the house forbids it. Read from the
//! sources themselves, `use` trees expanded (`use crate::{a, b::c}`) and
//! paths written in the code (`crate::x::f()`), so that a new import
//! across a line fails here rather than in review.

use std::path::{Path, PathBuf};

/// The layers, bottom first. A module may use its own layer and those below.
const LAYERS: &[&[&str]] = &[
    &["text", "lang"],
    &["rules", "sponsorship", "message", "diagnostic", "error"],
    &["engine"],
    &["official"],
    &["ledger"],
    &["cli", "settings", "output", "context"],
    &["ops"],
    &["render"],
    &["commands"],
    &["main", "lib"],
];

/// Imports within a layer that ARCHITECTURE.md forbids: (from, to), each
/// a top-level module or `top::sub`. `*` stands for any submodule other
/// than the importer's own.
const SIDEWAYS: &[(&str, &str)] = &[
    // No command calls another: what two share lives in ops or render.
    ("commands", "commands::*"),
    // The command line's definitions know nothing of what uses them.
    ("cli", "settings"),
    ("cli", "output"),
    ("cli", "context"),
    ("settings", "context"),
    ("settings", "output"),
    ("output", "context"),
    ("output", "settings"),
    // The workflows and the outputs take requests and values of their
    // own: no clap type below the commands.
    ("ops", "cli"),
    ("render", "cli"),
];

/// The ops modules a workflow may use: shared pieces, not other workflows.
const SHARED_OPS: &[&str] = &["compare", "history", "select", "reconcile", "register", "report"];

/// Whether `src/<top>/<name>` is a module of its own (a file or a
/// directory), not an item of `src/<top>/mod.rs`.
fn is_module(top: &str, name: &str) -> bool {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(top);
    dir.join(format!("{name}.rs")).exists() || dir.join(name).is_dir()
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The code of a source file without its tests, comments and string
/// literals (a message may well say `crate::`).
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            // A char literal such as '"' or '{' is not code either.
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                let literal = rest.starts_with('\\') || rest.chars().nth(1) == Some('\'');
                if literal {
                    for c in chars.by_ref() {
                        if c == '\'' {
                            break;
                        }
                    }
                    out.push_str("' '");
                } else {
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Every path a `use` tree names: `crate::{a, b::{c, d}}` gives
/// `crate::a`, `crate::b::c`, `crate::b::d`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let base = format!("{prefix}{}", &tree[..open]);
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        // Split at the commas of this level only.
        let (mut depth, mut start) = (0, 0);
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&base, &inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&base, &inner[start..], out);
    } else if !tree.is_empty() {
        let path = format!("{prefix}{tree}");
        let path = path.split(" as ").next().unwrap_or_default().trim().to_string();
        out.push(path);
    }
}

/// The crate paths a source file uses: its `use` trees and the paths in
/// its code, `super::` resolved against `module` (the file's own path,
/// `["ops", "check"]`).
fn used_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        let after = &rest[at + 4..];
        rest = after;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = after.find(';').unwrap_or(after.len());
        let mut found = Vec::new();
        expand("", &after[..end], &mut found);
        paths.extend(found);
    }
    for (at, _) in code.match_indices("crate::").chain(code.match_indices("super::")) {
        let path: String = code[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        paths.push(path);
    }
    paths
        .into_iter()
        .filter_map(|path| {
            let segments: Vec<String> = path.split("::").map(str::to_string).collect();
            match segments.first().map(String::as_str) {
                Some("crate") => Some(segments[1..].to_vec()),
                Some("super") => {
                    // `super` is the parent of the file's module.
                    let mut base: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
                    let mut rest = &segments[..];
                    while rest.first().map(String::as_str) == Some("super") {
                        rest = &rest[1..];
                        if rest.first().map(String::as_str) == Some("super") {
                            base.pop();
                        }
                    }
                    base.extend(rest.iter().cloned());
                    Some(base)
                }
                _ => None,
            }
        })
        .filter(|segments| !segments.is_empty() && !segments[0].is_empty())
        .collect()
}

/// Whether an import of `to` by `from` (module paths) is forbidden
/// sideways.
fn sideways(from: &[String], to: &[String]) -> bool {
    let top = |path: &[String]| path.first().cloned().unwrap_or_default();
    let two = |path: &[String]| path.iter().take(2).cloned().collect::<Vec<_>>().join("::");
    SIDEWAYS.iter().any(|(a, b)| {
        let from_ok = *a == top(from) || *a == two(from);
        let to_ok = match b.strip_suffix("::*") {
            // Another module of the layer (a file of it), not an item
            // the layer's own `mod.rs` shares.
            Some(base) => {
                top(to) == base
                    && to.get(1).is_some_and(|module| is_module(base, module))
                    && to.get(1) != from.get(1)
            }
            None => *b == top(to) || *b == two(to),
        };
        from_ok && to_ok
    }) || (top(from) == "ops"
        && top(to) == "ops"
        && to.len() >= 2
        && from.get(1) != to.get(1)
        && !SHARED_OPS.contains(&to[1].as_str()))
}

#[test]
fn no_module_imports_a_layer_above_it_or_sideways() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        // A layer's tests in a file of their own (`ops/tests.rs`) call its
        // modules side by side, as the tests inside a module (which `code`
        // leaves out) do; they still use no layer above.
        let tests = file.file_name().is_some_and(|name| name == "tests.rs");
        let relative = file.strip_prefix(&src).unwrap();
        let module: Vec<String> = relative
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .filter(|c| c != "mod")
            .collect();
        let own = layer(&module[0]).unwrap_or_else(|| {
            panic!(
                "{}: a module no layer holds; add it to ARCHITECTURE.md and here",
                module[0]
            )
        });
        let text = std::fs::read_to_string(file).unwrap();
        for used in used_paths(&code(&text), &module) {
            let Some(theirs) = layer(&used[0]) else {
                continue;
            };
            if theirs > own {
                wrong.push(format!(
                    "{} uses crate::{} (a layer above)",
                    relative.display(),
                    used.join("::")
                ));
            } else if !tests && sideways(&module, &used) {
                wrong.push(format!(
                    "{} uses crate::{} (sideways)",
                    relative.display(),
                    used.join("::")
                ));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports across the house's lines:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_reader_of_imports_sees_grouped_and_nested_trees() {
    let module = vec!["ops".to_string(), "check".to_string()];
    let text = "use crate::{render::table, commands::{add, list as l}};\nuse super::prospects::read;\nfn f() { crate::cli::Cli::parse(); }\n";
    let paths: Vec<String> = used_paths(text, &module).iter().map(|p| p.join("::")).collect();
    for wanted in [
        "render::table",
        "commands::add",
        "commands::list",
        "ops::prospects::read",
        "cli::Cli::parse",
    ] {
        assert!(paths.iter().any(|p| p == wanted), "{wanted} in {paths:?}");
    }
    let from = |m: &str| m.split("::").map(str::to_string).collect::<Vec<_>>();
    assert!(sideways(&from("commands::add"), &from("commands::list::run")));
    assert!(!sideways(&from("commands::add"), &from("ops::add::add")));
    assert!(sideways(
        &from("ops::check"),
        &from("ops::prospects::read_register")
    ));
    assert!(!sideways(&from("ops::add"), &from("ops::compare::Comparison")));
    assert!(sideways(&from("cli"), &from("context::Context")));
    assert!(sideways(&from("render::table"), &from("cli::ReportFormat")));
    // Comments and strings are not imports.
    assert!(
        used_paths(
            &code("// crate::commands::x\nlet s = \"crate::render\";"),
            &module
        )
        .is_empty()
    );
}
