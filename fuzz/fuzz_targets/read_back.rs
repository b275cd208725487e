//! Bytes → `decode_page` → `extract_html`, then the article's content parsed as the reader view
//! parses it (the content alone, no doctype: quirks mode) and written as text: it must be the
//! article's text, since the view's .txt export and copy read the text back that way
//! (`articleText`). On every corpus page it is; this target looks for the markup where the
//! sanitized tree and its parse part ways. Not in `scripts/fuzz.sh`'s default targets: it
//! still finds shapes left open (see fuzz/README.md).

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
    let as_view_reads = oracle::reparse(&article.content, oracle::Mode::Quirks);
    if let Some(body) = as_view_reads.body() {
        let read_back = folio::output::to_text(&as_view_reads, body);
        assert_eq!(read_back, article.text, "the text read back from the content");
    }
});
