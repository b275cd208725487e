//! Guards the native parser against pathological nesting.
//!
//! The HTML tree-construction algorithm scans the stack of open elements for many start tags
//! ("is there a `<p>` in button scope?"), so parsing cost grows with depth × tags: 100,000 nested
//! `<div>`s take minutes. Browsers avoid this by capping depth (Chromium attaches elements past
//! depth 512 to the element at the cap). This pre-pass does the equivalent for html5ever: a cheap
//! scan estimates nesting depth and, only when it exceeds `SCAN_TRIGGER`, removes the tags (not
//! their text) of elements nested deeper than `MAX_DEPTH`. Ordinary pages are returned untouched.

use std::borrow::Cow;

/// Elements nested deeper than this lose their tags (their content stays, one level up).
pub const MAX_DEPTH: usize = 512;
/// Depth at which the rewrite is applied at all; well beyond real pages.
const SCAN_TRIGGER: usize = 2048;

/// Elements with no end tag, or whose start tag closes an open sibling of the same kind: they
/// don't make the estimate deeper.
const NO_DEPTH: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead",
    "tfoot", "rb", "rt", "rp", "param", "keygen", "image",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// A tag found by the scanner: byte range in the input, name, and whether it is an end tag.
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    closing: bool,
    self_closing: bool,
}

/// Returns the input, or a copy with excess nesting flattened.
pub fn flatten_excess_nesting(html: &str) -> Cow<'_, str> {
    if max_depth(html) <= SCAN_TRIGGER {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0usize;
    let mut depth = 0usize;
    for tag in Tags::new(html) {
        if NO_DEPTH.contains(&tag.name) || tag.self_closing {
            continue;
        }
        let too_deep = if tag.closing {
            let d = depth;
            depth = depth.saturating_sub(1);
            d > MAX_DEPTH
        } else {
            depth += 1;
            depth > MAX_DEPTH
        };
        if too_deep {
            out.push_str(&html[copied..tag.start]);
            copied = tag.end;
        }
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

fn max_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    for tag in Tags::new(html) {
        if NO_DEPTH.contains(&tag.name) || tag.self_closing {
            continue;
        }
        if tag.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// An iterator over the tags of a document, skipping comments and raw-text content.
struct Tags<'a> {
    html: &'a str,
    pos: usize,
}

impl<'a> Tags<'a> {
    fn new(html: &'a str) -> Self {
        Tags { html, pos: 0 }
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let bytes = self.html.as_bytes();
        loop {
            let lt = self.pos + memchr_lt(bytes.get(self.pos..)?)?;
            if bytes[lt..].starts_with(b"<!--") {
                self.pos =
                    find_bytes(&bytes[lt + 4..], b"-->").map_or(bytes.len(), |i| lt + 4 + i + 3);
                continue;
            }
            let closing = bytes.get(lt + 1) == Some(&b'/');
            let name_start = lt + 1 + usize::from(closing);
            let name_len = bytes
                .get(name_start..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
                self.pos = lt + 1;
                continue;
            }
            let name = &self.html[name_start..name_start + name_len];
            let end = tag_end(bytes, name_start + name_len);
            let self_closing = end >= 2 && bytes[end - 2] == b'/';
            self.pos = end;
            let known = NO_DEPTH
                .iter()
                .chain(RAW_TEXT.iter())
                .find(|k| k.eq_ignore_ascii_case(name))
                .copied();
            if !closing && known.is_some_and(|k| RAW_TEXT.contains(&k)) {
                // Skip to the matching end tag; its content is not markup.
                self.pos = find_end_tag(bytes, end, name.as_bytes()).unwrap_or(bytes.len());
            }
            return Some(Tag {
                start: lt,
                end,
                // Known names are compared by their canonical spelling; others only need identity.
                name: known.unwrap_or(name),
                closing,
                self_closing,
            });
        }
    }
}

/// Where `</name` (any case) next starts at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = find_bytes(bytes.get(i..)?, b"</") {
        let at = i + off;
        let candidate = bytes.get(at + 2..at + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name) {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = 0;
    while let Some(off) = hay.get(i..)?.iter().position(|&b| b == first) {
        let at = i + off;
        if hay.get(at..at + needle.len())? == needle {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// The index just past the `>` that ends a tag starting before `from`, honouring quotes.
fn tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let html = "<div><p>a<p>b<ul><li>x<li>y</ul><script>if (a<b) {}</script></div>";
        assert!(matches!(flatten_excess_nesting(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_text() {
        let html = format!("{}deep text{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let out = flatten_excess_nesting(&html);
        assert!(out.contains("deep text"));
        assert_eq!(max_depth(&out), MAX_DEPTH);
    }
}
