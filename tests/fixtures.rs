//! Fixture pages written for Folio, one folder per rule: `page.html` and `expect.json`.
//! A new case is a new folder; this one test walks them all and reports every failure.
//!
//! expect.json keys: `url` (page URL), `error` (expected error text), `contains` /
//! `not_contains` (plain text), `html_contains` / `html_not_contains` (sanitized HTML),
//! `text_lines` (exact lines of the text output), and any Article metadata field by its JSON
//! name (`title`, `byline`, `siteName`, `publishedTime`, `lang`, `dir`, `leadImage`, `excerpt`).

use std::path::Path;

use folio::Options;
use serde_json::Value;

fn strings(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn check_case(dir: &Path) -> Vec<String> {
    let name = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let html = std::fs::read_to_string(dir.join("page.html")).expect("page.html");
    let expect: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expect.json")).expect("expect.json"),
    )
    .expect("json");
    let mut errs = Vec::new();
    let result = folio::extract_html(&html, expect["url"].as_str(), &Options::default());
    if let Some(want) = expect["error"].as_str() {
        match result {
            Err(e) if e.to_string().contains(want) => {}
            other => errs.push(format!(
                "{name}: expected error containing {want:?}, got {other:?}"
            )),
        }
        return errs;
    }
    let article = match result {
        Ok(a) => a,
        Err(e) => return vec![format!("{name}: extraction failed: {e}")],
    };
    let json = serde_json::to_value(&article).expect("article json");
    for field in [
        "title",
        "byline",
        "siteName",
        "publishedTime",
        "lang",
        "dir",
        "leadImage",
        "excerpt",
    ] {
        if let Some(want) = expect[field].as_str() {
            if json[field].as_str() != Some(want) {
                errs.push(format!(
                    "{name}: {field} = {:?}, expected {want:?}",
                    json[field]
                ));
            }
        }
    }
    for s in strings(&expect, "contains") {
        if !article.text.contains(&s) {
            errs.push(format!("{name}: text lacks {s:?}"));
        }
    }
    for s in strings(&expect, "not_contains") {
        if article.text.contains(&s) {
            errs.push(format!("{name}: text has {s:?}"));
        }
    }
    for s in strings(&expect, "html_contains") {
        if !article.content.contains(&s) {
            errs.push(format!("{name}: html lacks {s:?}"));
        }
    }
    for s in strings(&expect, "html_not_contains") {
        if article.content.contains(&s) {
            errs.push(format!("{name}: html has {s:?}"));
        }
    }
    for line in strings(&expect, "text_lines") {
        if !article.text.lines().any(|l| {
            l.trim_start_matches(['-', '*', ' ']).trim() == line
                || l.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
                    .trim()
                    == line
        }) {
            errs.push(format!("{name}: no text line {line:?}"));
        }
    }
    if !errs.is_empty() {
        errs.push(format!(
            "{name}: text was:\n{}\n--- html:\n{}",
            article.text, article.content
        ));
    }
    errs
}

#[test]
fn every_fixture_gives_its_expected_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("page.html").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "fixtures missing");
    let errs: Vec<String> = dirs.iter().flat_map(|d| check_case(d)).collect();
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}
