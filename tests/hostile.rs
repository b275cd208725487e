//! Hostile pages (`tests/hostile/<case>.html`, one class of attack each, written for Folio):
//! nothing from them may run in the reader view.
//!
//! For every page, both through the whole pipeline (`extract_html`) and through the sanitizer
//! alone (on the page's whole body, so that what the extractor would have dropped anyway is
//! still seen by the sanitizer):
//! - the HTML, parsed again as the view will parse it, holds no forbidden element, attribute or
//!   URL scheme (`oracle::violations`, in standards and quirks mode);
//! - writing the re-parsed tree out gives the same string (nothing for a second parse to
//!   rearrange: the mutation-XSS check), and sanitizing it again changes nothing;
//! - the metadata fields the view inserts as text are plain, collapsed text; the addresses are
//!   http(s); the Markdown has no raw HTML outside code.

mod oracle;

use std::path::{Path, PathBuf};

use folio::dom::html::parse_html;
use folio::dom::serialize::inner_html;
use folio::Options;

const PAGE_URL: &str = "https://hostile.example/news/2026/story.html";

fn pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/hostile")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    v.sort();
    v
}

fn base() -> url::Url {
    url::Url::parse(PAGE_URL).expect("page url")
}

/// Sanitizes the HTML (a whole page or a fragment) as the body of a document.
fn sanitize_body(html: &str) -> String {
    let mut t = parse_html(html);
    let Some(body) = t.body() else {
        return String::new();
    };
    folio::output::sanitize(&mut t, body, Some(&base()));
    inner_html(&t, body)
}

/// Every check on one piece of sanitized HTML; `what` names it in messages.
fn check_html(what: &str, html: &str, errs: &mut Vec<String>) {
    for v in oracle::violations(html, true) {
        errs.push(format!("{what}: {v}"));
    }
    if let Err(d) = oracle::round_trip(html) {
        errs.push(format!("{what}: not stable under parse+serialize: {d}"));
    }
    let again = sanitize_body(&format!("<!DOCTYPE html><body>{html}"));
    if again != html {
        errs.push(format!(
            "{what}: sanitizing again changes it: {}",
            oracle::first_difference(html, &again)
        ));
    }
}

/// Raw HTML in Markdown outside code: a `<` that starts a tag or comment and is not escaped.
fn markdown_raw_html(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    for line in md.lines() {
        let t = line.trim_start();
        if let Some(f) = &fence {
            if t.starts_with(f.as_str()) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(t[..3].to_string());
            continue;
        }
        if line.starts_with("    ") || line.starts_with('\t') {
            continue; // indented code
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let mut code_ticks = 0usize;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' {
                i += 2;
                continue;
            }
            if c == '`' {
                let mut n = 0;
                while i < chars.len() && chars[i] == '`' {
                    n += 1;
                    i += 1;
                }
                if code_ticks == 0 {
                    code_ticks = n;
                } else if code_ticks == n {
                    code_ticks = 0;
                }
                continue;
            }
            if code_ticks == 0 && c == '<' {
                let next = chars.get(i + 1).copied().unwrap_or(' ');
                if next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?') {
                    out.push(format!("raw HTML in Markdown: {line:?}"));
                    break;
                }
            }
            i += 1;
        }
    }
    out
}

fn is_web_url(v: &str) -> bool {
    url::Url::parse(v).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

fn check_page(path: &Path) -> Vec<String> {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let html = std::fs::read_to_string(path).expect("page");
    let mut errs = Vec::new();

    // The sanitizer alone, on everything in the body.
    let alone = sanitize_body(&html);
    check_html(&format!("{name} (sanitizer alone)"), &alone, &mut errs);

    // The whole pipeline.
    let a = match folio::extract_html(&html, Some(PAGE_URL), &Options::default()) {
        Ok(a) => a,
        Err(e) => {
            errs.push(format!("{name}: no article: {e}"));
            return errs;
        }
    };
    if a.word_count < 100 {
        errs.push(format!(
            "{name}: only {} words reached the output (the hostile parts must be exercised)",
            a.word_count
        ));
    }
    check_html(&format!("{name} (extract)"), &a.content, &mut errs);

    let fields = [
        ("title", Some(&a.title)),
        ("byline", a.byline.as_ref()),
        ("excerpt", a.excerpt.as_ref()),
        ("siteName", a.site_name.as_ref()),
        ("publishedTime", a.published_time.as_ref()),
    ];
    for (field, v) in fields {
        if let Some(v) = v {
            for p in oracle::text_field_problems(field, v) {
                errs.push(format!("{name}: {p}"));
            }
        }
    }
    for (field, v) in [("leadImage", &a.lead_image), ("url", &a.url)] {
        if let Some(v) = v {
            if !is_web_url(v) {
                errs.push(format!("{name}: {field} is not an http(s) URL: {v:?}"));
            }
        }
    }
    if let Some(lang) = &a.lang {
        if lang.is_empty() || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            errs.push(format!("{name}: lang is not a language tag: {lang:?}"));
        }
    }
    if let Some(dir) = &a.dir {
        if !matches!(dir.as_str(), "ltr" | "rtl") {
            errs.push(format!("{name}: dir is not ltr/rtl: {dir:?}"));
        }
    }
    if a.text.contains('\0') {
        errs.push(format!("{name}: text contains NUL"));
    }
    for p in markdown_raw_html(&a.markdown()) {
        errs.push(format!("{name}: {p}"));
    }
    if !errs.is_empty() {
        errs.push(format!("{name}: content was:\n{}\n", a.content));
    }
    errs
}

