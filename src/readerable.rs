//! The readerable check: a fast yes/no on whether a page holds an article worth a reader view.
//!
//! Sums, over visible paragraph-like blocks that do not sound like boilerplate, the square root
//! of how far each block's text exceeds a minimum length; enough long prose means an article.
//! One pass, no tree changes, so it can run before the user asks for the view.

use crate::dom::{NodeId, Tree};
use crate::patterns;
use crate::prep::is_hidden;
use crate::score;

/// Blocks shorter than this say nothing about article-ness.
const MIN_BLOCK_CHARS: f32 = 140.0;
/// Total score above which the page is readerable.
const MIN_SCORE: f32 = 20.0;

pub fn is_readerable(tree: &Tree) -> bool {
    let root = tree.root();
    let mut score = 0.0f32;
    let mut cur = tree.first_child(root);
    while let Some(id) = cur {
        let skip = tree.element(id).is_some_and(|e| {
            matches!(e.name, "script" | "style" | "noscript" | "template")
                || is_hidden(&e)
                || is_unlikely(tree, id)
        });
        if !skip && is_prose_block(tree, id) {
            let len = tree
                .descendants(id)
                .filter_map(|d| tree.text(d))
                .map(score::normalized_len)
                .sum::<u32>() as f32;
            if len >= MIN_BLOCK_CHARS {
                score += (len - MIN_BLOCK_CHARS).sqrt();
                if score > MIN_SCORE {
                    return true;
                }
            }
        }
        // A prose block's own text is counted once: don't descend into it.
        let descend_past = skip || is_prose_block(tree, id);
        cur = tree.next_in_order(id, root, descend_past);
    }
    false
}

fn is_prose_block(tree: &Tree, id: NodeId) -> bool {
    match tree.name(id) {
        "p" | "pre" | "article" => !tree.parent(id).is_some_and(|p| tree.is(p, "li")),
        "div" => tree.element_children(id).any(|c| tree.is(c, "br")),
        _ => false,
    }
}

fn is_unlikely(tree: &Tree, id: NodeId) -> bool {
    let ms = score::match_string(tree, id);
    patterns::sounds_unlikely(&ms)
}
