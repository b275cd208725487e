//! The browser front end in a real browser (wasm-bindgen-test, headless Chromium):
//! `scripts/extension.sh wasm-test`. The DOM walk must build the tree html5ever builds for the
//! same page, so the article is the same in the CLI and the extension.
#![cfg(target_arch = "wasm32")]

mod code_children;

use folio::dom::browser::tree_from_document;
use folio::dom::serialize::outer_html;
use folio::dom::{Namespace, Tree};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, DomParser, SupportedType};

wasm_bindgen_test_configure!(run_in_browser);

fn parse(html: &str) -> Document {
    DomParser::new()
        .and_then(|p| p.parse_from_string(html, SupportedType::TextHtml))
        .expect("DOMParser")
}

fn walk(html: &str) -> Tree {
    let tree = tree_from_document(&parse(html));
    tree.validate().expect("valid tree");
    tree
}

#[wasm_bindgen_test]
fn elements_text_and_attributes() {
    let t =
        walk("<!DOCTYPE html><title>T</title><p class=a id=b>One <b>two</b><!-- c --> three</p>");
    let body = t.body().expect("body");
    let p = t.first_child(body).expect("p");
    assert_eq!(t.name(p), "p");
    assert_eq!(t.attr(p, "class"), Some("a"));
    assert_eq!(t.attr(p, "id"), Some("b"));
    // The comment is dropped and the text around it merged, as html5ever's sink does.
    let kids: Vec<_> = t.children(p).collect();
    assert_eq!(kids.len(), 3);
    assert_eq!(t.text(kids[2]), Some(" three"));
    assert_eq!(t.text_content(body), "One two three");
    assert_eq!(
        outer_html(&t, p),
        "<p class=\"a\" id=\"b\">One <b>two</b> three</p>"
    );
}

#[wasm_bindgen_test]
fn foreign_content_keeps_namespaces_and_prefixed_attributes() {
    let t = walk(
        "<p><svg viewBox='0 0 1 1'><foreignObject></foreignObject><a xlink:href='#x'>s</a></svg>\
         <math><mi>x</mi></math></p>",
    );
    let svg = t
        .descendants(t.root())
        .find(|&n| t.name(n) == "svg")
        .expect("svg");
    assert_eq!(t.element(svg).map(|e| e.namespace), Some(Namespace::Svg));
    assert_eq!(t.attr(svg, "viewBox"), Some("0 0 1 1"));
    assert!(t.descendants(svg).any(|n| t.name(n) == "foreignObject"));
    let a = t.descendants(svg).find(|&n| t.name(n) == "a").expect("a");
    assert_eq!(t.attr(a, "xlink:href"), Some("#x"));
    let mi = t
        .descendants(t.root())
        .find(|&n| t.name(n) == "mi")
        .expect("mi");
    assert_eq!(t.element(mi).map(|e| e.namespace), Some(Namespace::MathMl));
}

#[wasm_bindgen_test]
fn noscript_is_one_text_child_and_template_content_is_kept() {
    let t = walk("<body><noscript><img src=a.jpg alt=x></noscript><template><p>t</p></template>");
    let ns = t.find_first(t.root(), "noscript").expect("noscript");
    let kids: Vec<_> = t.children(ns).collect();
    assert_eq!(kids.len(), 1);
    assert_eq!(t.text(kids[0]), Some("<img src=\"a.jpg\" alt=\"x\">"));
    let tpl = t.find_first(t.root(), "template").expect("template");
    assert!(t.find_first(tpl, "p").is_some());
}

/// The page and expectations `tests/front_ends.rs` holds html5ever to.
#[wasm_bindgen_test]
fn code_children_are_left_out() {
    code_children::check(&walk(code_children::PAGE));
}

#[wasm_bindgen_test]
fn a_100k_deep_dom_walks_without_recursion() {
    let doc = parse("<body></body>");
    let mut cur: web_sys::Node = doc.body().expect("body").into();
    for _ in 0..100_000 {
        let d: web_sys::Node = doc.create_element("div").expect("div").into();
        cur.append_child(&d).expect("append");
        cur = d;
    }
    cur.append_child(&doc.create_text_node("deep"))
        .expect("text");
    let t = tree_from_document(&doc);
    let body = t.body().expect("body");
    assert_eq!(t.descendants(body).count(), 100_001);
    assert_eq!(t.text_content(body), "deep");
}

#[wasm_bindgen_test]
fn extracts_an_article_through_the_js_api() {
    let mut html = String::from("<html lang=en><head><title>A test story</title></head><body><nav><a href=/>Home</a></nav><article>");
    for i in 0..12 {
        html.push_str(&format!(
            "<p>Paragraph {i} of the story, long enough to count as real prose, with commas, \
             clauses, and the kind of detail that a reader came for in the first place.</p>"
        ));
    }
    html.push_str("</article><footer>Contact us</footer></body></html>");
    // The view's path: the browser's serialization of the parsed page, read by the WASM.
    let markup = parse(&html)
        .document_element()
        .expect("root element")
        .outer_html();
    let value = folio::wasm::extract_markup(&markup, Some("https://example.org/s".into()))
        .expect("article");
    // No text with the extraction (the view asks for it on copy or export), a word count.
    let field = |key: &str| js_sys::Reflect::get(&value, &key.into()).expect("a field");
    assert!(field("text").is_undefined(), "the text is left out");
    assert!(field("wordCount").as_f64().is_some_and(|n| n > 200.0));
    let content = field("content").as_string().expect("content");
    let text = folio::wasm::article_text(&content).expect("text from the content");
    assert!(text.contains("Paragraph 11 of the story"));
    assert!(!text.contains("Contact us"));
    let export = folio::wasm::export_document(value, "text").expect("the text export");
    assert!(export.starts_with("A test story\n"), "{export}");
    assert!(export.contains(&text), "the export carries the text");
    let err = folio::wasm::extract_markup("<p>x</p>", Some("not a url".into()))
        .expect_err("bad URL is an error");
    let err: js_sys::Error = err.dyn_into().expect("a JS Error");
    assert_eq!(String::from(err.name()), "BadUrl");
}
