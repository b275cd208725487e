//! The browser front end: a DOM arrives as its own serialization (`Element.outerHTML`, which the
//! browser writes in C++) and is read back here into the arena `Tree`.
//!
//! Why not walk the DOM in JavaScript: a first walk of a document makes a JavaScript wrapper
//! for every node it touches, and a click always meets a first walk (the content script's
//! world has wrappers of its own, whatever the page's scripts did). On 40 mozilla corpus pages
//! in fresh frames, the JS walk took 3.5 ms median and `outerHTML` 1.1 ms.
//!
//! This is not an HTML parser: it reads only what the browser's serializer writes, where every
//! element has its end tag (void elements excepted), every attribute value is double-quoted,
//! and `&`, `<`, `>` and no-break spaces are written as references (only the text of a few
//! raw-text elements is written as it is). So there is no error recovery and no tree-building
//! rule to apply: a start tag opens an element, its end tag closes it. Element namespaces are
//! not written; they follow from where `<svg>` and `<math>` start and end, as the HTML parser
//! decides them. The tree is what the JS walk gave: comments, doctypes and processing
//! instructions are dropped, a `<template>`'s content is its children, an HTML `<noscript>` is
//! one text child holding its inner HTML (html5ever parses with scripting on), and the children
//! of an HTML `<style>` and of a non-JSON-LD `<script>` are left out (`children_are_code`).
//!
//! Any string gives a tree and never a panic: a stray `<` is text, an end tag with no open
//! element of its name is dropped, whatever is open at the end is closed. (The XML serializer's
//! `<br/>` and CDATA sections are read too, for pages served as XHTML.)

use std::rc::Rc;

use compact_str::CompactString;

use super::tree::{Attribute, NameKey, NodeId, Tree};
use super::{children_are_code, Element, Namespace};
use crate::ascii_word::find_first_of;
use crate::entities::{decode_entities, decode_one};

/// Builds a `Tree` from a document's serialization (the `outerHTML` of its root element).
pub fn tree_from_markup(markup: &str) -> Tree {
    // About one node per 40 bytes of markup on the corpus pages.
    let mut reader = Reader {
        markup,
        pos: 0,
        tree: Tree::with_capacity(markup.len() / 40 + 16),
        open: Vec::new(),
        names: NameCache::new(),
        attrs: Vec::new(),
    };
    reader.read_all();
    reader.tree
}

/// How many open elements an end tag that does not close the innermost one may reach up.
const END_TAG_REACH: usize = 64;

/// An element whose children are being read.
struct Open {
    id: NodeId,
    /// Its name as written in the markup (byte range), to match its end tag.
    name: (usize, usize),
    /// The namespace its children are in unless they are `<svg>` or `<math>`.
    children: ChildContext,
}

/// Which namespace an element's children get, as the HTML parser decides it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ChildContext {
    Html,
    Svg,
    MathMl,
    /// Children of MathML `annotation-xml`: `<svg>` is SVG, the rest MathML.
    Annotation,
}

struct Reader<'a> {
    markup: &'a str,
    pos: usize,
    tree: Tree,
    open: Vec<Open>,
    names: NameCache,
    /// The attributes of the tag being read, on their way into the tree's storage.
    attrs: Vec<Attribute>,
}

