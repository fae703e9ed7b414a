//! House rules as tests (STYLE rule 31): module docs, no `dbg!`, no `mod.rs`, obviously fake
//! people in every fixture.

use std::path::{Path, PathBuf};

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(directory: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|name| name != "target" && name != "node_modules")
            {
                files(&path, extension, found);
            }
        } else if path
            .extension()
            .is_some_and(|found_extension| found_extension == extension)
        {
            found.push(path);
        }
    }
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let mut rust = Vec::new();
    files(&repository().join("crates"), "rs", &mut rust);
    assert!(rust.len() > 20);
    for path in rust {
        let source = std::fs::read_to_string(&path).unwrap();
        assert!(
            source.starts_with("//!"),
            "{} must open with a //! line",
            path.display()
        );
        assert!(
            !source.contains(&["dbg", "!("].concat()),
            "{} contains dbg!",
            path.display()
        );
        assert!(
            path.file_name().unwrap() != "mod.rs",
            "{}: use foo.rs plus foo/",
            path.display()
        );
    }
}

/// Surnames of fixtures must be obviously fake.
const FAKE_PREFIXES: [&str; 6] = ["TEST", "SAMPLE", "EXAMPL", "DEMO", "FAKE", "PRIMER"];

#[test]
fn fixtures_use_obviously_fake_people() {
    let mut json = Vec::new();
    files(&repository().join("examples"), "json", &mut json);
    files(&repository().join("crates"), "json", &mut json);
    assert!(!json.is_empty());
    for path in json {
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(_) => continue,
        };
        let mut surnames = Vec::new();
        collect_surnames(&value, &mut surnames);
        for surname in surnames {
            assert!(
                FAKE_PREFIXES.iter().any(|prefix| surname.starts_with(prefix)),
                "{}: surname {surname:?} does not look obviously fake",
                path.display()
            );
        }
    }
}

fn collect_surnames(value: &serde_json::Value, surnames: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                if key == "surname"
                    && let Some(surname) = inner.as_str()
                {
                    surnames.push(surname.to_owned());
                }
                collect_surnames(inner, surnames);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_surnames(item, surnames)),
        serde_json::Value::Null
        | serde_json::Value::Bool(_)
        | serde_json::Value::Number(_)
        | serde_json::Value::String(_) => {}
    }
}
