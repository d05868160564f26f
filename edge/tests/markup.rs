//! Markup is a type: the app's screens and the Worker's previews are made by maud's `html!`,
//! which escapes every value spliced in. `PreEscaped`, the one way to make a string into markup
//! as it is, is kept out of both crates' sources; and HTML reaches the page's DOM through the
//! app's painter alone (`clippy.toml` refuses the other sinks; this holds the painter's own).

use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a source directory").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn workspace_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["app/src", "app/tests", "edge/src", "shared/src"] {
        sources(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "the sources were found: {files:?}");
    files
}

#[test]
fn no_source_turns_a_string_into_markup_unescaped() {
    for file in workspace_sources() {
        let text = fs::read_to_string(&file).expect("a source file");
        assert!(!text.contains("PreEscaped"), "{} makes markup out of a string", file.display());
    }
}

#[test]
fn html_reaches_the_page_through_the_painter_alone() {
    for file in workspace_sources() {
        let text = fs::read_to_string(&file).expect("a source file");
        let painter = file.ends_with("app/src/screens/paint.rs");
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "createContextualFragment", "srcdoc"] {
            assert!(
                painter || !text.contains(sink),
                "{} writes HTML past the painter ({sink})",
                file.display()
            );
        }
    }
}