impl Reader<'_> {
    fn bytes(&self) -> &[u8] {
        self.markup.as_bytes()
    }

    fn parent(&self) -> NodeId {
        self.open.last().map_or(self.tree.root(), |o| o.id)
    }

    fn read_all(&mut self) {
        let len = self.markup.len();
        // The start of the text not yet appended: a text runs until markup, and is cut only
        // where a character reference is decoded.
        let mut run = 0;
        while self.pos < len {
            let stop = find_first_of(self.bytes(), self.pos, [b'<', b'&']);
            if stop >= len {
                break;
            }
            self.pos = stop + 1;
            if self.bytes()[stop] == b'&' {
                if let Some((c, width)) = decode_one(&self.markup[stop..]) {
                    self.append_text(run, stop);
                    let parent = self.parent();
                    self.tree.append_text(parent, c.encode_utf8(&mut [0; 4]));
                    self.pos = stop + width;
                    run = self.pos;
                }
                continue;
            }
            let starts_markup = matches!(
                self.bytes().get(stop + 1),
                Some(b'/' | b'!' | b'?' | b'a'..=b'z' | b'A'..=b'Z')
            );
            if !starts_markup {
                // A `<` that starts nothing: text, left in the run.
                continue;
            }
            self.append_text(run, stop);
            self.pos = stop;
            match self.bytes()[stop + 1] {
                b'/' => self.end_tag(),
                b'!' => self.markup_declaration(),
                b'?' => self.pos = skip_past(self.bytes(), stop, b">"),
                _ => self.start_tag(),
            }
            run = self.pos;
        }
        self.append_text(run, len);
    }

    /// Appends `markup[start..end]` (no references left in it) to the open element.
    fn append_text(&mut self, start: usize, end: usize) {
        if start < end {
            let parent = self.parent();
            self.tree.append_text(parent, &self.markup[start..end]);
        }
    }

    /// `<!--...-->`, `<![CDATA[...]]>` (text) or `<!DOCTYPE ...>`.
    fn markup_declaration(&mut self) {
        let rest = &self.bytes()[self.pos..];
        if rest.starts_with(b"<!--") {
            self.pos = skip_past(self.bytes(), self.pos + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            let start = self.pos + 9;
            let end = find_seq(self.bytes(), start, b"]]>").unwrap_or(self.markup.len());
            if end > start {
                let parent = self.parent();
                self.tree.append_text(parent, &self.markup[start..end]);
            }
            self.pos = (end + 3).min(self.markup.len());
        } else {
            self.pos = skip_past(self.bytes(), self.pos, b">");
        }
    }

    fn end_tag(&mut self) {
        let start = self.pos + 2;
        let name_end = name_end(self.bytes(), start);
        self.pos = skip_past(self.bytes(), name_end, b">");
        let name = &self.bytes()[start..name_end];
        // The innermost open element of that name, and every element inside it, close. The
        // serializer's end tag always closes the innermost element; one that does not (markup
        // a script's text broke into) is looked for only a few levels up, or a long run of
        // them under a deep page would cost depth × count. One that matches none is dropped.
        let bytes = self.markup.as_bytes();
        let window = self.open.len().saturating_sub(END_TAG_REACH);
        if let Some(depth) = self.open[window..]
            .iter()
            .rposition(|o| &bytes[o.name.0..o.name.1] == name)
        {
            self.open.truncate(window + depth);
        }
    }

    fn start_tag(&mut self) {
        let name_start = self.pos + 1;
        let name_end = name_end(self.bytes(), name_start);
        let name = &self.markup[name_start..name_end];
        self.pos = name_end;
        let self_closing = self.attributes();

        let context = self.open.last().map_or(ChildContext::Html, |o| o.children);
        let namespace = match (context, name) {
            (ChildContext::Html | ChildContext::Annotation, "svg") => Namespace::Svg,
            (ChildContext::Html, "math") => Namespace::MathMl,
            (ChildContext::Html, _) => Namespace::Html,
            (ChildContext::Svg, _) => Namespace::Svg,
            (ChildContext::MathMl | ChildContext::Annotation, _) => Namespace::MathMl,
        };
        let key = self.names.element(name, &mut self.tree);
        let id = self
            .tree
            .new_element_keyed(key, namespace, self.attrs.drain(..));
        let parent = self.parent();
        self.tree.append(parent, id);

        if self_closing || (namespace == Namespace::Html && is_void(name)) {
            return;
        }
        if namespace == Namespace::Html && is_raw_text(name) {
            self.raw_text(id, name_start, name_end);
            return;
        }
        let children = match (namespace, name) {
            (Namespace::Html, _) => ChildContext::Html,
            // HTML integration points: their children are HTML again.
            (Namespace::Svg, "foreignObject" | "desc" | "title") => ChildContext::Html,
            (Namespace::Svg, _) => ChildContext::Svg,
            // (Not quite: the parser makes an `<mglyph>` or `<malignmark>` met right inside them
            // MathML, but HTML when it came through an HTML element such as a `<table>` and
            // was moved up. The markup cannot tell which; HTML is the reading in which more of
            // what follows stays text.)
            (Namespace::MathMl, "mi" | "mo" | "mn" | "ms" | "mtext") => ChildContext::Html,
            (Namespace::MathMl, "annotation-xml") => {
                let encoding = self.tree.attr(id, "encoding").unwrap_or("");
                if encoding.eq_ignore_ascii_case("text/html")
                    || encoding.eq_ignore_ascii_case("application/xhtml+xml")
                {
                    ChildContext::Html
                } else {
                    ChildContext::Annotation
                }
            }
            _ => ChildContext::MathMl,
        };
        self.open.push(Open {
            id,
            name: (name_start, name_end),
            children,
        });
    }

    /// The attributes of the tag at `pos` (just past its name), up to and past its `>`, into
    /// `self.attrs`; whether the tag ended with `/>`.
    fn attributes(&mut self) -> bool {
        self.attrs.clear();
        let len = self.markup.len();
        loop {
            while self.pos < len && self.bytes()[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            match self.bytes().get(self.pos) {
                None => return false,
                Some(b'>') => {
                    self.pos += 1;
                    return false;
                }
                Some(b'/') => {
                    self.pos += 1;
                    if self.bytes().get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                        return true;
                    }
                    continue;
                }
                Some(_) => {}
            }
            // A name may start with `=` (the HTML parser makes one of `<p =x>`), never with
            // white space, `>` or `/`, which were dealt with above.
            let name_start = self.pos;
            let mut name_end = self.pos + 1;
            while name_end < len
                && !matches!(self.bytes()[name_end], b'=' | b'>' | b'/')
                && !self.bytes()[name_end].is_ascii_whitespace()
            {
                name_end += 1;
            }
            self.pos = name_end;
            let value = if self.bytes().get(self.pos) == Some(&b'=') {
                self.pos += 1;
                self.attribute_value()
            } else {
                CompactString::default()
            };
            let name = self
                .names
                .attribute(&self.markup[name_start..name_end], &mut self.tree);
            self.attrs.push(Attribute { name, value });
        }
    }

    /// The value at `pos` (just past the `=`), quoted as the serializer writes it or not.
    fn attribute_value(&mut self) -> CompactString {
        let len = self.markup.len();
        let (start, end, next, has_reference) = match self.bytes().get(self.pos) {
            Some(&quote @ (b'"' | b'\'')) => {
                let start = self.pos + 1;
                let end = find_first_of(self.bytes(), start, [quote, b'&']);
                let has_reference = self.bytes().get(end) == Some(&b'&');
                let end = if has_reference {
                    find_first_of(self.bytes(), end, [quote])
                } else {
                    end
                };
                (start, end, (end + 1).min(len), has_reference)
            }
            _ => {
                let start = self.pos;
                let mut end = start;
                while end < len
                    && self.bytes()[end] != b'>'
                    && !self.bytes()[end].is_ascii_whitespace()
                {
                    end += 1;
                }
                (start, end, end, self.bytes()[start..end].contains(&b'&'))
            }
        };
        self.pos = next;
        let raw = &self.markup[start..end];
        if has_reference {
            decode_entities(raw).into()
        } else {
            raw.into()
        }
    }

    /// The content of a raw-text element (its text is written as it is, up to its end tag).
    fn raw_text(&mut self, id: NodeId, name_start: usize, name_end: usize) {
        let start = self.pos;
        let name = &self.bytes()[name_start..name_end];
        // `<plaintext>` runs to the end of the page: its text holds whatever followed it,
        // end tags included, so its own end tag is the last one.
        let end = if name == b"plaintext" {
            find_last_end_tag(self.bytes(), start, name)
        } else {
            find_end_tag(self.bytes(), start, name)
        };
        self.pos = skip_past(self.bytes(), end, b">");
        let keep = self
            .tree
            .element(id)
            .is_some_and(|e: Element<'_>| !children_are_code(e));
        if keep && end > start {
            self.tree.append_text(id, &self.markup[start..end]);
        }
    }
}

/// The names met so far, so that each element and attribute name is looked up in the tree's
/// name table once per distinct name rather than once per use (a page has a few hundred
/// distinct names and tens of thousands of uses). A small direct-mapped cache, checked by the
/// name's bytes: a miss only costs the table lookup it saves.
struct NameCache {
    elements: Vec<Option<(Rc<str>, NameKey)>>,
    attributes: Vec<Option<Rc<str>>>,
}

const NAME_SLOTS: usize = 256;

fn slot(name: &str) -> usize {
    let b = name.as_bytes();
    let first = b.first().copied().unwrap_or(0) as usize;
    let last = b.last().copied().unwrap_or(0) as usize;
    (first.wrapping_mul(31) ^ last.wrapping_mul(7) ^ b.len().wrapping_mul(131)) % NAME_SLOTS
}

impl NameCache {
    fn new() -> Self {
        NameCache {
            elements: vec![None; NAME_SLOTS],
            attributes: vec![None; NAME_SLOTS],
        }
    }

    fn element(&mut self, name: &str, tree: &mut Tree) -> NameKey {
        let entry = &mut self.elements[slot(name)];
        match entry {
            Some((known, key)) if &**known == name => *key,
            _ => {
                let key = tree.name_key(name);
                *entry = Some((name.into(), key));
                key
            }
        }
    }

    fn attribute(&mut self, name: &str, tree: &mut Tree) -> Rc<str> {
        let entry = &mut self.attributes[slot(name)];
        match entry {
            Some(known) if &**known == name => Rc::clone(known),
            _ => {
                let interned = tree.intern(name);
                *entry = Some(Rc::clone(&interned));
                interned
            }
        }
    }
}

/// HTML elements the serializer writes with no end tag (and no children).
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// HTML elements whose text the serializer writes unescaped (`noscript` only when scripting is
/// on; read raw either way, which gives its inner HTML as the JS walk took it).
pub(crate) fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" | "noscript"
    )
}

