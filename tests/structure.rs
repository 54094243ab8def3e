//! The architecture the README describes, held: the engine is pure Rust, its modules import each
//! other without cycles (the catalogue is data over the families, never imported back), and no
//! source file outgrows one screenful of ideas.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a file above its tests.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("#[cfg(test)]").next().unwrap_or_default().to_owned()
}

/// Each engine module (a file, or a folder with its files) and the sibling modules it names.
fn engine_imports() -> BTreeMap<String, BTreeSet<String>> {
    let engine = src().join("engine");
    let mut files = Vec::new();
    rust_files(&engine, &mut files);
    let module_of = |path: &Path| -> Option<String> {
        let rel = path.strip_prefix(&engine).ok()?;
        let first = rel.components().next()?.as_os_str().to_str()?.trim_end_matches(".rs").to_owned();
        (first != "mod").then_some(first)
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(file) else { continue };
        let text = code(file);
        let named: &mut BTreeSet<String> = graph.entry(module.clone()).or_default();
        for prefix in ["super::", "crate::engine::"] {
            for (i, _) in text.match_indices(prefix) {
                let rest = &text[i + prefix.len()..];
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                // `super::` inside a folder module names the folder's own files.
                let inside_folder = prefix == "super::" && file.parent() != Some(engine.as_path());
                if modules.contains(&name) && name != module && !inside_folder {
                    named.insert(name);
                }
            }
        }
    }
    graph
}

#[test]
fn engine_modules_import_each_other_without_cycles() {
    let graph = engine_imports();
    assert!(graph["models"].contains("fixed") && graph["catalogue"].contains("models"), "{graph:?}");
    // Depth-first search for a back edge.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(i) = path.iter().position(|n| *n == node) {
            panic!("import cycle: {} -> {node}", path[i..].join(" -> "));
        }
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(node);
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
    assert!(!graph["plan"].contains("models") && !graph["models"].contains("catalogue"));
}

#[test]
fn the_engine_is_pure_rust() {
    let mut files = Vec::new();
    rust_files(&src().join("engine"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for name in ["leptos", "web_sys", "wasm_bindgen", "js_sys", "plotters"] {
            assert!(!text.contains(&format!("{name}::")), "{} names {name}", file.display());
        }
    }
}

#[test]
fn no_source_file_is_over_600_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for file in files {
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        assert!(lines <= 600, "{} has {lines} lines", file.display());
    }
}
