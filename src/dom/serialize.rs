//! Writes a subtree back out as HTML text (escaped, iterative).

use super::tree::{Namespace, NodeData, NodeId, Tree};
use crate::ascii_word::find_first_of;

/// Elements that have no end tag and no children in HTML.
pub const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

pub fn is_void(name: &str) -> bool {
    VOID_ELEMENTS.contains(&name)
}

/// Which serializer's rules to follow.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// The article's HTML: text read back by an HTML parser must come back unchanged.
    Output,
    /// What a browser's `outerHTML` writes (the markup `dom::markup` reads): its raw-text and
    /// void elements, no extra newline after `<pre>`.
    Browser,
}

/// Serializes the children of `id` (its inner HTML).
pub fn inner_html(tree: &Tree, id: NodeId) -> String {
    let mut out = String::new();
    let mut child = tree.first_child(id);
    while let Some(c) = child {
        write_node(tree, c, &mut out, Dialect::Output);
        child = tree.next_sibling(c);
    }
    out
}

/// Serializes `id` and its subtree (its outer HTML).
pub fn outer_html(tree: &Tree, id: NodeId) -> String {
    let mut out = String::new();
    write_node(tree, id, &mut out, Dialect::Output);
    out
}

/// The document element as a browser's `document.documentElement.outerHTML` writes it: what
/// the extension hands the WASM. For the native benchmark and the front ends' tests.
pub fn browser_markup(tree: &Tree) -> String {
    let mut out = String::new();
    if let Some(root) = tree.document_element() {
        write_node(tree, root, &mut out, Dialect::Browser);
    }
    out
}

fn write_node(tree: &Tree, start: NodeId, out: &mut String, dialect: Dialect) {
    let void = |name: &str| match dialect {
        Dialect::Output => is_void(name),
        Dialect::Browser => super::markup::is_void(name),
    };
    // Walk in document order; close elements on the way back up.
    let mut cur = start;
    loop {
        let mut descend = false;
        match tree.data(cur) {
            NodeData::Document => descend = true,
            NodeData::Text(t) => {
                // Raw text only inside the HTML elements whose content the parser reads raw;
                // a foreign `<style>` or `<script>` (SVG, MathML) holds parsed markup, so its
                // text is escaped like any other.
                let raw = tree
                    .parent(cur)
                    .and_then(|p| tree.element(p))
                    .is_some_and(|p| {
                        p.namespace == Namespace::Html
                            && match dialect {
                                Dialect::Output => {
                                    matches!(p.name, "style" | "script" | "xmp" | "plaintext")
                                }
                                Dialect::Browser => super::markup::is_raw_text(p.name),
                            }
                    });
                if raw {
                    out.push_str(t);
                } else {
                    escape_text(t, out);
                }
            }
            NodeData::Element(e) => {
                out.push('<');
                out.push_str(e.name);
                for a in e.attrs {
                    out.push(' ');
                    out.push_str(&a.name);
                    out.push_str("=\"");
                    escape_attr(&a.value, out);
                    out.push('"');
                }
                out.push('>');
                if dialect == Dialect::Output && starts_with_newline_dropped_by_parser(tree, cur) {
                    // The parser drops one newline right after these start tags: write one more
                    // so the text reads back unchanged.
                    out.push('\n');
                }
                if void(e.name) {
                    // nothing inside, no end tag
                } else if tree.first_child(cur).is_some() {
                    descend = true;
                } else {
                    close(tree, cur, out, void);
                }
            }
        }
        if descend {
            if let Some(c) = tree.first_child(cur) {
                cur = c;
                continue;
            }
        }
        // Move to the next node, closing finished elements.
        loop {
            if cur == start {
                return;
            }
            if let Some(s) = tree.next_sibling(cur) {
                cur = s;
                break;
            }
            match tree.parent(cur) {
                Some(p) => {
                    cur = p;
                    close(tree, cur, out, void);
                }
                None => return,
            }
        }
    }
}

/// True for a `pre`, `textarea` or `listing` element whose text starts with a newline.
fn starts_with_newline_dropped_by_parser(tree: &Tree, id: NodeId) -> bool {
    let Some(e) = tree.element(id) else {
        return false;
    };
    e.namespace == Namespace::Html
        && matches!(e.name, "pre" | "textarea" | "listing")
        && tree
            .first_child(id)
            .and_then(|c| tree.text(c))
            .is_some_and(|t| t.starts_with('\n'))
}

fn close(tree: &Tree, id: NodeId, out: &mut String, void: impl Fn(&str) -> bool) {
    if let Some(e) = tree.element(id) {
        if !void(e.name) {
            out.push_str("</");
            out.push_str(e.name);
            out.push('>');
        }
    }
}