/// Where the tag name starting at `start` ends.
fn name_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < bytes.len()
        && !matches!(bytes[end], b'>' | b'/')
        && !bytes[end].is_ascii_whitespace()
    {
        end += 1;
    }
    end
}

fn find_seq(bytes: &[u8], from: usize, seq: &[u8]) -> Option<usize> {
    let first = *seq.first()?;
    let mut at = from;
    loop {
        let i = find_first_of(bytes, at, [first]);
        if i >= bytes.len() {
            return None;
        }
        if bytes.get(i..i + seq.len()) == Some(seq) {
            return Some(i);
        }
        at = i + 1;
    }
}

/// Just past the first `seq` at or after `from`, or the end.
fn skip_past(bytes: &[u8], from: usize, seq: &[u8]) -> usize {
    find_seq(bytes, from, seq).map_or(bytes.len(), |i| i + seq.len())
}

/// Where the end tag `</name` (ASCII case ignored) of a raw-text element starts, or the end.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(i) = find_seq(bytes, at, b"</") {
        let after = i + 2 + name.len();
        let named = bytes
            .get(i + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if named
            && bytes
                .get(after)
                .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
        {
            return i;
        }
        at = i + 2;
    }
    bytes.len()
}

/// Where the last end tag `</name` at or after `from` starts, or the end.
fn find_last_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut last = bytes.len();
    let mut at = from;
    loop {
        let i = find_end_tag(bytes, at, name);
        if i >= bytes.len() {
            return last;
        }
        last = i;
        at = i + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::serialize::inner_html;

    fn read(markup: &str) -> String {
        let tree = tree_from_markup(markup);
        inner_html(&tree, tree.root())
    }

    #[test]
    fn elements_attributes_text_and_references() {
        assert_eq!(
            read("<html><head></head><body><p class=\"a&amp;b\" id=\"x\">1 &lt; 2&nbsp;&amp;&#233;&#x1F600; &zz; &</p><br><img src=\"i\"></body></html>"),
            "<html><head></head><body><p class=\"a&amp;b\" id=\"x\">1 &lt; 2&nbsp;&amp;é😀 &amp;zz; &amp;</p><br><img src=\"i\"></body></html>"
        );
    }

    #[test]
    fn namespaces_follow_svg_and_math() {
        let tree = tree_from_markup(
            "<div><svg viewBox=\"0 0 1 1\"><title>t</title><foreignObject><p>x</p></foreignObject><g></g></svg><math><mi><b>y</b><mglyph></mglyph></mi><annotation-xml><svg></svg></annotation-xml></math><p></p></div>",
        );
        let ns: Vec<(String, Namespace)> = tree
            .descendants(tree.root())
            .filter_map(|id| tree.element(id).map(|e| (e.name.to_string(), e.namespace)))
            .collect();
        use Namespace::*;
        let want = [
            ("div", Html),
            ("svg", Svg),
            ("title", Svg),
            ("foreignObject", Svg),
            ("p", Html),
            ("g", Svg),
            ("math", MathMl),
            ("mi", MathMl),
            ("b", Html),
            ("mglyph", Html),
            ("annotation-xml", MathMl),
            ("svg", Svg),
            ("p", Html),
        ];
        let want: Vec<(String, Namespace)> =
            want.iter().map(|(n, s)| (n.to_string(), *s)).collect();
        assert_eq!(ns, want);
    }

    #[test]
    fn raw_text_code_and_noscript() {
        assert_eq!(
            read("<head><script>if (a < b && c) x('</p>')</script><style>p > a {}</style><script type=\"application/ld+json\">{\"a\":\"<b> &amp;\"}</script></head><body><noscript><img src=\"a&amp;b\"></noscript><xmp><i>x</i></xmp></body>"),
            "<head><script></script><style></style><script type=\"application/ld+json\">{\"a\":\"<b> &amp;\"}</script></head><body><noscript>&lt;img src=\"a&amp;amp;b\"&gt;</noscript><xmp><i>x</i></xmp></body>"
        );
    }

    #[test]
    fn comments_doctypes_and_instructions_are_dropped() {
        assert_eq!(
            read("<!DOCTYPE html><!-- a --><p>x<!---->y<?pi data>z<![CDATA[<c>]]></p>"),
            "<p>xyz&lt;c&gt;</p>"
        );
    }

    #[test]
    fn xml_serialization_of_an_xhtml_page() {
        // `outerHTML` of a page served as XHTML: self-closing empty elements, CDATA, numeric
        // references for white space in values.
        assert_eq!(
            read("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p title=\"a&#10;b\">x<br />y</p><div/><![CDATA[1<2]]></body></html>"),
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p title=\"a\nb\">x<br>y</p><div></div>1&lt;2</body></html>"
        );
    }

    #[test]
    fn stray_and_unmatched_markup_never_panics() {
        assert_eq!(read("<p>a < b</q>c</p>d"), "<p>a &lt; bc</p>d");
        assert_eq!(read("<div><p>x</div>y"), "<div><p>x</p></div>y");
        assert_eq!(read("<br/><p/>z"), "<br><p></p>z");
        assert_eq!(read("<p ==\"\" a=\"1\">"), "<p ==\"\" a=\"1\"></p>");
        for s in [
            "<",
            "<p",
            "<p a",
            "<p a=",
            "<p a=\"",
            "</",
            "<!--",
            "<![CDATA[",
            "&",
            "&#",
            "&#x;",
            "&#99999999999;",
            "<p =x>",
            "<script>",
            "<p a='b>",
            "é<é>",
            "<a\u{0}b>",
        ] {
            let _ = read(s);
        }
    }

    #[test]
    fn random_markup_gives_valid_trees() {
        // Pieces of markup, including broken ones and characters of every UTF-8 width, joined
        // at random: every result must be a valid tree (and no slice may cut a character).
        const PIECES: &[&str] = &[
            "<",
            ">",
            "/",
            "=",
            "\"",
            "'",
            "&",
            ";",
            "&amp;",
            "&#x1F600;",
            "&#",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<?",
            "<p",
            "</p",
            "<svg",
            "</svg",
            "<math",
            "<mi",
            "<script",
            "</script",
            "<plaintext",
            "</plaintext",
            "<noscript",
            "<br",
            "<template",
            " ",
            "a",
            "é",
            "中",
            "😀",
            "é=",
            " x=\"",
            "\u{0}",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let markup = crate::dom::test_random_text(&mut state, 24, PIECES);
            let tree = tree_from_markup(&markup);
            assert!(tree.validate().is_ok(), "{markup:?}");
        }
    }

    #[test]
    fn unmatched_end_tags_under_deep_nesting_stay_linear() {
        // A million end tags that close nothing, under 100,000 open elements: each looks only
        // a few levels up (this took minutes when each searched the whole stack).
        let markup = "<div>".repeat(100_000) + &"</p>".repeat(1_000_000) + "x";
        let started = std::time::Instant::now();
        let tree = tree_from_markup(&markup);
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        assert!(tree.validate().is_ok());
        // An end tag still closes an element a few levels up, as before.
        assert_eq!(read("<div><p><b>x</div>y"), "<div><p><b>x</b></p></div>y");
    }

    #[test]
    fn deep_nesting_is_fine() {
        let depth = 100_000;
        let markup = "<div>".repeat(depth) + &"</div>".repeat(depth);
        let tree = tree_from_markup(&markup);
        let mut levels = 0;
        let mut at = tree.root();
        while let Some(child) = tree.first_child(at) {
            levels += 1;
            at = child;
        }
        assert_eq!(levels, depth);
    }
}
