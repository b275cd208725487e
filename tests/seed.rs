//! The page Folio was specified from (`../shared/seed/`), checked against its expected.json:
//! every metadata field, every must-contain sentence, no must-not-contain string.

use std::path::Path;

use folio::Options;
use serde_json::Value;

#[test]
fn seed_page_gives_exactly_its_article() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    let Ok(expected) = std::fs::read_to_string(seed.join("expected.json")) else {
        eprintln!("../shared/seed not present: skipped");
        return;
    };
    let exp: Value = serde_json::from_str(&expected).expect("expected.json");
    let page = exp["page"].as_str().expect("page");
    let html =
        folio::decode_page(&std::fs::read(seed.join(page)).expect("seed page")).expect("decode");
    let a =
        folio::extract_html(&html, exp["url"].as_str(), &Options::default()).expect("an article");
    let json = serde_json::to_value(&a).expect("json");
    let mut errs = Vec::new();
    for f in [
        "title",
        "byline",
        "siteName",
        "publishedTime",
        "lang",
        "dir",
    ] {
        if json[f] != exp[f] {
            errs.push(format!("{f}: got {}, expected {}", json[f], exp[f]));
        }
    }
    let lead = a.lead_image.clone().unwrap_or_default();
    if !exp["leadImage_one_of"]
        .as_array()
        .is_some_and(|v| v.iter().any(|x| x.as_str() == Some(&lead)))
    {
        errs.push(format!("leadImage {lead:?} is not one of the expected"));
    }
    let start = exp["excerpt_starts_with"].as_str().unwrap_or_default();
    if !a.excerpt.as_deref().unwrap_or_default().starts_with(start) {
        errs.push(format!("excerpt {:?}", a.excerpt));
    }
    for s in exp["text_must_contain"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str())
    {
        if !a.text.contains(s) {
            errs.push(format!("text lacks {s:?}"));
        }
    }
    for s in exp["text_must_not_contain"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str())
    {
        if a.text.contains(s) {
            errs.push(format!("text has {s:?}"));
        }
    }
    assert!(
        errs.is_empty(),
        "{}\n--- text:\n{}",
        errs.join("\n"),
        a.text
    );
}
