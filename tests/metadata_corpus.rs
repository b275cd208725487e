//! Metadata accuracy over the shared Mozilla corpus and the seed page (ignored: needs /work/shared).
//!
//! `cargo test --test metadata_corpus -- --ignored --nocapture` prints per-field accuracy;
//! `FOLIO_META_VERBOSE=1` also prints every miss.

use std::path::Path;

use folio::dom::html::parse_html;
use folio::dom::Tree;
use folio::metadata::{byline_of_node, read_metadata, Metadata};
use serde_json::Value;
use url::Url;

const MOZILLA: &str = "/work/shared/corpus/mozilla";
const SEED: &str = "/work/shared/seed";

fn norm(s: Option<&str>) -> String {
    s.unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip_by(s: &str) -> String {
    let lower = s.to_lowercase();
    if lower.starts_with("by ") {
        s.get(3..).unwrap_or(s).trim().to_string()
    } else {
        s.to_string()
    }
}

/// The expected title without a trailing " <separator> <siteName>" (the brief cuts it).
fn without_site(title: &str, row: &Value) -> String {
    let site = norm(row.get("siteName").and_then(Value::as_str));
    if site.is_empty() {
        return title.to_string();
    }
    for sep in [" | ", " - ", " – ", " — ", " » ", " / "] {
        if let Some(head) = title.strip_suffix(&format!("{sep}{site}")) {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

/// The byline the extractor ends with: the metadata's, else the first in-page byline node.
fn final_byline(tree: &Tree, meta: &Metadata) -> Option<String> {
    meta.byline.clone().or_else(|| {
        let body = tree.body()?;
        tree.descendants(body).find_map(|n| byline_of_node(tree, n))
    })
}

fn field<'a>(meta: &'a Metadata, name: &str) -> Option<&'a str> {
    match name {
        "title" => meta.title.as_deref(),
        "byline" => meta.byline.as_deref(),
        "excerpt" => meta.excerpt.as_deref(),
        "siteName" => meta.site_name.as_deref(),
        "lang" => meta.lang.as_deref(),
        "dir" => meta.dir.as_deref(),
        "publishedTime" => meta.published_time.as_deref(),
        _ => None,
    }
}

#[test]
#[ignore]
fn mozilla_corpus_accuracy() {
    let truth_path = Path::new(MOZILLA).join("truth.jsonl");
    let Ok(truth) = std::fs::read_to_string(&truth_path) else {
        eprintln!("no corpus at {MOZILLA}; skipped");
        return;
    };
    let verbose = std::env::var_os("FOLIO_META_VERBOSE").is_some();
    let page_url = Url::parse("http://fakehost/test/page.html").ok();
    let fields = [
        "title",
        "byline",
        "excerpt",
        "siteName",
        "lang",
        "dir",
        "publishedTime",
    ];
    let mut hits = [0usize; 7];
    let mut totals = [0usize; 7];
    let mut byline_by_hits = 0;
    let mut title_site_hits = 0;
    let mut excerpt_fallbacks = 0;
    for line in truth.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).expect("truth line");
        let id = row["id"].as_str().unwrap_or("");
        let page = row["page"].as_str().unwrap_or("");
        let html = std::fs::read_to_string(Path::new(MOZILLA).join(page)).expect("page");
        let tree = parse_html(&html);
        let mut meta = read_metadata(&tree, page_url.as_ref());
        meta.byline = final_byline(&tree, &meta);
        for (i, f) in fields.iter().enumerate() {
            let want = norm(row.get(*f).and_then(Value::as_str));
            if want.is_empty() {
                continue;
            }
            totals[i] += 1;
            let got = norm(field(&meta, f));
            let ok = if *f == "publishedTime" {
                got.get(..10) == want.get(..10)
            } else {
                got == want
            };
            if ok {
                hits[i] += 1;
            }
            if *f == "title" && (ok || without_site(&want, &row) == got) {
                title_site_hits += 1;
            }
            if *f == "byline" && (ok || strip_by(&got) == strip_by(&want)) {
                byline_by_hits += 1;
            }
            if *f == "excerpt" && !ok && got.is_empty() {
                excerpt_fallbacks += 1;
                continue;
            }
            if !ok && verbose {
                println!(
                    "MISS {id:<32} {f:<13} got {got:?}\n{:<52} want {want:?}",
                    ""
                );
            }
        }
    }
    println!("field          accuracy  (n)");
    for (i, f) in fields.iter().enumerate() {
        let acc = hits[i] as f64 / totals[i].max(1) as f64;
        println!("{f:<14} {acc:.3}     ({}/{})", hits[i], totals[i]);
    }
    println!(
        "title counting \"Headline | Site\" cut to \"Headline\" as right: {:.3} ({title_site_hits}/{})",
        title_site_hits as f64 / totals[0].max(1) as f64,
        totals[0]
    );
    let n = totals[1].max(1) as f64;
    println!(
        "byline ignoring a leading \"By \": {:.3} ({byline_by_hits}/{})",
        byline_by_hits as f64 / n,
        totals[1]
    );
    let e = totals[2] - hits[2];
    println!(
        "excerpt misses: {e}, of which {excerpt_fallbacks} pages without any description (the extractor's first-paragraph fallback); without those: {:.3}",
        hits[2] as f64 / (totals[2] - excerpt_fallbacks).max(1) as f64
    );
}

