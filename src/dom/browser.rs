//! The browser front end (wasm32 only): walks a DOM `Document` into the arena `Tree`.
//!
//! The browser has already parsed the page (in the extension, `DOMParser` inside the reader
//! view's frame), so no HTML parser ships in the WASM. The walk mirrors what `html.rs` builds
//! from the same bytes, so that the same page gives the same article in the CLI and the browser:
//!
//! - elements keep the DOM's `localName` (lower-case for HTML, `foreignObject` style for SVG) and
//!   their namespace; attributes keep their qualified name (`xlink:href`);
//! - text and CDATA become text, merged when adjacent (a dropped comment can make two text nodes
//!   neighbours, as in html5ever's sink); comments, doctypes and processing instructions are
//!   dropped;
//! - the children of HTML `<style>` and of HTML non-JSON-LD `<script>` are left out
//!   (`children_are_code`);
//! - `<template>` contents are walked as the template's children (html5ever's sink keeps them
//!   there too);
//! - `<noscript>`: html5ever parses with scripting enabled, so its content is one raw text child.
//!   A `DOMParser` document has scripting disabled and parses that content as elements; the walk
//!   turns it back into one text child holding the element's `innerHTML`.
//!
//! The walk is iterative (an explicit stack of open elements), so a 100,000-deep DOM is fine.
//! Every DOM read is a JS↔WASM crossing; the walk reads each node once, navigates by
//! `firstChild`/`nextSibling` and asks for attributes only when an element has some.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element as DomElement, HtmlTemplateElement, Node};

use super::tree::{Attribute, NodeId, Tree};
use super::Namespace;

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";
const SVG_NS: &str = "http://www.w3.org/2000/svg";
const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";

/// Walks `doc` into a new `Tree`.
pub fn tree_from_document(doc: &Document) -> Tree {
    let mut tree = Tree::with_capacity(1024);
    let root = tree.root();
    walk_children(&mut tree, doc.as_ref(), root);
    tree
}

/// Appends the DOM children of `dom_parent` (and their subtrees) under `parent` in `tree`.
pub fn walk_children(tree: &mut Tree, dom_parent: &Node, parent: NodeId) {
    // The open elements: the DOM node whose children are being read, and its copy in the tree.
    // Navigation back up uses this stack, not `parentNode`, because a template's children live
    // in its content fragment, whose parent is nothing.
    let mut open: Vec<(Node, NodeId)> = Vec::new();
    let mut next = dom_parent.first_child();
    let mut into = parent;
    loop {
        let Some(node) = next else {
            // No more children here: close the innermost open element and continue after it.
            match open.pop() {
                Some((dom, _)) => {
                    into = open.last().map_or(parent, |(_, id)| *id);
                    next = dom.next_sibling();
                    continue;
                }
                None => break,
            }
        };
        match node.node_type() {
            Node::ELEMENT_NODE => {
                let el: &DomElement = node.unchecked_ref();
                let id = copy_element(tree, el);
                tree.append(into, id);
                let name = tree.name(id);
                if tree.element(id).is_some_and(super::children_are_code) {
                    // Code the core never reads: not copied (as in html.rs and markup.rs).
                } else if name == "noscript" && tree.element(id).is_some_and(is_html) {
                    // Scripting-enabled parsing: the content is raw text.
                    let raw = el.inner_html();
                    if !raw.is_empty() {
                        tree.append_text(id, &raw);
                    }
                } else {
                    let children_of = if name == "template" {
                        el.dyn_ref::<HtmlTemplateElement>()
                            .map(|t| Node::from(t.content()))
                    } else {
                        None
                    };
                    let first = match &children_of {
                        Some(frag) => frag.first_child(),
                        None => node.first_child(),
                    };
                    if first.is_some() {
                        open.push((node, id));
                        into = id;
                        next = first;
                        continue;
                    }
                }
            }
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                if let Some(text) = node.node_value() {
                    if !text.is_empty() {
                        tree.append_text(into, &text);
                    }
                }
            }
            _ => {} // comments, doctype, processing instructions
        }
        next = node.next_sibling();
    }
}

fn is_html(e: super::Element<'_>) -> bool {
    e.namespace == Namespace::Html
}

fn copy_element(tree: &mut Tree, el: &DomElement) -> NodeId {
    let namespace = match el.namespace_uri().as_deref() {
        Some(HTML_NS) => Namespace::Html,
        Some(SVG_NS) => Namespace::Svg,
        Some(MATHML_NS) => Namespace::MathMl,
        _ => Namespace::Other,
    };
    let attrs = if el.has_attributes() {
        let map = el.attributes();
        let n = map.length();
        let mut attrs = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(a) = map.item(i) {
                attrs.push(Attribute {
                    name: tree.intern(&a.name()),
                    value: a.value().into(),
                });
            }
        }
        attrs
    } else {
        Vec::new()
    };
    tree.new_element(&el.local_name(), namespace, attrs)
}
