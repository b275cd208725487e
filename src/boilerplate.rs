//! Boilerplate inside the article: the lines a news template puts between paragraphs that no
//! reader wants in the view or the export — ad labels, "Read more:" links, "Updated 4:07 PM"
//! stamps, photo credits, "You may also like" lists. Runs after the article is chosen, so it only
//! ever looks at short blocks inside it.

use crate::dom::{NodeId, Tree};
use crate::patterns::Vocabulary;
use crate::score::{self, StatsTable};
use crate::text_util::normalize_space;

/// Class/id words of page furniture that sits inside articles: photo credits, time stamps,
/// post meta lines, reading-time badges, section kickers ("Local" above a headline).
static FURNITURE: Vocabulary = Vocabulary::new(&[
    "credit",
    "kicker",
    "eyebrow",
    "copyright",
    "timestamp",
    "dateline",
    "post-meta",
    "entry-meta",
    "article-meta",
    "meta-info",
    "posted-on",
    "read-time",
    "reading-time",
    "publish-date",
    "published-date",
    "update-date",
    "updated-date",
    "article-date",
    "post-date",
    "entry-date",
]);

/// Longest text (characters) a furniture block or label may have; longer blocks are content.
const MAX_FURNITURE_CHARS: u32 = 120;

/// Whole-block texts that are labels, not content (compared lower-case, without trailing
/// punctuation).
const LABELS: &[&str] = &[
    "advertisement",
    "advert",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "comments",
    "comment",
    "share",
    "share this",
    "share this article",
    "share this story",
    "related",
    "related news",
    "related articles",
    "related stories",
    "related content",
    "read more",
    "see more",
    "more",
    "don't miss",
    "dont miss",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "tell us what you think",
    "more stories",
    "more from",
    "also read",
    "read next",
    "up next",
    "what to read next",
    "this slideshow requires javascript",
];

/// Openings of one-line link teasers and time stamps.
const TEASER_OPENINGS: &[&str] = &[
    "read more:",
    "read more -",
    "related:",
    "[related",
    "related post:",
    "see more:",
    "see also:",
    "also read:",
    "also on ",
    "more:",
    "recommended:",
    "don't miss:",
    "watch:",
    "read:",
];
const STAMP_OPENINGS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "first published",
    "last updated",
    "last modified",
];

/// Removes boilerplate blocks under `article`.
pub fn remove_boilerplate(tree: &mut Tree, article: NodeId, stats: &mut StatsTable) {
    let mut doomed: Vec<NodeId> = Vec::new();
    let mut cur = tree.first_child(article);
    while let Some(id) = cur {
        let remove = tree.is_element(id) && is_boilerplate(tree, id, stats);
        if remove {
            doomed.push(id);
            if is_section_label(tree, id) {
                if let Some(next) = next_element_sibling(tree, id) {
                    if is_link_list(tree, next, stats) {
                        doomed.push(next);
                    }
                }
            }
        }
        cur = tree.next_in_order(id, article, remove);
    }
    for id in doomed {
        stats.forget_subtree(tree, id);
        tree.detach(id);
    }
}

fn is_boilerplate(tree: &Tree, id: NodeId, stats: &StatsTable) -> bool {
    let s = stats.get(id);
    if s.text_len == 0 || s.text_len > 240 || s.media > 0 {
        return false;
    }
    if s.text_len <= MAX_FURNITURE_CHARS {
        let ms = score::match_string(tree, id);
        if FURNITURE.found_in(&ms) {
            return true;
        }
    }
    // Only leaf-like blocks are judged by their words: a container's text is its children's.
    if !matches!(
        tree.name(id),
        "p" | "div"
            | "span"
            | "li"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "strong"
            | "b"
            | "em"
            | "small"
    ) || tree.element_children(id).any(|c| {
        matches!(
            tree.name(c),
            "p" | "div" | "ul" | "ol" | "table" | "section" | "figure" | "blockquote"
        )
    }) {
        return false;
    }
    // Most blocks start with a letter no label or opening starts with: their text need not be
    // copied and lower-cased to tell.
    if let Some(c) = first_char(tree, id).filter(char::is_ascii) {
        if FIRST_BYTES & (1u128 << c.to_ascii_lowercase() as u32) == 0 {
            return false;
        }
    }
    let text = normalize_space(&tree.text_content(id)).to_lowercase();
    let label = text.trim_end_matches(['.', ':', '!', '…', ' ', '|']);
    if LABELS.contains(&label) {
        return true;
    }
    if TEASER_OPENINGS.iter().any(|o| text.starts_with(o)) && s.link_density() > 0.5 {
        return true;
    }
    s.text_len <= 100
        && STAMP_OPENINGS.iter().any(|o| text.starts_with(o))
        && text.chars().any(|c| c.is_ascii_digit())
        && !text.contains(". ")
}

