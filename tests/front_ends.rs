//! The html5ever front end against expectations shared with the web-sys walk's test
//! (`tests/wasm.rs`), so that both build the same tree from the same page.
#![cfg(not(target_arch = "wasm32"))]

mod code_children;

use folio::dom::html::parse_html;

#[test]
fn code_children_are_left_out() {
    let t = parse_html(code_children::PAGE);
    t.validate().expect("valid tree");
    code_children::check(&t);
}

/// The page's tree as lines: every element with its namespace and attributes, every text.
fn dump(tree: &folio::dom::Tree) -> Vec<String> {
    use folio::dom::NodeData;
    let mut lines = Vec::new();
    for id in tree.descendants(tree.root()) {
        let depth = tree.ancestors(id).count();
        lines.push(match tree.data(id) {
            NodeData::Element(e) => {
                let attrs: Vec<String> = e
                    .attrs
                    .iter()
                    .map(|a| format!("{}={:?}", a.name, a.value.as_str()))
                    .collect();
                // An <mglyph> or <malignmark> right inside <mi>, <mo>, <mn>, <ms> or <mtext> is
                // MathML or HTML depending on how the parser got there, which its markup does
                // not say (see dom::markup).
                let namespace = match e.name {
                    "mglyph" | "malignmark" => "either".to_string(),
                    _ => format!("{:?}", e.namespace),
                };
                format!("{depth} <{namespace}:{} {}>", e.name, attrs.join(" "))
            }
            NodeData::Text(t) => format!("{depth} {t:?}"),
            NodeData::Document => "document".into(),
        });
    }
    lines
}

/// Pages to read: the repo's own fixtures and hostile pages, and the shared corpus when it is
/// there.
fn round_trip_pages() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for dir in [
        "tests/fixtures",
        "tests/hostile",
        "samples",
        "../shared/corpus/mozilla",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            for candidate in [p.join("source.html"), p.join("page.html"), p.clone()] {
                if candidate.extension().is_some_and(|x| x == "html") && candidate.is_file() {
                    pages.push(candidate);
                }
            }
        }
    }
    pages.sort();
    pages
}

/// The view's front end reads the browser's serialization of a page (`dom::markup`): written as
/// a browser writes `outerHTML` and read back, every page gives the tree html5ever built.
#[test]
fn browser_markup_reads_back_as_the_same_tree() {
    use folio::dom::markup::tree_from_markup;
    use folio::dom::serialize::browser_markup;
    let pages = round_trip_pages();
    assert!(pages.len() >= 20, "too few pages found: {}", pages.len());
    let mut failures = Vec::new();
    for page in &pages {
        let html = folio::decode_page(&std::fs::read(page).expect("readable")).unwrap_or_default();
        let parsed = parse_html(&html);
        let read = tree_from_markup(&browser_markup(&parsed));
        read.validate().expect("valid tree");
        let (want, got) = (dump(&parsed), dump(&read));
        if want != got {
            let at = want.iter().zip(&got).position(|(a, b)| a != b).unwrap_or(0);
            failures.push(format!(
                "{}: line {at}: {:?} != {:?}",
                page.display(),
                want.get(at),
                got.get(at)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The reader view extracts without the text (`Options::with_text` false) and reads it back
/// from `content` when a person copies or exports it (the WASM `articleText`, the browser's
/// parse of the content): every page gives the same article as with the text, and the text read
/// back is the text.
#[test]
fn the_text_on_request_is_the_text() {
    let pages = round_trip_pages();
    let without = folio::Options {
        with_text: false,
        ..folio::Options::default()
    };
    let mut failures = Vec::new();
    for page in &pages {
        let html = folio::decode_page(&std::fs::read(page).expect("readable")).unwrap_or_default();
        let url = Some("https://example.com/news/story.html");
        let with = folio::extract_html(&html, url, &folio::Options::default());
        let lazy = folio::extract_html(&html, url, &without);
        let (with, lazy) = match (with, lazy) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(a), Err(b)) if a.to_string() == b.to_string() => continue,
            (a, b) => {
                failures.push(format!("{}: {:?} / {:?}", page.display(), a.err(), b.err()));
                continue;
            }
        };
        if !lazy.text.is_empty() {
            failures.push(format!(
                "{}: text made though not asked for",
                page.display()
            ));
        }
        let back = parse_html(&lazy.content);
        let read_back = folio::output::to_text(&back, back.body().unwrap_or_else(|| back.root()));
        if read_back != with.text {
            failures.push(format!("{}: the text read back differs", page.display()));
        }
        let lazy = folio::Article {
            text: with.text.clone(),
            ..lazy
        };
        if lazy != with {
            failures.push(format!("{}: the articles differ", page.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
