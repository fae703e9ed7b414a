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

/// The web crate is an adapter: it holds no SQL (the store does) and never reads stored JSON
/// by key (the application layer's `records` own every stored shape and read it typed).
#[test]
fn the_web_crate_holds_no_sql_and_reads_no_stored_json_by_key() {
    let mut rust = Vec::new();
    files(&repository().join("crates/ruqsat-web/src"), "rs", &mut rust);
    assert!(rust.len() > 10);
    let manifest = std::fs::read_to_string(repository().join("crates/ruqsat-web/Cargo.toml")).unwrap();
    assert!(!manifest.contains("sqlx"), "ruqsat-web must not depend on sqlx");
    let sql = ["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "ALTER ", "DROP "];
    let stored = [
        ".application",
        ".decision",
        ".proposal",
        ".registry",
        ".evidence",
        "stored.",
    ];
    let parsing = [
        "serde_json::from_str",
        "serde_json::from_slice",
        "serde_json::from_value",
        "parse_json(",
    ];
    for path in rust {
        // Unit tests may build fixtures as they like.
        if path.file_name().is_some_and(|name| name == "tests.rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for (index, line) in source.lines().enumerate() {
            let at = format!("{}:{}", path.display(), index + 1);
            assert!(
                !line.contains("sqlx") && !line.contains("execute_raw"),
                "{at}: SQL in the web crate: {line}"
            );
            for statement in sql {
                assert!(
                    !line.contains(&format!("\"{statement}")),
                    "{at}: SQL in the web crate: {line}"
                );
            }
            for call in parsing {
                assert!(!line.contains(call), "{at}: the web crate parses JSON itself: {line}");
            }
            if stored.iter().any(|column| line.contains(column)) {
                assert!(!line.contains("[\""), "{at}: stored JSON read by key: {line}");
            }
        }
    }
}

/// The command line uses the web crate only to build and serve the router (and print its
/// OpenAPI document); everything else goes through the application layer.
#[test]
fn the_command_line_uses_the_web_crate_only_for_the_router() {
    let mut rust = Vec::new();
    files(&repository().join("crates/ruqsat-cli/src"), "rs", &mut rust);
    for path in rust {
        let source = std::fs::read_to_string(&path).unwrap();
        for (index, line) in source.lines().enumerate() {
            let mut rest = line;
            while let Some(found) = rest.find("ruqsat_web::") {
                let used = &rest[found + "ruqsat_web::".len()..];
                assert!(
                    used.starts_with("router(") || used.starts_with("openapi_json("),
                    "{}:{}: the command line uses ruqsat_web for more than the router: {line}",
                    path.display(),
                    index + 1
                );
                rest = used;
            }
        }
    }
}
