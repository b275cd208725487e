//! Titles: the headline part of a `<title>` ("Headline | Site"), and site names cut from meta titles.

use crate::dom::{NodeId, Tree};
use crate::text_util::normalize_space;

use super::sources::SourceElements;

/// Separators between a headline and the site or section names around it.
const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»', '·', '•'];
/// The separators that mark a path of sections ("Site » Section » Headline").
const HIERARCHICAL: &[char] = &['\\', '/', '>', '»'];

/// How many heading texts are kept.
const MAX_HEADINGS: usize = 200;

/// What the page offers to tell a headline from the names around it.
#[derive(Debug, Default)]
pub struct TitleContext {
    /// Texts of the page's `<h1>` and `<h2>` elements, whitespace collapsed.
    pub headings: Vec<String>,
    /// How many `<h1>` the page has, and the text of the first.
    pub h1_count: usize,
    pub first_h1: Option<String>,
    /// The first `<h1>` itself.
    pub first_h1_node: Option<NodeId>,
}

impl TitleContext {
    #[cfg(test)]
    pub fn read(tree: &Tree) -> Self {
        Self::read_from(tree, &SourceElements::find(tree))
    }

    /// `read`, going through the document's source elements found beforehand.
    pub fn read_from(tree: &Tree, sources: &SourceElements) -> Self {
        let mut ctx = TitleContext::default();
        for &node in &sources.headings {
            let is_h1 = tree.is(node, "h1");
            if !is_h1 && !tree.is(node, "h2") {
                continue;
            }
            if is_h1 {
                ctx.h1_count += 1;
                ctx.first_h1_node.get_or_insert(node);
            }
            // Texts of the first headings only: enough for any title, bounded on odd pages.
            if ctx.headings.len() >= MAX_HEADINGS {
                continue;
            }
            let text = normalize_space(&tree.text_content(node));
            if is_h1 && ctx.first_h1.is_none() {
                ctx.first_h1 = Some(text.clone());
            }
            if !text.is_empty() {
                ctx.headings.push(text);
            }
        }
        ctx
    }

    /// The page's `<h1>` when it has exactly one: its headline.
    pub fn single_h1(&self) -> Option<NodeId> {
        self.first_h1_node.filter(|_| self.h1_count == 1)
    }

    fn is_heading(&self, text: &str) -> bool {
        self.headings.iter().any(|h| same_text(h, text))
    }
}

