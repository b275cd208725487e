//! Guards the native parser against pathological nesting.
//!
//! The HTML tree-construction algorithm scans the stack of open elements for many start tags
//! ("is there a `<p>` in button scope?"), so parsing cost grows with depth × tags: 100,000 nested
//! `<div>`s take minutes. Browsers avoid this by capping depth (Chromium attaches elements past
//! depth 512 to the element at the cap). This guard does the equivalent for html5ever. While a
//! page is parsed, `DepthWatch` keeps an estimate of the nesting depth from the tokens on their
//! way to the tree builder; only when it passes `TRIGGER` is the parse abandoned and the page
//! parsed again with the tags (not the text) of elements nested deeper than `MAX_DEPTH` removed
//! (`flatten_deep`). Ordinary pages are parsed once, untouched, with no extra pass over them.

use std::borrow::Cow;
use std::cell::Cell;

use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, LocalName};

/// Elements nested deeper than this lose their tags (their content stays, one level up).
pub const MAX_DEPTH: usize = 512;
/// Depth at which the rewrite is applied at all; well beyond real pages.
pub const TRIGGER: usize = 2048;

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

/// `kind_of(name) != Kind::Flat` for a tag name as the tokenizer gives it (lower case, an atom:
/// compared as integers, no bytes read).
fn nests(name: &LocalName) -> bool {
    !matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("p")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("rb")
            | local_name!("rt")
            | local_name!("rp")
            | local_name!("param")
            | local_name!("keygen")
            | local_name!("image")
    )
}

/// A token sink in front of `inner` that estimates nesting depth from the tags going by (a start
/// tag that nests is one level deeper, its end tag one level up: the pre-scan's rule, on the
/// tokens the tokenizer really made). Past `limit` it stops the parse: it empties `input`, so the
/// tokenizer finishes at once, and passes nothing more on.
pub struct DepthWatch<'q, S> {
    pub inner: S,
    input: &'q BufferQueue,
    limit: Option<usize>,
    depth: Cell<usize>,
    tripped: Cell<bool>,
}

impl<'q, S> DepthWatch<'q, S> {
    /// A watch over `input` that stops the parse past `limit` levels (`None`: never).
    pub fn new(inner: S, input: &'q BufferQueue, limit: Option<usize>) -> Self {
        DepthWatch {
            inner,
            input,
            limit,
            depth: Cell::new(0),
            tripped: Cell::new(false),
        }
    }

    /// Whether the parse was stopped: its tree is incomplete.
    pub fn tripped(&self) -> bool {
        self.tripped.get()
    }
}

impl<S: TokenSink> TokenSink for DepthWatch<'_, S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if self.tripped.get() {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token {
            if !tag.self_closing && nests(&tag.name) {
                let depth = self.depth.get();
                match tag.kind {
                    TagKind::StartTag => {
                        self.depth.set(depth + 1);
                        if self.limit.is_some_and(|limit| depth + 1 > limit) {
                            self.tripped.set(true);
                            while self.input.pop_front().is_some() {}
                            return TokenSinkResult::Continue;
                        }
                    }
                    TagKind::EndTag => self.depth.set(depth.saturating_sub(1)),
                }
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// About how many nodes the parser will make from `html`: one per `<` (a start tag, or an end
/// tag, after which a run of text usually follows). The tree reserves this much (with a margin)
/// up front: growing a vector of millions of nodes by doubling briefly holds the old and the new
/// block, which on a page of a million tiny elements was a tenth of the peak memory. Counting
/// one byte is far cheaper than finding the tags.
pub fn node_estimate(html: &str) -> usize {
    memchr::memchr_iter(b'<', html.as_bytes()).count() + 1
}

/// The page with the tags of elements nested deeper than `MAX_DEPTH` removed, when the pre-scan
/// finds it nested deeper than `TRIGGER`; otherwise the page as it is.
pub fn flatten_deep(html: &str) -> Cow<'_, str> {
    if max_depth(html) <= TRIGGER {
        Cow::Borrowed(html)
    } else {
        Cow::Owned(flatten(html))
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

/// The deepest nesting the byte scan estimates.
fn max_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    for tag in Tags::new(html).filter(Tag::counts) {
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
        assert!(matches!(flatten_deep(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_text() {
        let html = format!("{}deep text{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let out = flatten_deep(&html);
        assert!(out.contains("deep text"));
        assert_eq!(max_depth(&out), MAX_DEPTH);
    }

    #[test]
    fn the_atom_rule_is_the_byte_rule() {
        let names = [
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "source",
            "track",
            "wbr",
            "p",
            "li",
            "dt",
            "dd",
            "option",
            "optgroup",
            "tr",
            "td",
            "th",
            "tbody",
            "thead",
            "tfoot",
            "rb",
            "rt",
            "rp",
            "param",
            "keygen",
            "image",
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
            "div",
            "span",
            "table",
            "section",
            "b",
            "a",
            "svg",
            "custom-element",
        ];
        for name in names {
            assert_eq!(
                nests(&LocalName::from(name)),
                kind_of(name.as_bytes()) != Kind::Flat,
                "{name}"
            );
        }
    }
}
