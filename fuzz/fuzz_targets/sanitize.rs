//! The sanitizer against an oracle. The first byte chooses the mode:
//! - bit 0: whether a page address is known (URLs must then come out absolute);
//! - bit 1: where the tree comes from. Clear: the rest is HTML, parsed by html5ever. Set: the
//!   rest is a little program that builds a tree directly, element by element, with any name in
//!   any namespace under any parent — the shapes a browser DOM can have after the page's
//!   scripts ran (the extension walks the live DOM), which no parser would produce.
//!
//! Then: `output::sanitize` on the body → serialize → parse again → oracle (no forbidden
//! element, attribute or URL scheme, in standards and quirks mode); and once more on the
//! re-parsed output (a second sanitize of mutated markup must be safe too). Panics when the
//! oracle fails.

#![no_main]

use folio::dom::html::parse_html;
use folio::dom::serialize::inner_html;
use folio::dom::{Attribute, Namespace, NodeId, Tree};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/oracle/mod.rs"]
mod oracle;

const NAMES: &[&str] = &[
    "p", "div", "a", "img", "script", "style", "svg", "math", "mi", "mo", "mtext", "mglyph",
    "malignmark", "annotation-xml", "annotation", "foreignObject", "table", "tr", "td",
    "iframe", "noscript", "template", "textarea", "title", "xmp", "form", "select", "option",
    "pre", "listing", "plaintext", "b", "span", "li", "ul", "desc", "semantics", "mrow", "video",
    "source", "picture", "base", "meta", "object", "embed", "maction", "body", "html", "font",
    "noembed", "frameset", "SCRIPT", "Style", "my-el", "details", "blockquote", "track",
];
const ATTRS: &[&str] = &[
    "href", "src", "srcset", "onclick", "onerror", "style", "xlink:href", "formaction",
    "action", "poster", "cite", "encoding", "srcdoc", "sandbox", "title", "alt", "class", "id",
    "background", "HREF", "OnLoad", "data", "lang", "dir", "width", "allow", "is", "xmlns",
];
const VALUES: &[&str] = &[
    "javascript:alert(1)",
    "https://a.test/x",
    "text/html",
    "application/x-tex",
    "</mi><img src=x onerror=alert(1)>",
    "data:text/html,x",
    "x.jpg 1x, javascript:x 2x",
    " java\tscript:x",
    "data:image/png;base64,AA",
    "https://www.youtube.com/embed/x",
    "//www.youtube.com/embed/x",
    "allow-top-navigation",
    "language-rust",
    "\"><script>alert(1)</script>",
    "",
];
const TEXTS: &[&str] = &[
    "x",
    "</style><img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "]]><img src=x onerror=alert(1)>",
    "\n",
    "</math><svg onload=alert(1)>",
    "--><img src=x>",
];

/// Builds a document whose body holds what the program describes.
fn build(program: &[u8]) -> (Tree, NodeId) {
    let mut t = Tree::new();
    let html = t.new_html_element("html");
    t.append(t.root(), html);
    let body = t.new_html_element("body");
    t.append(html, body);
    let mut stack = vec![body];
    let mut bytes = program.iter().copied();
    while let Some(op) = bytes.next() {
        let arg = bytes.next().unwrap_or(0) as usize;
        let top = *stack.last().unwrap_or(&body);
        match op % 8 {
            0..=2 => {
                let ns = match op >> 6 {
                    0 | 1 => Namespace::Html,
                    2 => Namespace::Svg,
                    _ => Namespace::MathMl,
                };
                let e = t.new_element(NAMES[arg % NAMES.len()], ns, []);
                t.append(top, e);
                stack.push(e);
            }
            3 => {
                if stack.len() > 1 {
                    stack.pop();
                }
            }
            4 => t.append_text(top, TEXTS[arg % TEXTS.len()]),
            _ => {
                if top != body {
                    let value = bytes.next().unwrap_or(0) as usize;
                    // Pushed, not set: a repeated name is one of the shapes to try.
                    if let Some(e) = t.element(top) {
                        let mut attrs = e.attrs.to_vec();
                        attrs.push(Attribute {
                            name: ATTRS[arg % ATTRS.len()].into(),
                            value: VALUES[value % VALUES.len()].into(),
                        });
                        t.set_attrs(top, attrs);
                    }
                }
            }
        }
    }
    (t, body)
}

fn sanitize_tree(mut tree: Tree, body: NodeId, base: Option<&url::Url>) -> String {
    folio::output::sanitize(&mut tree, body, base);
    if let Err(e) = tree.validate() {
        panic!("sanitize left an invalid tree: {e}");
    }
    inner_html(&tree, body)
}

fn sanitize_html(html: &str, base: Option<&url::Url>) -> Option<String> {
    let tree = parse_html(html);
    let body = tree.body()?;
    Some(sanitize_tree(tree, body, base))
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let base = url::Url::parse("https://fuzz.example/news/story.html").ok();
    let base = if flags & 1 == 0 { base.as_ref() } else { None };
    let (out, input) = if flags & 2 == 0 {
        let input = String::from_utf8_lossy(rest);
        let Some(out) = sanitize_html(&input, base) else {
            return;
        };
        (out, input.into_owned())
    } else {
        let (tree, body) = build(rest);
        let input = inner_html(&tree, body);
        (sanitize_tree(tree, body, base), input)
    };
    let v = oracle::violations(&out, base.is_some());
    assert!(
        v.is_empty(),
        "unsafe output: {v:?}\ninput: {input:?}\noutput: {out:?}"
    );
    let Some(again) = sanitize_html(&format!("<!DOCTYPE html><body>{out}"), base) else {
        return;
    };
    let v = oracle::violations(&again, base.is_some());
    assert!(v.is_empty(), "unsafe after a second pass: {v:?}\noutput: {again:?}");
});
