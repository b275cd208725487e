//! The readerable check: a fast yes/no on whether a page holds an article worth a reader view.
//!
//! Sums, over visible paragraph-like blocks that do not sound like boilerplate, the square root
//! of how far each block's text exceeds a minimum length; enough long prose means an article.
//! One pass, no tree changes, so it can run before the user asks for the view.

use crate::dom::{NodeId, Tree};
use crate::patterns;
use crate::prep::is_hidden;
use crate::score::{self, TextCache};

/// Blocks shorter than this say nothing about article-ness.
const MIN_BLOCK_CHARS: f32 = 140.0;
/// Total score above which the page is readerable.
const MIN_SCORE: f32 = 20.0;

pub fn is_readerable(tree: &Tree) -> bool {
    is_readerable_with(tree, &TextCache::default())
}

/// `is_readerable` with texts' measures taken from `cache` where it has them.
pub(crate) fn is_readerable_with(tree: &Tree, cache: &TextCache) -> bool {
    let root = tree.root();
    let mut score = 0.0f32;
    let mut cur = tree.first_child(root);
    while let Some(id) = cur {
        let skip = tree.element(id).is_some_and(|e| {
            matches!(e.name, "script" | "style" | "noscript" | "template")
                || is_hidden(&e)
                || is_unlikely(tree, id)
        });
        let prose_block = !skip && is_prose_block(tree, id);
        if prose_block {
            let len = tree
                .descendants(id)
                .filter_map(|d| tree.text(d).map(|t| prose_len(t, cache.normalized_len(d))))
                .sum::<u32>() as f32;
            if len >= MIN_BLOCK_CHARS {
                score += (len - MIN_BLOCK_CHARS).sqrt();
                if score > MIN_SCORE {
                    return true;
                }
            }
        }
        // A prose block's own text is counted once: don't descend into it.
        let descend_past = skip || prose_block;
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

/// How many characters of prose a text counts for: its collapsed length, with each CJK
/// character (Han, kana, Hangul) counted `CJK_WEIGHT` times. A sentence in those scripts is a
/// few times shorter in characters than the same sentence in a Latin script, so the block
/// minimum above, set for Latin text, would otherwise pass over whole paragraphs of it.
/// (`measured` is the text's normalized length when already known.)
fn prose_len(t: &str, measured: Option<u32>) -> u32 {
    let cjk = if t.is_ascii() {
        0
    } else {
        t.chars().filter(|&c| is_cjk(c)).count() as u32
    };
    measured.unwrap_or_else(|| score::normalized_len(t)) + (CJK_WEIGHT - 1) * cjk
}

/// Roughly how many Latin-script characters carry what one CJK character does.
const CJK_WEIGHT: u32 = 3;

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4dbf}' // CJK Extension A
        | '\u{4e00}'..='\u{9fff}' // CJK Unified Ideographs
        | '\u{ac00}'..='\u{d7af}' // Hangul syllables
        | '\u{f900}'..='\u{faff}' // CJK Compatibility Ideographs
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    fn page(paragraphs: &[String]) -> String {
        let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
        format!("<html><body><article>{body}</article></body></html>")
    }

    #[test]
    fn cjk_paragraphs_count_for_their_density() {
        // Eight paragraphs of 60 Han characters: 180 each by weight, over the block minimum.
        let han: String = "读者模式只保留文章的正文和图片，"
            .repeat(4)
            .chars()
            .take(60)
            .collect();
        let chinese = page(&vec![han; 8]);
        assert!(is_readerable(&parse_html(&chinese)));
        // The same number of Latin characters is short text, and stays below it.
        let latin = page(&vec!["a".repeat(60); 8]);
        assert!(!is_readerable(&parse_html(&latin)));
    }

    #[test]
    fn prose_len_weights_only_cjk() {
        assert_eq!(prose_len("plain  text", None), 10);
        assert_eq!(prose_len("日本語 text", None), 3 * CJK_WEIGHT + 5);
        assert_eq!(prose_len("한국어", Some(3)), 3 * CJK_WEIGHT);
    }
}
