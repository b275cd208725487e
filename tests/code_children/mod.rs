//! One page and its expectations for `dom::children_are_code`, shared by the html5ever test
//! (`tests/front_ends.rs`) and the web-sys walk's (`tests/wasm.rs`): both front ends must leave
//! out the same children.

use folio::dom::Tree;

/// A head style and JSON-LD script, a script inside body text, and an SVG style (which keeps
/// its text: the rule is for HTML elements).
pub const PAGE: &str = "<head><style>p { color: red }</style>\
    <script type=\" Application/LD+JSON\n\">{\"@type\":\"Article\"}</script></head>\
    <body><p>Before <script>document.write('<b>')</script>after.</p>\
    <svg><style>x</style></svg></body>";

/// Checks a tree built from `PAGE`.
pub fn check(t: &Tree) {
    let texts: Vec<String> = t
        .descendants(t.root())
        .filter(|&n| matches!(t.name(n), "script" | "style"))
        .map(|n| t.text_content(n))
        .collect();
    // Document order: the head's style and JSON-LD, the body's script, the SVG style.
    assert_eq!(texts, ["", "{\"@type\":\"Article\"}", "", "x"]);
    let body = t.body().expect("body");
    assert_eq!(t.text_content(body), "Before after.x");
}
