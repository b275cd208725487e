//! The encoded-document path the extension uses (`extractEncoded`): bytes → a shape and a text →
//! `tree_from_encoded` → `extract_tree`, the article's HTML checked by the safety oracle. The
//! decoder must turn any shape and text into a tree or an error, never a panic.
//!
//! Input layout: the first byte says how many of the following bytes are shape words (each byte
//! one small number, so that codes and lengths the decoder understands come up often); the rest
//! is the text (UTF-8, invalid bytes replaced).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/oracle/mod.rs"]
mod oracle;

const PAGE_URL: &str = "https://fuzz.example/news/story.html";

fuzz_target!(|data: &[u8]| {
    let Some((&count, rest)) = data.split_first() else {
        return;
    };
    let split = (count as usize * 4).min(rest.len());
    let shape: Vec<u32> = rest[..split].iter().map(|&b| u32::from(b)).collect();
    let text = String::from_utf8_lossy(&rest[split..]);
    let Ok(tree) = folio::dom::encoded::tree_from_encoded(&shape, &text) else {
        return;
    };
    if let Err(e) = tree.validate() {
        panic!("the decoder built an inconsistent tree: {e}");
    }
    let Ok(article) = folio::extract_tree(tree, Some(PAGE_URL), &folio::Options::default())
    else {
        return;
    };
    let v = oracle::violations(&article.content, true);
    assert!(v.is_empty(), "unsafe article HTML: {v:?}\n{}", article.content);
});
