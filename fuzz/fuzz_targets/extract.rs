//! Bytes → `decode_page` → `extract_html` → text and Markdown again from the sanitized HTML.
//! Must never panic (libFuzzer's `-timeout` catches hangs). The article's HTML must also pass
//! the safety oracle once parsed again. The reader view's extraction (no text, a tally for the
//! word count) must give the same article. (Whether the text read back from the content is the
//! article's text is the `read_back` target.)

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/oracle/mod.rs"]
mod oracle;

const PAGE_URL: &str = "https://fuzz.example/news/story.html";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = folio::decode_page(data) else {
        return;
    };
    let Ok(article) = folio::extract_html(&text, Some(PAGE_URL), &folio::Options::default())
    else {
        return;
    };
    let v = oracle::violations(&article.content, true);
    assert!(v.is_empty(), "unsafe article HTML: {v:?}\n{}", article.content);
    // The sanitized HTML, read back, renders as text and Markdown too.
    let tree = oracle::reparse(&article.content, oracle::Mode::Standards);
    if let Some(body) = tree.body() {
        let _ = folio::output::to_text(&tree, body);
        let _ = folio::output::to_markdown(&tree, body);
    }
    let without_text = folio::Options {
        with_text: false,
        ..folio::Options::default()
    };
    let lazy = folio::extract_html(&text, Some(PAGE_URL), &without_text)
        .expect("an article without its text where there is one with it");
    assert!(lazy.text.is_empty(), "no text made");
    assert_eq!(
        folio::Article {
            text: article.text.clone(),
            ..lazy
        },
        article,
        "the same article but the text"
    );
});
