//! The markup path the extension uses (`extractMarkup`): bytes (UTF-8, invalid bytes replaced)
//! → `tree_from_markup` → `extract_tree`, the article's HTML checked by the safety oracle. The
//! reader expects a browser's serialization but must turn any string into a valid tree, never
//! a panic or a hang, and what it makes of hostile markup must still come out inert.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/oracle/mod.rs"]
mod oracle;

const PAGE_URL: &str = "https://fuzz.example/news/story.html";

fuzz_target!(|data: &[u8]| {
    let markup = String::from_utf8_lossy(data);
    let tree = folio::dom::markup::tree_from_markup(&markup);
    if let Err(e) = tree.validate() {
        panic!("the markup reader built an inconsistent tree: {e}");
    }
    let Ok(article) = folio::extract_tree(tree, Some(PAGE_URL), &folio::Options::default())
    else {
        return;
    };
    let v = oracle::violations(&article.content, true);
    assert!(v.is_empty(), "unsafe article HTML: {v:?}\n{}", article.content);
});
