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

/// How a tag affects the depth estimate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Opens (or closes) one level.
    Nesting,
    /// No end tag, or its start tag closes an open sibling of the same kind (`<p>`, `<li>`,
    /// `<td>`...): does not make the estimate deeper.
    Flat,
    /// Raw text up to its end tag (`<script>`, `<style>`...): the content is not markup.
    RawText,
}

fn kind_of(name: &[u8]) -> Kind {
    if name.len() > 9 {
        return Kind::Nesting;
    }
    let mut buf = [0u8; 9];
    for (b, n) in buf.iter_mut().zip(name) {
        *b = n.to_ascii_lowercase();
    }
    match &buf[..name.len()] {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"source" | b"track" | b"wbr" | b"p" | b"li" | b"dt" | b"dd" | b"option"
        | b"optgroup" | b"tr" | b"td" | b"th" | b"tbody" | b"thead" | b"tfoot" | b"rb" | b"rt"
        | b"rp" | b"param" | b"keygen" | b"image" => Kind::Flat,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"noscript" | b"plaintext" => Kind::RawText,
        _ => Kind::Nesting,
    }
}

/// A tag found by the scanner: byte range in the input, and how it nests.
struct Tag {
    start: usize,
    end: usize,
    kind: Kind,
    closing: bool,
    self_closing: bool,
}

impl Tag {
    fn counts(&self) -> bool {
        self.kind != Kind::Flat && !self.self_closing
    }
}

/// What the pre-scan makes of a page.
pub struct Scanned<'a> {
    /// The page, or a copy with excess nesting flattened.
    pub html: Cow<'a, str>,
    /// About how many nodes the parser will make: one per start tag and one per run of text
    /// between tags. The tree reserves this much (with a margin) up front: growing a vector of
    /// millions of nodes by doubling briefly holds the old and the new block, which on a page
    /// of a million tiny elements was a tenth of the peak memory.
    pub node_estimate: usize,
}

/// Scans the page once; returns it, or a copy with excess nesting flattened, and the estimate.
pub fn scan(html: &str) -> Scanned<'_> {
    let counts = count(html);
    let node_estimate = counts.start_tags + counts.text_runs;
    let html = if counts.max_depth <= SCAN_TRIGGER {
        Cow::Borrowed(html)
    } else {
        Cow::Owned(flatten(html))
    };
    Scanned {
        html,
        node_estimate,
    }
}

fn flatten(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut copied = 0usize;
    let mut depth = 0usize;
    for tag in Tags::new(html).filter(Tag::counts) {
        let too_deep = if tag.closing {
            let d = depth;
            depth = depth.saturating_sub(1);
            d > MAX_DEPTH
        } else {
            depth += 1;
            depth > MAX_DEPTH
        };
        if too_deep {
            // Tag boundaries are ASCII `<` and `>`, so these are char boundaries.
            out.push_str(&html[copied..tag.start]);
            copied = tag.end;
        }
    }
    out.push_str(&html[copied..]);
    out
}

struct Counts {
    max_depth: usize,
    start_tags: usize,
    text_runs: usize,
}

fn count(html: &str) -> Counts {
    let mut depth = 0usize;
    let mut c = Counts {
        max_depth: 0,
        start_tags: 0,
        text_runs: 0,
    };
    let mut last_end = 0usize;
    for tag in Tags::new(html) {
        c.text_runs += usize::from(tag.start > last_end);
        last_end = tag.end;
        c.start_tags += usize::from(!tag.closing);
        if !tag.counts() {
            continue;
        }
        if tag.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            c.max_depth = c.max_depth.max(depth);
        }
    }
    c.text_runs += usize::from(html.len() > last_end);
    c
}

/// An iterator over the tags of a document, skipping comments and raw-text content.
struct Tags<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Tags<'a> {
    fn new(html: &'a str) -> Self {
        Tags {
            bytes: html.as_bytes(),
            pos: 0,
        }
    }
}

impl Iterator for Tags<'_> {
    type Item = Tag;

    fn next(&mut self) -> Option<Tag> {
        let bytes = self.bytes;
        loop {
            let lt = self.pos + memchr::memchr(b'<', bytes.get(self.pos..)?)?;
            if bytes[lt..].starts_with(b"<!--") {
                self.pos = memchr::memmem::find(&bytes[lt + 4..], b"-->")
                    .map_or(bytes.len(), |i| lt + 4 + i + 3);
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
            let name = &bytes[name_start..name_start + name_len];
            let end = tag_end(bytes, name_start + name_len);
            let self_closing = end >= 2 && bytes[end - 2] == b'/';
            self.pos = end;
            let kind = kind_of(name);
            if !closing && kind == Kind::RawText {
                self.pos = find_end_tag(bytes, end, name).unwrap_or(bytes.len());
            }
            return Some(Tag {
                start: lt,
                end,
                kind,
                closing,
                self_closing,
            });
        }
    }
}

/// Where `</name` (any case) next starts at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr::memmem::find(bytes.get(i..)?, b"</") {
        let at = i + off;
        let candidate = bytes.get(at + 2..at + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name) {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// The index just past the `>` that ends a tag, honouring quoted attribute values.
fn tag_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        let Some(off) = bytes
            .get(i..)
            .and_then(|rest| memchr::memchr3(b'>', b'"', b'\'', rest))
        else {
            return bytes.len();
        };
        let at = i + off;
        let c = bytes[at];
        if c == b'>' {
            return at + 1;
        }
        // Skip the quoted value.
        match bytes.get(at + 1..).and_then(|rest| memchr::memchr(c, rest)) {
            Some(close) => i = at + 1 + close + 1,
            None => return bytes.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let html = "<div><p>a<p>b<ul><li>x<li>y</ul><script>if (a<b) {}</script></div>";
        assert!(matches!(scan(html).html, Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_text() {
        let html = format!("{}deep text{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let out = scan(&html).html;
        assert!(out.contains("deep text"));
        assert_eq!(count(&out).max_depth, MAX_DEPTH);
    }
}
