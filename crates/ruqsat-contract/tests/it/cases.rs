//! The legal tables: each file of `cases/` is one provision; each row a base application, the
//! facts changed, and the expected decision (a subset of the output) or input error.
//!
//! Row fields: `name`; `base` (a file of `bases/` without `.json`); `set` (dotted paths to JSON
//! values; `documents[2].issued_on` style indexes allowed); `nulls` (paths set to JSON null,
//! which TOML cannot write); `remove` (dotted paths);
//! `add_documents`, `drop_documents`; `parameters` (TOML overriding the shipped parameters);
//! `lang`; and either `error` (the field the message must start with) or `expect`: any top-level
//! output field compared exactly, plus `grounds` as a list of codes, `checks` as a map code →
//! result, `invalid` as [type, reason] pairs, `explanation_contains` and `finding_required`.

use std::collections::BTreeMap;
use std::path::Path;

use ruqsat_contract::{decide_json, load_law};
use ruqsat_i18n::Lang;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    base: String,
    #[serde(default)]
    set: BTreeMap<String, toml::Value>,
    #[serde(default)]
    nulls: Vec<String>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    add_documents: Vec<toml::Value>,
    #[serde(default)]
    drop_documents: Vec<String>,
    #[serde(default)]
    parameters: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    expect: BTreeMap<String, toml::Value>,
}

fn to_json(value: &toml::Value) -> Value {
    serde_json::to_value(value).expect("TOML values are JSON values")
}

/// The JSON value at a dotted path, created on the way.
fn slot<'a>(root: &'a mut Value, path: &str) -> &'a mut Value {
    let mut current = root;
    for segment in path.split('.') {
        let (key, index) = match segment.split_once('[') {
            Some((key, rest)) => (key, Some(rest.trim_end_matches(']').parse::<usize>().expect("index"))),
            None => (segment, None),
        };
        if !current.is_object() {
            *current = Value::Object(Default::default());
        }
        current = current
            .as_object_mut()
            .unwrap()
            .entry(key.to_owned())
            .or_insert(Value::Null);
        if let Some(index) = index {
            current = &mut current
                .as_array_mut()
                .unwrap_or_else(|| panic!("{path}: {key} is not an array"))[index];
        }
    }
    current
}

fn remove(root: &mut Value, path: &str) {
    let (parent, key) = path
        .rsplit_once('.')
        .map_or((None, path), |(parent, key)| (Some(parent), key));
    let object = match parent {
        Some(parent) => slot(root, parent),
        None => root,
    };
    object.as_object_mut().unwrap().remove(key);
}

fn application(case: &Case) -> String {
    let base_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/bases")
        .join(format!("{}.json", case.base));
    let text = std::fs::read_to_string(&base_path)
        .unwrap_or_else(|_| panic!("{}: no base {}", case.name, base_path.display()));
    let mut value: Value = serde_json::from_str(&text).unwrap();
    for (path, new_value) in &case.set {
        *slot(&mut value, path) = to_json(new_value);
    }
    for path in &case.nulls {
        *slot(&mut value, path) = Value::Null;
    }
    for path in &case.remove {
        remove(&mut value, path);
    }
    let documents = value["documents"].as_array_mut().expect("bases have documents");
    documents.retain(|document| {
        !case
            .drop_documents
            .iter()
            .any(|dropped| document["type"] == dropped.as_str())
    });
    documents.extend(case.add_documents.iter().map(to_json));
    value.to_string()
}

fn check_case(file: &str, case: &Case) -> Result<(), String> {
    let overrides: Vec<(&str, &str)> = case
        .parameters
        .iter()
        .map(|text| ("case parameters", text.as_str()))
        .collect();
    let law = load_law(&overrides, &[]).map_err(|error| format!("law: {error}"))?;
    let lang: Lang = case
        .lang
        .as_deref()
        .unwrap_or("en")
        .parse()
        .map_err(|error| format!("{error}"))?;
    let result = decide_json(&application(case), &law, lang);
    match (&case.error, result) {
        (Some(field), Err(error)) => {
            let message = error.to_string();
            if message.starts_with(&format!("{field}:")) {
                Ok(())
            } else {
                Err(format!("expected an error on {field}, got: {message}"))
            }
        }
        (Some(field), Ok(output)) => Err(format!("expected an error on {field}, got outcome {}", output.outcome)),
        (None, Err(error)) => Err(format!("unexpected error: {error}")),
        (None, Ok(output)) => {
            let output = serde_json::to_value(&output).unwrap();
            let mut problems = Vec::new();
            // Every text of the decision exists in every language: no fallback, no raw variable.
            for other in Lang::ALL {
                let rendered = decide_json(&application(case), &law, other).map_err(|error| error.to_string())?;
                let text = serde_json::to_string(&rendered).unwrap();
                for sign in ["Unknown localization", "{ $", "{$", "\u{2068}"] {
                    if text.contains(sign) {
                        problems.push(format!("{}: output contains {sign:?}: {text}", other.as_str()));
                    }
                }
            }
            for (key, expected) in &case.expect {
                let expected = to_json(expected);
                let actual = match key.as_str() {
                    "grounds" => Value::Array(
                        output["grounds"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|ground| ground["code"].clone())
                            .collect(),
                    ),
                    "checks" => Value::Object(
                        output["checks"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .filter(|check| expected.get(check["code"].as_str().unwrap()).is_some())
                            .map(|check| (check["code"].as_str().unwrap().to_owned(), check["result"].clone()))
                            .collect(),
                    ),
                    "invalid" => Value::Array(
                        output["invalid_documents"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|invalid| Value::Array(vec![invalid["type"].clone(), invalid["reason"].clone()]))
                            .collect(),
                    ),
                    "finding_required" => Value::Object(
                        output["grounds"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|ground| {
                                (
                                    ground["code"].as_str().unwrap().to_owned(),
                                    ground["finding_required"].clone(),
                                )
                            })
                            .collect(),
                    ),
                    "explanation_contains" => {
                        let text = output["explanation"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .chain(
                                output["grounds"]
                                    .as_array()
                                    .unwrap()
                                    .iter()
                                    .map(|ground| &ground["explanation"]),
                            )
                            .map(|line| line.as_str().unwrap())
                            .collect::<Vec<_>>()
                            .join("\n");
                        for needle in expected.as_array().unwrap() {
                            if !text.contains(needle.as_str().unwrap()) {
                                problems.push(format!("explanation lacks {needle}:\n{text}"));
                            }
                        }
                        continue;
                    }
                    "permit" if expected == Value::String("null".into()) => {
                        if !output["permit"].is_null() {
                            problems.push(format!("permit: expected null, got {}", output["permit"]));
                        }
                        continue;
                    }
                    "due_at" if expected == Value::String("null".into()) => {
                        if !output["due_at"].is_null() {
                            problems.push(format!("due_at: expected null, got {}", output["due_at"]));
                        }
                        continue;
                    }
                    other => output
                        .get(other)
                        .cloned()
                        .unwrap_or_else(|| panic!("{file}: {}: no output field {other}", case.name)),
                };
                if actual != expected {
                    problems.push(format!("{key}: expected {expected}, got {actual}"));
                }
            }
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems.join("\n    "))
            }
        }
    }
}

#[test]
fn legal_tables() {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/cases");
    let mut files: Vec<_> = std::fs::read_dir(&directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in &files {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let table: Table =
            toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|error| panic!("{file}: {error}"));
        for case in &table.case {
            count += 1;
            if let Err(problem) = check_case(&file, case) {
                failures.push(format!("{file}: {}\n    {problem}", case.name));
            }
        }
    }
    assert!(count > 100, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
