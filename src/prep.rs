//! Preparation: one pass that drops what is never content, before any scoring.
//!
//! Removes never-content elements (scripts, styles, form controls...), hidden nodes, and turns
//! `<br><br>` runs into paragraph breaks and `<font>` into `<span>`, so later stages see blocks.

use crate::dom::{NodeData, NodeId, Tree};
use crate::patterns;

/// Cleans the whole document in place.
pub fn prepare(tree: &mut Tree) {
    let root = tree.root();
    let mut cur = tree.first_child(root);
    while let Some(id) = cur {
        match judge(tree, id) {
            Action::Remove => {
                cur = tree.next_in_order(id, root, true);
                tree.detach(id);
            }
            Action::Keep => {
                let mut here = id;
                if tree.is(id, "font") {
                    tree.rename(id, "span");
                } else if tree.is(id, "br") {
                    // The split replaces the br by a paragraph; continue inside that paragraph.
                    here = split_at_double_br(tree, id);
                }
                cur = tree.next_in_order(here, root, false);
            }
        }
    }
}

#[derive(PartialEq, Eq)]
enum Action {
    Keep,
    Remove,
}

fn judge(tree: &Tree, id: NodeId) -> Action {
    let Some(e) = tree.element(id) else {
        return Action::Keep;
    };
    if patterns::NEVER_CONTENT.contains(&e.name) {
        return Action::Remove;
    }
    if is_hidden(&e) {
        return Action::Remove;
    }
    Action::Keep
}

/// Hidden by the page itself: the `hidden` attribute, `aria-hidden`, or an inline style.
/// Such nodes are menus, templates for pop-ups or screen-reader duplicates, not the article.
pub fn is_hidden(e: &crate::dom::Element) -> bool {
    if e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden") == Some("true") {
        // Some sites hide the lazy image fallback from assistive technology only.
        let fallback = e
            .attr("class")
            .is_some_and(|c| c.contains("fallback-image"));
        if !fallback && !matches!(e.name, "img" | "picture" | "figure" | "svg" | "math") {
            return true;
        }
    }
    e.attr("style").is_some_and(style_hides)
}

/// True when an inline style, read without white space and ASCII case, holds `display:none` or
/// `visibility:hidden`. One pass, no copy: each pattern's first letter occurs nowhere else in it,
/// so on a mismatch a match can only restart at the current character.
fn style_hides(style: &str) -> bool {
    const PATTERNS: [&[u8]; 2] = [b"display:none", b"visibility:hidden"];
    let mut matched = [0usize; 2];
    for c in style.chars().filter(|c| !c.is_whitespace()) {
        let c = c.to_ascii_lowercase();
        for (pattern, k) in PATTERNS.iter().zip(matched.iter_mut()) {
            let at = |i: usize| pattern.get(i).map(|&b| char::from(b));
            *k = if at(*k) == Some(c) {
                *k + 1
            } else {
                usize::from(at(0) == Some(c))
            };
            if *k == pattern.len() {
                return true;
            }
        }
    }
    false
}

/// At the first `<br>` of a run of two or more, ends the current paragraph: the `br`s go and the
/// phrasing content that follows is wrapped in a new `<p>`, up to the next block or `<br><br>`.
fn split_at_double_br(tree: &mut Tree, br: NodeId) -> NodeId {
    let mut next = next_non_space_sibling(tree, br);
    let mut replaced = false;
    while let Some(n) = next {
        if !tree.is(n, "br") {
            break;
        }
        replaced = true;
        next = next_non_space_sibling(tree, n);
        tree.detach(n);
    }
    if !replaced {
        return br;
    }
    let p = tree.new_html_element("p");
    tree.replace(br, p);
    let mut sib = tree.next_sibling(p);
    while let Some(s) = sib {
        if tree.is(s, "br") {
            if let Some(after) = next_non_space_sibling(tree, s) {
                if tree.is(after, "br") {
                    break;
                }
            }
        }
        if !is_phrasing(tree, s) {
            break;
        }
        sib = tree.next_sibling(s);
        tree.append(p, s);
    }
    while let Some(last) = tree.last_child(p) {
        if is_whitespace_text(tree, last) {
            tree.detach(last);
        } else {
            break;
        }
    }
    if let Some(par) = tree.parent(p).filter(|&par| tree.is(par, "p")) {
        // A <p> cannot hold a <p>: make the outer one a div, as browsers would show it.
        tree.rename(par, "div");
    }
    // An empty paragraph stays as the walk's anchor; empty paragraphs are removed later.
    p
}

fn next_non_space_sibling(tree: &Tree, id: NodeId) -> Option<NodeId> {
    let mut n = tree.next_sibling(id);
    while let Some(s) = n {
        if !is_whitespace_text(tree, s) {
            return Some(s);
        }
        n = tree.next_sibling(s);
    }
    None
}

pub fn is_whitespace_text(tree: &Tree, id: NodeId) -> bool {
    tree.text(id).is_some_and(crate::text_util::is_blank)
}

/// Phrasing content: text and inline elements.
pub fn is_phrasing(tree: &Tree, id: NodeId) -> bool {
    match tree.data(id) {
        NodeData::Text(_) => true,
        NodeData::Element(e) => patterns::PHRASING.contains(&e.name),
        NodeData::Document => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_styles_hide_whatever_their_spacing_and_case() {
        assert!(style_hides("DISPLAY : None"));
        assert!(style_hides("color:red;ddisplay:none"));
        assert!(style_hides("visibility:\u{a0}hidden; display:block"));
        assert!(!style_hides("display:block;visibility:hid"));
        assert!(!style_hides("display:inline-none"));
    }
}