#[test]
#[ignore]
fn seed_page() {
    let Ok(html) = std::fs::read_to_string(Path::new(SEED).join("devdiscourse-article.html"))
    else {
        eprintln!("no seed page; skipped");
        return;
    };
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(SEED).join("expected.json")).expect("expected.json"),
    )
    .expect("json");
    let url = Url::parse(expected["url"].as_str().unwrap_or("")).ok();
    let tree = parse_html(&html);
    let meta = read_metadata(&tree, url.as_ref());
    println!("{meta:#?}");
    for f in [
        "title",
        "byline",
        "siteName",
        "publishedTime",
        "lang",
        "dir",
    ] {
        assert_eq!(field(&meta, f), expected[f].as_str(), "{f}");
    }
    let images: Vec<&str> = expected["leadImage_one_of"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert!(images.contains(&meta.lead_image.as_deref().unwrap_or("")));
    let start = expected["excerpt_starts_with"].as_str().unwrap_or("");
    assert!(meta.excerpt.as_deref().unwrap_or("").starts_with(start));
}

/// WCXB articles, as a check that the rules generalize (human-marked truth, so exact matches
/// are rarer). `FOLIO_META_WCXB` names a folder of `<id>.html` files (decompressed) and a
/// `truth.jsonl` with id, url, title, byline, publishedTime.
#[test]
#[ignore]
fn wcxb_articles_accuracy() {
    let Some(dir) = std::env::var_os("FOLIO_META_WCXB") else {
        eprintln!("FOLIO_META_WCXB not set; skipped");
        return;
    };
    let dir = Path::new(&dir);
    let Ok(truth) = std::fs::read_to_string(dir.join("truth.jsonl")) else {
        return;
    };
    let verbose = std::env::var_os("FOLIO_META_VERBOSE").is_some();
    let fields = ["title", "byline", "publishedTime"];
    let (mut hits, mut totals) = ([0usize; 3], [0usize; 3]);
    for line in truth.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).expect("truth line");
        let id = row["id"].as_str().unwrap_or("");
        let Ok(bytes) = std::fs::read(dir.join(format!("{id}.html"))) else {
            continue;
        };
        let Ok(html) = folio::decode_page(&bytes) else {
            continue;
        };
        let url = row["url"].as_str().and_then(|u| Url::parse(u).ok());
        let tree = parse_html(&html);
        let mut meta = read_metadata(&tree, url.as_ref());
        meta.byline = final_byline(&tree, &meta);
        for (i, f) in fields.iter().enumerate() {
            let want = norm(row.get(*f).and_then(Value::as_str));
            if want.is_empty() {
                continue;
            }
            totals[i] += 1;
            let got = norm(field(&meta, f));
            let ok = if *f == "publishedTime" {
                got.get(..10) == want.get(..10)
            } else {
                got == want
            };
            if ok {
                hits[i] += 1;
            } else if verbose {
                println!("MISS {id:<6} {f:<13} got {got:?}\n{:<26} want {want:?}", "");
            }
        }
    }
    for (i, f) in fields.iter().enumerate() {
        let acc = hits[i] as f64 / totals[i].max(1) as f64;
        println!("wcxb {f:<14} {acc:.3}     ({}/{})", hits[i], totals[i]);
    }
}