/// The ASCII bytes that labels and openings start with, as a bit set.
const FIRST_BYTES: u128 = first_bytes(&[LABELS, TEASER_OPENINGS, STAMP_OPENINGS]);

const fn first_bytes(lists: &[&[&str]]) -> u128 {
    let mut set = 0u128;
    let mut i = 0;
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            let word = lists[i][j].as_bytes();
            // Every word starts with ASCII; one that did not would never be ruled out here, as
            // only ASCII first characters are looked up.
            if !word.is_empty() && word[0] < 128 {
                set |= 1u128 << word[0];
            }
            j += 1;
        }
        i += 1;
    }
    set
}

/// The first character of a block's text that is not white space (that of its normalized,
/// trimmed text), found without copying the text.
fn first_char(tree: &Tree, id: NodeId) -> Option<char> {
    tree.descendants(id)
        .filter_map(|d| tree.text(d))
        .find_map(|t| t.trim_start().chars().next())
}

/// A heading-like label that introduces a list of links ("You may also like...").
fn is_section_label(tree: &Tree, id: NodeId) -> bool {
    let text = normalize_space(&tree.text_content(id)).to_lowercase();
    let label = text.trim_end_matches(['.', ':', '!', '…', ' ']);
    matches!(
        label,
        "related"
            | "related news"
            | "related articles"
            | "related stories"
            | "related content"
            | "read more"
            | "see more"
            | "more"
            | "don't miss"
            | "dont miss"
            | "you may also like"
            | "you might also like"
            | "recommended"
            | "recommended for you"
            | "most read"
            | "most popular"
            | "trending"
            | "trending now"
            | "more stories"
            | "more from"
            | "also read"
            | "read next"
            | "up next"
            | "what to read next"
    )
}

fn next_element_sibling(tree: &Tree, id: NodeId) -> Option<NodeId> {
    let mut n = tree.next_sibling(id);
    while let Some(s) = n {
        if tree.is_element(s) {
            return Some(s);
        }
        n = tree.next_sibling(s);
    }
    None
}

fn is_link_list(tree: &Tree, id: NodeId, stats: &StatsTable) -> bool {
    matches!(tree.name(id), "ul" | "ol" | "div" | "section") && stats.get(id).link_density() > 0.5
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::TextCache;

    #[test]
    fn every_label_and_opening_starts_with_a_byte_in_the_set() {
        for word in LABELS.iter().chain(TEASER_OPENINGS).chain(STAMP_OPENINGS) {
            let b = word.as_bytes()[0];
            assert!(FIRST_BYTES & (1u128 << b) != 0, "{word}");
        }
        assert_eq!(FIRST_BYTES & (1u128 << b'z'), 0);
    }

    /// Labels, teasers and stamps go whatever their case and leading white space; blocks that
    /// only resemble them, or start with a letter none starts with, stay.
    #[test]
    fn labels_go_and_prose_stays() {
        let html = "<body><div id=a>\
            <p>  ADVERTISEMENT</p>\
            <p>\n Updated 4:07 PM</p>\
            <p><a href=/x>Read more: the whole story</a></p>\
            <p><b> </b><i>Sponsored</i></p>\
            <p>Zebras crossed the river at dawn, and the guides counted them.</p>\
            <p>Updated versions of the plan were shown. Residents liked them.</p>\
            <p>Ádvertisement, with an accent, is not the label.</p>\
            </div>";
        let mut tree = crate::dom::html::parse_html(html);
        let article = tree
            .descendants(tree.root())
            .find(|&n| tree.attr(n, "id") == Some("a"))
            .unwrap();
        let mut stats = StatsTable::compute_with(&tree, article, &TextCache::build(&tree));
        remove_boilerplate(&mut tree, article, &mut stats);
        let kept: Vec<String> = tree
            .element_children(article)
            .map(|p| normalize_space(&tree.text_content(p)))
            .collect();
        assert_eq!(
            kept,
            [
                "Zebras crossed the river at dawn, and the guides counted them.",
                "Updated versions of the plan were shown. Residents liked them.",
                "Ádvertisement, with an accent, is not the label.",
            ]
        );
    }
}
