//! Bylines: cleaning author strings, recognizing in-page byline nodes, finding the first one.

use crate::dom::{Element, NodeId, Tree};
use crate::patterns::BYLINE;
use crate::text_util::{ascii_lowercase, normalize_space};

/// Longest in-page byline text (characters); longer blocks are bios or articles, not bylines.
const MAX_BYLINE_CHARS: usize = 100;
/// Most nodes a short text's subtree may hold; bounds the work on deeply nested pages.
const MAX_BYLINE_NODES: usize = 1000;

/// Punctuation that bylines are left with around the name ("— Jane", ", Reuters").
const EDGE_PUNCTUATION: &[char] = &[',', ';', ':', '|', '·', '•', '-', '–', '—', ' '];

/// Collapses whitespace, drops a leading "By" ("By Jane", "by: Jane", "BY JANE") and stray
/// punctuation at either end. `None` when no name is left (a lone "By" is not a byline).
pub fn clean_byline(text: &str) -> Option<String> {
    let text = normalize_space(text);
    let mut rest = text.trim_matches(EDGE_PUNCTUATION);
    if let Some(prefix) = rest.get(..2) {
        if prefix.eq_ignore_ascii_case("by") {
            let after = &rest[2..];
            if after.is_empty() {
                return None;
            }
            if after.starts_with([' ', ':']) {
                rest = after;
            }
        }
    }
    let rest = rest.trim_matches(EDGE_PUNCTUATION);
    (!rest.is_empty()).then(|| rest.to_string())
}

/// When `node` is an in-page byline — `rel="author"`, an `itemprop` naming the author, or a
/// class/id with "byline", "author", "dateline", "writtenby" or "p-author" — and its text is
/// present and short, that text cleaned (from its `itemprop="name"` descendant if it has one).
pub fn byline_of_node(tree: &Tree, node: NodeId) -> Option<String> {
    match byline_node(tree, node)? {
        BylineNode::Name(name) => Some(name),
        BylineNode::DateOnly => None,
    }
}

/// The first author the page marks up outright (`rel="author"`, `itemprop="author"`) in
/// `scope`, outside navigation, forms and footers: the byline when neither the metadata nor the
/// walk found one, as when the author line sits in a header or aside the walk drops whole.
pub fn first_marked_author(tree: &Tree, scope: NodeId) -> Option<String> {
    let mut cur = tree.first_child(scope);
    while let Some(id) = cur {
        let Some(el) = tree.element(id) else {
            cur = tree.next_in_order(id, scope, true);
            continue;
        };
        if matches!(el.name, "nav" | "form" | "footer") {
            cur = tree.next_in_order(id, scope, true);
            continue;
        }
        if marked_as_author(&el) {
            if let Some(BylineNode::Name(name)) = byline_node(tree, id) {
                return Some(name);
            }
        }
        cur = tree.next_in_order(id, scope, false);
    }
    None
}

/// `rel="author"` or an `itemprop` naming the author: the page says outright who wrote it.
fn marked_as_author(el: &Element) -> bool {
    el.attr("rel").is_some_and(|r| {
        r.split_whitespace()
            .any(|t| t.eq_ignore_ascii_case("author"))
    }) || el
        .attr("itemprop")
        .is_some_and(|p| ascii_lowercase(p).contains("author"))
}

/// What a node marked as a byline holds.
pub enum BylineNode {
    /// A name (with the page's wording: "By Jane Doe, Staff Writer").
    Name(String),
    /// Nothing but a date: "dateline" classes often hold only that. It names no one, but is
    /// the article's date line all the same.
    DateOnly,
}

/// `byline_of_node`, telling a date-only "byline" apart from no byline at all.
pub fn byline_node(tree: &Tree, node: NodeId) -> Option<BylineNode> {
    let el = tree.element(node)?;
    if !marked_as_author(&el) && !names_byline(tree, node) {
        return None;
    }
    let text = short_text(tree, node, MAX_BYLINE_CHARS)?;
    let name_node = tree.descendants(node).find(|&d| {
        tree.attr(d, "itemprop")
            .is_some_and(|p| ascii_lowercase(p).contains("name"))
    });
    // The page's own wording is kept ("By Jane Doe, Staff Writer"), as Readability does; only
    // whitespace is collapsed. A lone "By" is not a byline.
    let raw = match name_node {
        Some(n) => normalize_space(&tree.text_content(n)),
        None => normalize_space(&text),
    };
    if super::date::normalize_date(&raw).is_some() {
        return Some(BylineNode::DateOnly);
    }
    clean_byline(&raw).map(|_| BylineNode::Name(raw))
}