/// Byte ranges of the separators (" | ", " - " ...) in `title`, each with its character.
fn separators(title: &str) -> Vec<(usize, usize, char)> {
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 1;
    while i + 1 < chars.len() {
        let (start, prev) = chars[i - 1];
        let (_, c) = chars[i];
        let (next_start, next) = chars[i + 1];
        if prev == ' ' && next == ' ' && SEPARATORS.contains(&c) {
            out.push((start, next_start + next.len_utf8(), c));
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// The parts of a title between its separators, trimmed.
fn parts(title: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (start, end, _) in separators(title) {
        out.push(title.get(from..start).unwrap_or("").trim());
        from = end;
    }
    out.push(title.get(from..).unwrap_or("").trim());
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn same_text(a: &str, b: &str) -> bool {
    normalize_space(a).to_lowercase() == normalize_space(b).to_lowercase()
}

/// Shortest part of a meta title that is taken alone because it equals a page heading.
const MIN_META_HEADING_PART_WORDS: usize = 3;

/// In a meta or JSON-LD title with separators ("Headline | Brand"), the part that is also a
/// page heading, when one of at least three words is.
pub fn heading_part(title: &str, ctx: &TitleContext) -> Option<String> {
    if separators(title).is_empty() {
        return None;
    }
    parts(title)
        .into_iter()
        .find(|p| word_count(p) >= MIN_META_HEADING_PART_WORDS && ctx.is_heading(p))
        .map(str::to_string)
}

/// Cuts the site name from the start or end of a title ("Headline | Site", "Site - Headline")
/// when it matches `site_name`; the title unchanged otherwise.
pub fn strip_site_name(title: &str, site_name: Option<&str>) -> String {
    let Some(site) = site_name.filter(|s| !s.trim().is_empty()) else {
        return title.to_string();
    };
    let seps = separators(title);
    if let (Some(&(first_start, first_end, _)), Some(&(last_start, last_end, _))) =
        (seps.first(), seps.last())
    {
        let tail = title.get(last_end..).unwrap_or("");
        let head = title.get(..first_start).unwrap_or("");
        if same_text(tail, site) {
            return title.get(..last_start).unwrap_or(title).trim().to_string();
        }
        if same_text(head, site) {
            return title.get(first_end..).unwrap_or(title).trim().to_string();
        }
    }
    // "Site: Headline"
    if let Some((head, tail)) = title.split_once(": ") {
        if same_text(head, site) && word_count(tail) > 0 {
            return tail.trim().to_string();
        }
    }
    title.to_string()
}

/// The headline inside a document `<title>`, after Readability's rules: cut at the last
/// separator (or the first, when what precedes the last is under three words) unless a part of
/// five words or more is also a page heading, which then wins; keep the whole title when the cut leaves four words or fewer,
/// take the only `<h1>` when the title is very short or very long. A colon only cuts off a
/// prefix that is the site's name.
pub fn clean_document_title(raw: &str, ctx: &TitleContext, site_name: Option<&str>) -> String {
    let orig = normalize_space(raw);
    if orig.is_empty() || ctx.is_heading(&orig) {
        return orig;
    }
    let stripped = strip_site_name(&orig, site_name);
    if stripped != orig && !stripped.is_empty() {
        return clean_document_title(&stripped, ctx, None);
    }
    let seps = separators(&orig);
    let mut hierarchical = false;
    let mut cur = orig.clone();
    if let Some(&(last_start, _, _)) = seps.last() {
        hierarchical = seps.iter().any(|(_, _, c)| HIERARCHICAL.contains(c));
        // A part that is also a page heading is the headline, unless it is too short to tell
        // it from a site or section name that happens to be a heading too.
        let heading_part = parts(&orig)
            .into_iter()
            .find(|p| word_count(p) > 4 && ctx.is_heading(p));
        if let Some(part) = heading_part {
            return part.to_string();
        }
        cur = orig.get(..last_start).unwrap_or("").to_string();
        if word_count(&cur) < 3 {
            if let Some(&(_, first_end, _)) = seps.first() {
                cur = orig.get(first_end..).unwrap_or("").to_string();
            }
        }
    } else if orig.contains(": ") {
        // Only a part that is also a page heading is cut out; "Topic: headline" stays whole.
        if let Some(part) = orig.split(": ").skip(1).find(|p| ctx.is_heading(p)) {
            cur = part.to_string();
        }
    } else if orig.chars().count() > 150 || orig.chars().count() < 15 {
        if let (1, Some(h1)) = (ctx.h1_count, &ctx.first_h1) {
            if !h1.is_empty() {
                cur = h1.clone();
            }
        }
    }
    let cur = normalize_space(&cur);
    let words = word_count(&cur);
    let orig_words_without_seps = word_count(
        &orig
            .chars()
            .map(|c| if SEPARATORS.contains(&c) { ' ' } else { c })
            .collect::<String>(),
    );
    if words <= 4 && (!hierarchical || words + 1 != orig_words_without_seps) {
        return orig;
    }
    cur
}

/// The page's one `<h1>`, when the metadata title is that headline with something after it: the
/// H1's text begins the title, and the rest of the title starts with a bracket, a bar or a dash
/// ("Average Cost of Online College [2025]: Yearly Tuition + Fees" on a page headed "Average Cost
/// of Online College"). The H1 is what the reader saw as the headline.
pub fn visible_headline(title: &str, ctx: &TitleContext) -> Option<String> {
    if ctx.h1_count != 1 {
        return None;
    }
    let h1 = ctx.first_h1.as_deref()?;
    if word_count(h1) < 2 {
        return None;
    }
    let (h1_lower, title_lower) = (h1.to_lowercase(), normalize_space(title).to_lowercase());
    let after = title_lower.strip_prefix(h1_lower.as_str())?;
    let rest = after.trim_start();
    // What may follow a headline: a bracket, or a bar or a dash after a space (a year, a teaser,
    // the site's name; "Covid-19" goes on with the word). Not a colon: what follows one is as
    // often the headline's own subtitle.
    let spaced = rest.len() < after.len();
    let follows = match rest.chars().next() {
        Some('[' | '(') => true,
        Some('|' | '-' | '\u{2013}' | '\u{2014}') => spaced,
        _ => false,
    };
    follows.then(|| h1.to_string())
}

/// How much of `b`'s words also occur in `a`, weighted by length (1.0: all of them).
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let tokens = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    };
    let ta = tokens(a);
    let tb = tokens(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let unique: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let unique_len = unique.iter().map(|t| t.chars().count() + 1).sum::<usize>();
    let total_len = tb.iter().map(|t| t.chars().count() + 1).sum::<usize>();
    1.0 - unique_len as f64 / total_len as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(headings: &[&str]) -> TitleContext {
        TitleContext {
            headings: headings.iter().map(|s| s.to_string()).collect(),
            ..TitleContext::default()
        }
    }

    fn one_h1(text: &str) -> TitleContext {
        TitleContext {
            h1_count: 1,
            first_h1: Some(text.to_string()),
            ..ctx(&[text])
        }
    }

    #[test]
    fn the_one_h1_replaces_a_title_that_adds_to_it_after_a_bracket_bar_or_dash() {
        let c = one_h1("Average Cost of Online College");
        for title in [
            "Average Cost of Online College [2025]: Yearly Tuition + Fees",
            "Average cost of online college (updated) and more",
            "Average Cost of Online College \u{2013} Yearly Tuition",
            "Average Cost of Online College | Top 19 Schools",
        ] {
            assert_eq!(
                visible_headline(title, &c).as_deref(),
                Some("Average Cost of Online College"),
                "{title}"
            );
        }
    }

    #[test]
    fn the_title_stays_when_the_h1_is_not_its_headline_part() {
        let seniors = "Best Travel Insurance for Seniors";
        let covid = "The State of Covid";
        // Words go on after the H1 (no separator), a colon's subtitle, the same text, another
        // text, a dash or bar inside a word.
        for (h1, title) in [
            (seniors, "Best Travel Insurance for Seniors in 2025"),
            (seniors, "Best Travel Insurance for Seniors: What to Know"),
            (seniors, "Best Travel Insurance for Seniors"),
            (seniors, "Travel Insurance | Best for Seniors"),
            (seniors, "Best Travel Insurance for Senior Citizens - Guide"),
            (covid, "The State of Covid-19 in 2025"),
            (covid, "The State of Covid|19"),
        ] {
            assert_eq!(visible_headline(title, &one_h1(h1)), None, "{title}");
        }
        // Two H1s: no telling which one is the headline.
        let mut two = one_h1("Best Travel Insurance for Seniors");
        two.h1_count = 2;
        assert_eq!(
            visible_headline("Best Travel Insurance for Seniors | Site", &two),
            None
        );
        // A one-word H1 is more often a logo or a section than a headline.
        assert_eq!(
            visible_headline("Insurance | Site", &one_h1("Insurance")),
            None
        );
    }

    #[test]
    fn cuts_site_name_after_separator() {
        let c = ctx(&[]);
        assert_eq!(
            clean_document_title("A long enough headline here | The Site", &c, None),
            "A long enough headline here"
        );
        assert_eq!(
            clean_document_title("A long enough headline here – The Site", &c, None),
            "A long enough headline here"
        );
        // What precedes the last separator is too short: drop the first part instead.
        assert_eq!(
            clean_document_title("Site | A long enough headline here", &c, None),
            "A long enough headline here"
        );
        // Too few words left: keep the whole title.
        assert_eq!(
            clean_document_title("Short one - Site", &c, None),
            "Short one - Site"
        );
    }

    #[test]
    fn heading_part_and_site_name_win() {
        let c = ctx(&["The real headline of the day"]);
        assert_eq!(
            clean_document_title("Section | The real headline of the day | Site", &c, None),
            "The real headline of the day"
        );
        let c = ctx(&[]);
        assert_eq!(
            clean_document_title("News | Section - Big story about things", &c, Some("News")),
            "Section - Big story about things"
        );
    }

    #[test]
    fn colon_keeps_real_headlines() {
        let c = ctx(&[]);
        let t = "Brexit: Parliament votes on the new deal tonight";
        assert_eq!(clean_document_title(t, &c, None), t);
        assert_eq!(
            clean_document_title(
                "Daily Planet: Parliament votes tonight again",
                &c,
                Some("Daily Planet")
            ),
            "Parliament votes tonight again"
        );
    }

    #[test]
    fn short_title_uses_single_h1() {
        let c = TitleContext {
            h1_count: 1,
            first_h1: Some("A proper and long article headline".into()),
            ..TitleContext::default()
        };
        assert_eq!(
            clean_document_title("Home", &c, None),
            "A proper and long article headline"
        );
    }

    #[test]
    fn heading_part_of_meta_titles() {
        let c = ctx(&["Healthy eating plate", "Menu"]);
        assert_eq!(
            heading_part("Healthy Eating Plate • The Source", &c).as_deref(),
            Some("Healthy Eating Plate")
        );
        assert_eq!(heading_part("Healthy Eating Plate", &c), None);
        assert_eq!(heading_part("Menu | Site", &c), None);
    }

    #[test]
    fn strips_site_from_meta_titles() {
        assert_eq!(
            strip_site_name("Headline here | Site", Some("site")),
            "Headline here"
        );
        assert_eq!(
            strip_site_name("Site - Headline here", Some("Site")),
            "Headline here"
        );
        assert_eq!(
            strip_site_name("Headline here | Other", Some("Site")),
            "Headline here | Other"
        );
        assert_eq!(strip_site_name("Headline", None), "Headline");
    }

    #[test]
    fn similarity() {
        assert!(text_similarity("The quick brown fox", "quick brown fox") > 0.99);
        assert!(text_similarity("The quick brown fox", "lazy dogs") < 0.01);
    }
}
