//! Bytes → `parse_html` → `output::sanitize` on the body → serialize → parse again → oracle:
//! no forbidden element, attribute or URL scheme, in standards and quirks mode. Then the same
//! once more on the re-parsed output (a second sanitize of mutated markup must be safe too).
//! Panics when the oracle fails.

#![no_main]

use folio::dom::html::parse_html;
use folio::dom::serialize::inner_html;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/oracle/mod.rs"]
mod oracle;

fn sanitize(html: &str, base: Option<&url::Url>) -> Option<String> {
    let mut tree = parse_html(html);
    let body = tree.body()?;
    folio::output::sanitize(&mut tree, body, base);
    if let Err(e) = tree.validate() {
        panic!("sanitize left an invalid tree: {e}");
    }
    Some(inner_html(&tree, body))
}

fuzz_target!(|data: &[u8]| {
    // The first byte chooses whether a page address is known (URLs must then be absolute).
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let base = url::Url::parse("https://fuzz.example/news/story.html").ok();
    let base = if flags & 1 == 0 { base.as_ref() } else { None };
    let input = String::from_utf8_lossy(rest);
    let Some(out) = sanitize(&input, base) else {
        return;
    };
    let v = oracle::violations(&out, base.is_some());
    assert!(v.is_empty(), "unsafe output: {v:?}\ninput: {input:?}\noutput: {out:?}");
    let Some(again) = sanitize(&format!("<!DOCTYPE html><body>{out}"), base) else {
        return;
    };
    let v = oracle::violations(&again, base.is_some());
    assert!(v.is_empty(), "unsafe after a second pass: {v:?}\noutput: {again:?}");
});
