//! The date a reader sees by the headline, for pages whose metadata gives none: "Dec 12, 2025"
//! under the title, `<p class="date">February 9, 2016</p>`, "Last updated: October 1, 2025".
//!
//! Only short texts that are a date once a label is taken off ("Published", "Updated on",
//! "Last updated:") are taken: a sentence that mentions a date is not one. Looked for next to
//! the page's one `<h1>`: in the first texts after it, where the byline line is, then in a few
//! before it, where sites put a kicker and a date. On the wcxb-dev pages whose metadata has no
//! date this finds 65 dates that match the marked one and 10 that do not (most of those an
//! "Updated on" date, where the marked date is the first publication). Tried and not kept: 40
//! texts after the headline instead of 10 (4 more right, 5 more wrong, among them a Wikipedia
//! infobox's release date), and elements whose class says "date" anywhere on the page (10 more
//! right, 4 more wrong, and dates on 26 listing and product pages).

use crate::dom::{NodeId, Tree};

use super::date::normalize_date;

/// Texts looked at after the headline and before it.
const AFTER_H1: usize = 10;
const BEFORE_H1: usize = 6;
/// Longest text read as a date line ("Last updated on Wednesday, September 10, 2025 at 10:30
/// AM" fits).
const MAX_DATE_CHARS: usize = 70;
/// Years a visible date line may give: a page's own publication date, not a date in history
/// or a placeholder far in the future.
const YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

/// The date line by the page's headline `h1` (its one `<h1>`), as ISO 8601: the first in the
/// texts after it (before the article's text begins), else the nearest before it. A page's
/// visible publication date, or lacking one its update date.
pub fn date_by_headline(tree: &Tree, h1: NodeId) -> Option<String> {
    let scope = tree.root();
    let mut seen = 0;
    let mut at = tree.next_in_order(h1, scope, true);
    while let Some(n) = at {
        if let Some(t) = tree.text(n) {
            let t = t.trim();
            if !t.is_empty() {
                if t.chars().count() > 200 {
                    // The article's text has begun.
                    break;
                }
                if let Some(d) = date_line(t) {
                    return Some(d);
                }
                seen += 1;
                if seen >= AFTER_H1 {
                    break;
                }
            }
        }
        at = tree.next_in_order(n, scope, false);
    }
    preceding_texts(tree, h1, scope)
        .take(BEFORE_H1)
        .find_map(|t| date_line(t.trim()))
}

/// The non-blank texts before `node` within `scope`, nearest first.
fn preceding_texts<'a>(
    tree: &'a Tree,
    node: NodeId,
    scope: NodeId,
) -> impl Iterator<Item = &'a str> + 'a {
    std::iter::successors(tree.prev_in_order(node, scope), move |&n| {
        tree.prev_in_order(n, scope)
    })
    .filter_map(|n| tree.text(n))
    .filter(|t| !t.trim().is_empty())
}

/// A text that is a date, perhaps after a label: "Dec 12, 2025", "Published: 2024-03-05",
/// "Last updated on October 1, 2025".
fn date_line(text: &str) -> Option<String> {
    if text.chars().count() > MAX_DATE_CHARS || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut rest = text.trim_start_matches(['-', '|', '•', '·', '–', '—', ' ']);
    loop {
        if let Some(d) = normalize_date(rest) {
            let year = d.get(..4).and_then(|y| y.parse::<u32>().ok());
            return year.is_some_and(|y| YEARS.contains(&y)).then_some(d);
        }
        // Take one label word off the front, with the colon after it.
        let (word, after) = rest.split_once(|c: char| c.is_whitespace() || c == ':')?;
        let word = word.trim_end_matches(':').to_ascii_lowercase();
        if !LABELS.contains(&word.as_str()) {
            return None;
        }
        rest = after.trim_start_matches([':', ' ']);
    }
}

/// Words that introduce a date line.
const LABELS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "last",
    "modified",
    "date",
    "dated",
    "on",
    "originally",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    /// `date_by_headline` for a page's single `<h1>`, as the metadata calls it.
    fn visible_date(tree: &Tree) -> Option<String> {
        let ctx = crate::metadata::title::TitleContext::read(tree);
        ctx.single_h1().and_then(|h1| date_by_headline(tree, h1))
    }

    #[test]
    fn date_lines_with_and_without_labels() {
        for (line, day) in [
            ("Dec 12, 2025", Some("2025-12-12")),
            ("Last updated: October 1, 2025", Some("2025-10-01")),
            ("Published on 9 February 2016", Some("2016-02-09")),
            ("Posted 2024-03-05", Some("2024-03-05")),
            // Sentences and other words are not date lines.
            ("The law passed on May 3, 2021", None),
            ("Read more", None),
            ("By Ana Reyes, May 3, 2021", None),
        ] {
            assert_eq!(date_line(line).as_deref(), day, "{line}");
        }
    }

    #[test]
    fn the_date_by_the_headline() {
        let after = parse_html(
            "<body><nav><p>March 1, 2020</p></nav><header><h1>The harbour reopens</h1>\
             <p>By Ana Reyes</p><p>Updated July 27, 2025</p></header><p>Text.</p></body>",
        );
        assert_eq!(visible_date(&after).as_deref(), Some("2025-07-27"));
        let before = parse_html(
            "<body><div><span>Last updated:</span> <span>Dec 12, 2025</span></div>\
             <h1>Blockchain for shops</h1><p>Text.</p></body>",
        );
        assert_eq!(visible_date(&before).as_deref(), Some("2025-12-12"));
    }

    #[test]
    fn nothing_without_a_single_headline_or_a_date_line() {
        let two = parse_html(
            "<body><h1>Site</h1><h1>Story</h1><p>February 9, 2016</p><p>Text.</p></body>",
        );
        assert_eq!(visible_date(&two), None);
        let none = parse_html("<body><h1>A</h1><p>Out on May 3, 2021, as promised.</p></body>");
        assert_eq!(visible_date(&none), None);
        // Far from a page's own date: a year in history, a placeholder.
        assert_eq!(date_line("March 3, 1885"), None);
        assert_eq!(date_line("Nov 20, 9999"), None);
    }
}