pub fn escape_text(s: &str, out: &mut String) {
    escape(s, out, false);
}

pub fn escape_attr(s: &str, out: &mut String) {
    escape(s, out, true);
}

/// Copies `s` to `out` with `&`, `<`, `>`, no-break spaces (and `"` in attribute values) as
/// entities. Scans bytes (eight at a time) and copies the runs between them whole: every byte
/// it stops at is ASCII or 0xc2, the lead byte of U+00A0 (never inside a character), so each
/// cut is on a character boundary.
fn escape(s: &str, out: &mut String, in_attribute: bool) {
    let bytes = s.as_bytes();
    let (mut run_start, mut i) = (0, 0);
    loop {
        i = if in_attribute {
            find_first_of(bytes, i, [b'&', b'<', b'>', 0xc2, b'"'])
        } else {
            find_first_of(bytes, i, [b'&', b'<', b'>', 0xc2])
        };
        let Some(&b) = bytes.get(i) else { break };
        let (entity, width) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            0xc2 if bytes.get(i + 1) == Some(&0xa0) => ("&nbsp;", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(s.get(run_start..i).unwrap_or(""));
        out.push_str(entity);
        i += width;
        run_start = i;
    }
    out.push_str(s.get(run_start..).unwrap_or(""));
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    #[test]
    fn escaping_replaces_exactly_the_special_characters() {
        let mut out = String::new();
        escape_text("a&b<c>d\u{a0}e\"f — é\u{a0}", &mut out);
        assert_eq!(out, "a&amp;b&lt;c&gt;d&nbsp;e\"f — é&nbsp;");
        out.clear();
        escape_attr("\"x\" & ü\u{a1}", &mut out);
        assert_eq!(out, "&quot;x&quot; &amp; ü\u{a1}");
    }

    /// The word-at-a-time scan against the plain definition, a character at a time, on random
    /// texts that put the special characters at every place of an eight-byte word, beside
    /// ASCII, two-byte and three-byte characters.
    #[test]
    fn escaping_agrees_with_the_plain_definition_on_random_texts() {
        const PIECES: &[&str] = &[
            "&", "<", ">", "\"", "\u{a0}", "\u{a1}", "é", "漢", "x", "ordinary", " ", "\u{c2a0}",
        ];
        let plain = |s: &str, in_attribute: bool| -> String {
            s.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' if in_attribute => "&quot;".to_string(),
                    '\u{a0}' => "&nbsp;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        let mut state = 0x0e5c_a9e5_u64;
        for _ in 0..20_000 {
            let text = crate::dom::test_random_text(&mut state, 24, PIECES);
            for in_attribute in [false, true] {
                let mut out = String::new();
                escape(&text, &mut out, in_attribute);
                assert_eq!(out, plain(&text, in_attribute), "{text:?} {in_attribute}");
            }
        }
    }

    fn round(html: &str) -> String {
        let t = parse_html(html);
        inner_html(&t, t.body().unwrap())
    }

    #[test]
    fn leading_newline_of_pre_survives_a_second_parse() {
        // Regression (tests/hostile/raw-text-breakouts.html): the parser drops the newline right
        // after `<pre>`, so a `<pre>` whose text starts with a blank line lost it on every
        // round trip through serialize and parse.
        let once = round("<pre>\n\ncode</pre><textarea>\n\nt</textarea><pre>x\n</pre>");
        assert_eq!(
            once,
            "<pre>\n\ncode</pre><textarea>\n\nt</textarea><pre>x\n</pre>"
        );
        assert_eq!(round(&once), once);
        assert_eq!(round("<pre>\ncode</pre>"), "<pre>code</pre>");
    }

    #[test]
    fn foreign_style_text_is_escaped() {
        let mut t = parse_html(
            "<math><style>&lt;/math&gt;&lt;img src=x onerror=alert(1)&gt;</style></math>",
        );
        // An HTML <style> with text: the parser leaves such text out (dom::children_are_code),
        // but a tree may still hold one, and it is raw text.
        let style = t.new_html_element("style");
        t.append_text(style, "a<b");
        let root = t.root();
        t.append(root, style);
        let out = inner_html(&t, t.root());
        assert!(
            out.contains("<style>&lt;/math&gt;&lt;img src=x onerror=alert(1)&gt;</style>"),
            "{out}"
        );
        assert!(out.contains("<style>a<b</style>"), "{out}");
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let t = parse_html("<p title='\"&lt;x&gt;'>&lt;script&gt; &amp; \u{a0}</p>");
        assert_eq!(
            inner_html(&t, t.body().unwrap()),
            "<p title=\"&quot;&lt;x&gt;\">&lt;script&gt; &amp; &nbsp;</p>"
        );
    }
}