#[test]
fn hostile_pages_come_out_inert() {
    let pages = pages();
    assert!(pages.len() >= 10, "hostile pages missing");
    let errs: Vec<String> = pages.iter().flat_map(|p| check_page(p)).collect();
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}

/// The extension reads a page from the browser's serialization of it (`dom::markup`). A page's
/// own HTML read as if it were that serialization is markup the browser would never write (raw
/// text left unescaped, tags misnested): whatever tree the reader makes of it, the article must
/// still come out inert.
#[test]
fn hostile_pages_read_as_markup_come_out_inert() {
    let regressions = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut files = pages();
    files.extend(
        std::fs::read_dir(regressions)
            .expect("tests/fuzz-regressions")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "bin" || x == "html")),
    );
    let mut errs = Vec::new();
    let mut articles = 0;
    for f in &files {
        let markup = String::from_utf8_lossy(&std::fs::read(f).expect("input")).into_owned();
        let tree = folio::dom::markup::tree_from_markup(&markup);
        tree.validate().expect("valid tree");
        if let Ok(a) = folio::extract_tree(tree, Some(PAGE_URL), &Options::default()) {
            articles += 1;
            for v in oracle::violations(&a.content, true) {
                errs.push(format!("{}: {v}", f.display()));
            }
        }
    }
    assert!(
        articles >= 10,
        "only {articles} articles: the check would prove little"
    );
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}

/// The oracle itself must catch what it is there to catch; otherwise the test above proves
/// nothing.
#[test]
fn oracle_catches_unsafe_html() {
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\" &#1;javascript:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<img srcset=\"https://a.test/x.png 1x, javascript:alert(1) 2x\">",
        "<video poster=\"javascript:alert(1)\"></video>",
        "<svg><circle></circle></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<math><annotation-xml encoding=\"text/html\"><b>x</b></annotation-xml></math>",
        "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
        "<iframe src=\"https://evil.test/embed/x\" sandbox></iframe>",
        "<iframe src=\"https://www.youtube.com/embed/x\" sandbox=\"allow-scripts allow-top-navigation\"></iframe>",
        "<p style=\"color:red\">x</p>",
        "<div href=\"https://a.test/\">x</div>",
        "<form><input></form>",
        "<noscript><p>x</p></noscript>",
        "<template><p>x</p></template>",
        "<a href=\"/relative\">x</a>",
        "<blockquote cite=\"vbscript:x\">q</blockquote>",
    ] {
        assert!(
            !oracle::violations(bad, true).is_empty(),
            "oracle let through {bad}"
        );
    }
    assert!(oracle::violations(
        "<p>ok <a href=\"https://a.test/\" rel=\"noopener noreferrer\">x</a> \
         <img src=\"data:image/png;base64,AAAA\" alt=\"\"></p>\
         <iframe src=\"https://www.youtube.com/embed/x\" sandbox=\"allow-scripts allow-same-origin allow-presentation\"></iframe>\
         <math><mi>x</mi></math>",
        true
    )
    .is_empty());
    assert!(oracle::round_trip("<p>a</p><p>b</p>").is_ok());
    assert!(oracle::round_trip("<p>a<p>b</p></p>").is_err());
    assert!(!markdown_raw_html("text <img src=x> more").is_empty());
    assert!(markdown_raw_html("text \\<img src=x> `<b>` more\n```\n<script>\n```").is_empty());
    assert!(oracle::text_field_problems("t", "a  b").len() == 1);
    assert!(oracle::text_field_problems("t", "a b").is_empty());
}

/// Every input that once crashed a fuzz target (`tests/fuzz-regressions/`) goes through both
/// targets' checks: extraction does not panic, its HTML is inert and parses back to its text;
/// the sanitizer alone on the whole input gives inert HTML.
#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fuzz-regressions")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "bin" || x == "html"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut errs = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap_or_default().to_string_lossy();
        let bytes = std::fs::read(f).expect("input");
        if let Ok(text) = folio::decode_page(&bytes) {
            if let Ok(a) = folio::extract_html(&text, Some(PAGE_URL), &Options::default()) {
                for v in oracle::violations(&a.content, true) {
                    errs.push(format!("{name} (extract): {v}"));
                }
                // The reader view's text export reads the text back from the content.
                let back = oracle::reparse(&a.content, oracle::Mode::Quirks);
                let body = back.body().unwrap_or_else(|| back.root());
                if folio::output::to_text(&back, body) != a.text {
                    errs.push(format!(
                        "{name} (extract): the text read back from the content differs"
                    ));
                }
            }
        }
        let out = sanitize_body(&String::from_utf8_lossy(&bytes));
        for v in oracle::violations(&out, true) {
            errs.push(format!("{name} (sanitizer alone): {v}"));
        }
    }
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}
