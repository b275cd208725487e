//! The document tree and the front ends that fill it.

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(feature = "native")]
mod code_skip;
#[cfg(feature = "native")]
pub mod depth_guard;
#[cfg(feature = "native")]
pub mod html;
pub mod markup;
pub mod serialize;
pub mod tree;

pub use tree::{Attribute, Element, Namespace, NodeData, NodeId, Tree};

/// Whether a front end leaves out an element's children: those of an HTML `<style>`, and of an
/// HTML `<script>` other than JSON-LD (which the metadata reads). They are code; nothing in the
/// core reads them, yet every pass would carry them (on the mozilla corpus they are about half of
/// all the characters of text and attribute values). Every front end applies this same rule, so
/// the CLI and the browser still build the same tree (`markup.rs` applies it on reading).
pub fn children_are_code(e: Element<'_>) -> bool {
    e.namespace == Namespace::Html
        && match e.name {
            "style" => true,
            "script" => !e.attr("type").is_some_and(is_json_ld_type),
            _ => false,
        }
}

/// A `<script type>` that marks JSON-LD (ASCII white space around it and ASCII case ignored).
pub fn is_json_ld_type(t: &str) -> bool {
    t.trim_matches(|c: char| c.is_ascii_whitespace())
        .eq_ignore_ascii_case("application/ld+json")
}

/// For tests that generate trees and pages: a fixed-seed xorshift step, then a number below `n`
/// (the same sequence on every run).
#[cfg(test)]
pub(crate) fn test_random_below(state: &mut u64, n: usize) -> usize {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state % n as u64) as usize
}

/// For tests that generate texts and markup: fewer than `below` pieces, each drawn from
/// `pieces` (the same sequence on every run for the same state).
#[cfg(test)]
pub(crate) fn test_random_text(state: &mut u64, below: usize, pieces: &[&str]) -> String {
    let count = test_random_below(state, below);
    (0..count)
        .map(|_| pieces[test_random_below(state, pieces.len())])
        .collect()
}
