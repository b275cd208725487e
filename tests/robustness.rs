//! Bad input gets a clear error or an empty result: never a panic, a hang or a lost page.
//! Bounds are generous for a shared 2-core machine running debug-profile tests.

use std::time::{Duration, Instant};

use folio::{Error, Options};

fn extract(html: &str) -> Result<folio::Article, Error> {
    folio::extract_html(html, Some("https://example.test/a"), &Options::default())
}

#[test]
fn empty_and_blank_input_is_no_article() {
    for input in [
        "",
        "   ",
        "<html></html>",
        "<!doctype html>",
        "<body></body>",
    ] {
        assert!(
            matches!(extract(input), Err(Error::NoArticle(_))),
            "{input:?}"
        );
    }
}

#[test]
fn random_bytes_never_panic() {
    // A fixed-seed xorshift makes the bytes the same on every run.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..200 {
        let len = 1 + (round * 37) % 4000;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Bias towards markup characters so the parser sees tags, not only noise.
                b"<>/=\"' abcdivpscript&#;\n"[(x % 24) as usize].max((x >> 8) as u8 & 0x7f)
            })
            .collect();
        match folio::decode_page(&bytes) {
            Ok(text) => {
                let _ = extract(&text);
            }
            Err(Error::NotText(_)) => {}
            Err(e) => panic!("unexpected error kind {e:?}"),
        }
    }
    assert!(matches!(
        folio::decode_page(b"\x00\x01\x02binary\x00"),
        Err(Error::NotText(_))
    ));
}

#[test]
fn hundred_thousand_deep_nesting_finishes() {
    let depth = 100_000;
    let mut html = String::with_capacity(depth * 12);
    html.push_str("<html><body>");
    for _ in 0..depth {
        html.push_str("<div>");
    }
    html.push_str("<p>The article text sits at the very bottom of a very deep tree, and it is long enough to count as prose for the extractor, with a comma, and another comma, and a full stop.</p>");
    for _ in 0..depth {
        html.push_str("</div>");
    }
    let start = Instant::now();
    let result = extract(&html);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );
    if let Ok(a) = result {
        assert!(a.text.contains("very bottom"));
    }
}

#[test]
fn large_page_finishes() {
    let para = "<p>Paragraph of a long report, with commas, and numbers like 1,200 and 3,400, written to be long enough to count as prose.</p>\n";
    let mut html = String::from("<html><body><article>");
    while html.len() < 20 * 1024 * 1024 {
        html.push_str("<section><h2>Part</h2>");
        for _ in 0..20 {
            html.push_str(para);
        }
        html.push_str("<ul><li><a href='/x'>Link</a></li></ul></section>");
    }
    html.push_str("</article></body></html>");
    let start = Instant::now();
    let a = extract(&html).expect("an article");
    let took = start.elapsed();
    eprintln!("20 MB page: {:?}, {} words", took, a.word_count);
    assert!(took < Duration::from_secs(120), "took {took:?}");
    assert!(a.word_count > 1_000_000);
}

#[test]
fn unclosed_and_misnested_markup_is_read() {
    let html = "<p>First paragraph of the story with enough words to count, and a comma, and another one here.<p>Second <b>bold <i>both</b> italic</i> paragraph, also long enough to count as part of the article text.<table><tr><td>cell";
    let a = extract(html).expect("article");
    assert!(a.text.contains("First paragraph"));
}