/// The text of `node` when it is short (under `max_chars` once trimmed, not empty); stops
/// early on large subtrees instead of gathering all their text.
pub fn short_text(tree: &Tree, node: NodeId, max_chars: usize) -> Option<String> {
    let mut text = String::new();
    for (visited, d) in tree.descendants(node).enumerate() {
        if visited >= MAX_BYLINE_NODES {
            return None;
        }
        if let Some(t) = tree.text(d) {
            text.push_str(t);
            if text.trim().chars().count() >= max_chars {
                return None;
            }
        }
    }
    (!text.trim().is_empty()).then_some(text)
}

/// True when the element's class or id holds a byline word. Each is matched on its own, which
/// is the same as matching `class + " " + id`: no word of the vocabulary holds a space, so none
/// can straddle the join. Lower-cased as Unicode (a Kelvin sign is a `k`); no copy when the
/// value is ASCII with no upper case, as nearly all are.
fn names_byline(tree: &Tree, node: NodeId) -> bool {
    [tree.attr(node, "class"), tree.attr(node, "id")]
        .into_iter()
        .flatten()
        .any(|v| {
            if v.is_ascii() {
                BYLINE.found_in(&ascii_lowercase(v))
            } else {
                BYLINE.found_in(&v.to_lowercase())
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    /// The first node in document order that reads as a byline, as the extraction walk finds it.
    fn first_byline(html: &str) -> Option<String> {
        let tree = parse_html(html);
        let body = tree.body()?;
        let found = tree
            .descendants(body)
            .find_map(|d| byline_of_node(&tree, d));
        found
    }

    #[test]
    fn cleans_by_prefix() {
        assert_eq!(clean_byline("  By  Jane Doe ").as_deref(), Some("Jane Doe"));
        assert_eq!(clean_byline("by: Jane").as_deref(), Some("Jane"));
        assert_eq!(clean_byline("BY JANE").as_deref(), Some("JANE"));
        assert_eq!(clean_byline("Byron Smith").as_deref(), Some("Byron Smith"));
        assert_eq!(clean_byline("By"), None);
        assert_eq!(clean_byline(", USA TODAY").as_deref(), Some("USA TODAY"));
        assert_eq!(clean_byline("— Jane Doe,").as_deref(), Some("Jane Doe"));
        assert_eq!(clean_byline("   "), None);
    }

    #[test]
    fn a_dateline_holding_only_a_date_is_no_byline() {
        let html = r#"<body><span class="dateline"><span>Sunday, Feb 1, 2015 11:57 AM UTC</span></span>
            <h1>Headline</h1><span class="byline"><a rel="author" href="/w">Richard Eskow</a></span>"#;
        assert_eq!(first_byline(html).as_deref(), Some("Richard Eskow"));
        let html = r#"<body><p class="dateline">March 3, 2024 — Jane Doe</p>"#;
        assert_eq!(
            first_byline(html).as_deref(),
            Some("March 3, 2024 — Jane Doe")
        );
    }

    #[test]
    fn recognizes_byline_nodes() {
        let html = r#"<body><p>Intro</p>
            <p class="post-byline">By <a rel="author" href="/j">Jane</a></p></body>"#;
        assert_eq!(first_byline(html).as_deref(), Some("By Jane"));
    }

    #[test]
    fn itemprop_name_child() {
        let html = r#"<body>
            <div itemprop="author" itemscope><span itemprop="name">Ann Lee</span>
            <span itemprop="jobTitle">Reporter</span></div></body>"#;
        assert_eq!(first_byline(html).as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn long_or_empty_text_is_not_a_byline() {
        let long = "word ".repeat(30);
        let html = format!(r#"<body><div class="author-bio">{long}</div><p>text</p></body>"#);
        assert_eq!(first_byline(&html), None);
        assert_eq!(
            first_byline(r#"<body><a rel="author" href="/x"></a></body>"#),
            None
        );
    }
}
