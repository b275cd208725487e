//! Metadata: each field from the best source the page offers.
//!
//! Sources are read once ([`jsonld`], [`meta_tags`], headings for [`title`]); this module only
//! decides, field by field, which source wins. Every value is whitespace-collapsed and empty
//! values count as absent. Nothing here recurses on the tree: all walks are iterative.

mod byline;
mod date;
mod jsonld;
mod lang;
mod meta_tags;
mod sources;
mod title;
mod urls;
mod visible_date;

use crate::dom::{NodeId, Tree};
use crate::text_util::normalize_space;
use url::Url;

use date::normalize_date;

use jsonld::JsonLd;
use meta_tags::PageTags;
use sources::SourceElements;
use title::TitleContext;

/// What the page says about itself, before any extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub lead_image: Option<String>,
    pub canonical_url: Option<String>,
}

/// Reads every metadata source of the document (JSON-LD, OpenGraph, Twitter, Dublin Core,
/// `<meta>`, `<title>`, `<html lang dir>`, `<link rel=canonical>`, `<time>`).
pub fn read_metadata(tree: &Tree, page_url: Option<&Url>) -> Metadata {
    // One walk of the page finds the elements the sources below live in.
    let sources = SourceElements::find(tree);
    let tags = PageTags::read_from(tree, &sources);
    let ld = jsonld::read(tree, &sources);
    let headings = TitleContext::read_from(tree, &sources);

    let site_name = read_site_name(&tags, &ld);
    let title = read_title(&tags, &ld, &headings, site_name.as_deref());
    let byline = read_byline(&tags, &ld);
    let excerpt = ld.description.clone().or_else(|| {
        tags.get(&[
            "dc:description",
            "dcterm:description",
            "dcterms:description",
            "og:description",
            "description",
            "twitter:description",
        ])
        .map(String::from)
    });
    let published_time = read_published(tree, &tags, &ld, &headings);
    let lang = lang::read_lang(tree, &tags);
    let dir = lang::read_dir(tree, lang.as_deref());
    let canonical_url = urls::canonical_url(&tags, page_url);
    let lead_image = urls::lead_image(&tags, &ld, page_url, canonical_url.as_deref());

    Metadata {
        title,
        byline,
        excerpt,
        site_name,
        published_time,
        lang,
        dir,
        lead_image,
        canonical_url,
    }
}

/// In-page bylines (rel=author, itemprop=author, class/id "byline"/"author"...), found by the
/// extraction walk; the first marked-up author as a last resort.
pub use byline::{byline_node, byline_of_node, first_marked_author, BylineNode};

/// The JSON-LD publisher or WebSite name, `og:site_name`, `application-name`, a `twitter:site`
/// that is a name rather than a @handle.
fn read_site_name(tags: &PageTags, ld: &JsonLd) -> Option<String> {
    ld.site_name
        .clone()
        .or_else(|| tags.get(&["og:site_name"]).map(String::from))
        .or_else(|| {
            tags.get(&["application-name", "apple-mobile-web-app-title"])
                .map(String::from)
        })
        .or_else(|| {
            tags.get(&["twitter:site"])
                .filter(|s| !s.starts_with('@') && !is_url(s))
                .map(String::from)
        })
}

/// The JSON-LD headline (or the article's `name` when it matches `<title>` better), the Dublin Core / OpenGraph / Twitter
/// titles (reduced to the part that is a page heading, or with the site name cut off, or to the
/// page's one `<h1>` when the title is that headline with more after it), else the headline part
/// of `<title>`.
fn read_title(
    tags: &PageTags,
    ld: &JsonLd,
    ctx: &TitleContext,
    site: Option<&str>,
) -> Option<String> {
    let doc_title = tags.title.as_deref();
    let from_ld = match (&ld.headline, &ld.name) {
        (Some(h), Some(n)) if h != n => {
            // Both given and different (one may be a site, section or description): keep the
            // one that agrees better with the document title, the headline on a tie.
            let sim = |s: &str| doc_title.map_or(0.0, |t| title::text_similarity(s, t));
            if sim(n) > sim(h) {
                Some(n.clone())
            } else {
                Some(h.clone())
            }
        }
        (Some(h), _) => Some(h.clone()),
        (None, n) => n.clone(),
    };
    let from_meta = || {
        tags.get(&[
            "dc:title",
            "dcterm:title",
            "dcterms:title",
            "og:title",
            "weibo:article:title",
            "weibo:webpage:title",
            "title",
            "twitter:title",
            "parsely-title",
        ])
        .map(String::from)
    };
    if let Some(t) = from_ld.or_else(from_meta) {
        let t = title::heading_part(&t, ctx).unwrap_or_else(|| title::strip_site_name(&t, site));
        let t = title::visible_headline(&t, ctx).unwrap_or(t);
        if let Some(t) = clean_value(&t) {
            return Some(t);
        }
    }
    doc_title.and_then(|t| clean_value(&title::clean_document_title(t, ctx, site)))
}

/// JSON-LD author, else the author meta tags (names, not profile URLs). In-page bylines are
/// found by the extraction walk, which also takes their node out of the article.
fn read_byline(tags: &PageTags, ld: &JsonLd) -> Option<String> {
    let metas = [
        "dc:creator",
        "dcterm:creator",
        "dcterms:creator",
        "author",
        "article:author",
        "og:article:author",
        "parsely-author",
    ];
    ld.byline
        .iter()
        .map(String::as_str)
        .chain(metas.iter().filter_map(|k| tags.get(&[k])))
        .filter(|v| !is_url(v))
        .find_map(byline::clean_byline)
}

/// The first date that parses among JSON-LD `datePublished`, the publication meta tags,
/// JSON-LD `dateCreated`, `<time>` elements
/// marked as the publication date, and the first `<time>` of the article or its header.
fn read_published(
    tree: &Tree,
    tags: &PageTags,
    ld: &JsonLd,
    headings: &TitleContext,
) -> Option<String> {
    const META_KEYS: &[&str] = &[
        "article:published_time",
        "og:published_time",
        "article:published",
        "itemprop:datepublished",
        "parsely-pub-date",
        "pubdate",
        "publishdate",
        "publish-date",
        "date",
        "dc:date:issued",
        "dc:date",
        "dcterms:issued",
        "dcterms:date",
        "dcterms:created",
        "sailthru:date",
        "itemprop:datecreated",
    ];
    let from_sources = ld
        .date_published
        .iter()
        .map(String::as_str)
        .chain(META_KEYS.iter().filter_map(|k| tags.get(&[k])))
        .chain(ld.date_created.iter().map(String::as_str))
        .find_map(normalize_date);
    if from_sources.is_some() {
        return from_sources;
    }
    // In-page dates: an element marked as the publication date (`itemprop=datePublished`,
    // `<time pubdate>`), else the first `<time>` of the article, its header or `<main>`. The
    // date is the `content`/`datetime` attribute, or the element's text when that is a date.
    let date_of = |n: NodeId| {
        tree.attr(n, "datetime")
            .or_else(|| tree.attr(n, "content"))
            .and_then(normalize_date)
            .or_else(|| byline::short_text(tree, n, 100).and_then(|t| normalize_date(&t)))
    };
    let mut first_in_article = None;
    for n in tree.descendants(tree.root()).take(MAX_DATE_SCAN) {
        let Some(el) = tree.element(n) else {
            continue;
        };
        let is_time = tree.is(n, "time");
        let marked = (is_time && el.attr("pubdate").is_some())
            || el
                .attr("itemprop")
                .is_some_and(|p| p.to_ascii_lowercase().contains("datepublished"));
        if marked && !tree.is(n, "meta") {
            if let Some(d) = date_of(n) {
                return Some(d);
            }
        }
        if is_time && first_in_article.is_none() {
            let in_article = tree
                .ancestors(n)
                .take(256)
                .any(|a| tree.is(a, "article") || tree.is(a, "header") || tree.is(a, "main"));
            if in_article {
                first_in_article = date_of(n);
            }
        }
    }
    first_in_article.or_else(|| {
        headings
            .single_h1()
            .and_then(|h1| visible_date::date_by_headline(tree, h1))
    })
}

/// Most nodes scanned for in-page dates.
const MAX_DATE_SCAN: usize = 200_000;

/// Whitespace collapsed; `None` when nothing is left.
fn clean_value(s: &str) -> Option<String> {
    let v = normalize_space(s);
    (!v.is_empty()).then_some(v)
}

/// True for web addresses (author profile links are not names).
fn is_url(s: &str) -> bool {
    let s = s.trim().to_ascii_lowercase();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("//")
        || s.starts_with("www.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    fn meta(html: &str) -> Metadata {
        let url = Url::parse("https://site.test/news/story.html").ok();
        read_metadata(&parse_html(html), url.as_ref())
    }

    #[test]
    fn jsonld_wins_then_meta_then_title() {
        let m = meta(
            r#"<html lang="en"><head><title>Doc title words here | Site</title>
            <meta property="og:title" content="OG title | The Site">
            <meta property="og:site_name" content="The Site">
            <meta name="description" content="Plain description">
            <meta property="og:description" content="OG description">
            <meta name="author" content="By Meta Author">
            <script type="application/ld+json">{"@type":"Article","headline":"LD headline",
              "datePublished":"Sun, 16 Feb 2025 00:50:00 +0530","image":["/i.jpg"]}</script>
            </head><body><p>x</p></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(m.excerpt.as_deref(), Some("OG description"));
        assert_eq!(m.byline.as_deref(), Some("Meta Author"));
        assert_eq!(m.site_name.as_deref(), Some("The Site"));
        assert_eq!(
            m.published_time.as_deref(),
            Some("2025-02-16T00:50:00+05:30")
        );
        assert_eq!(m.lead_image.as_deref(), Some("https://site.test/i.jpg"));
        assert_eq!(m.lang.as_deref(), Some("en"));
        assert_eq!(m.dir.as_deref(), Some("ltr"));
    }

    #[test]
    fn meta_title_loses_site_name_and_title_fallback() {
        let m = meta(
            r#"<head><meta property="og:title" content="OG title | The Site">
            <meta property="og:site_name" content="The Site"></head>"#,
        );
        assert_eq!(m.title.as_deref(), Some("OG title"));
        let m = meta("<head><title>A fairly long headline for tests - Site</title></head>");
        assert_eq!(m.title.as_deref(), Some("A fairly long headline for tests"));
    }

    #[test]
    fn the_pages_one_h1_when_the_meta_title_is_it_with_more_after() {
        let page = |h1s: &str| {
            format!(
                r#"<head><meta property="og:title" content="Average Cost of Online College [2025]: Yearly Tuition + Fees"></head>
                <body>{h1s}<p>Text.</p></body>"#
            )
        };
        let m = meta(&page("<h1>Average Cost of  Online College</h1>"));
        assert_eq!(m.title.as_deref(), Some("Average Cost of Online College"));
        // Two H1s, or one that is not the title's start: the meta title as it is.
        let m = meta(&page(
            "<h1>Average Cost of Online College</h1><h1>More</h1>",
        ));
        assert_eq!(
            m.title.as_deref(),
            Some("Average Cost of Online College [2025]: Yearly Tuition + Fees")
        );
        let m = meta(&page("<h1>College Costs</h1>"));
        assert_eq!(
            m.title.as_deref(),
            Some("Average Cost of Online College [2025]: Yearly Tuition + Fees")
        );
    }

    #[test]
    fn fallbacks_in_page() {
        let m = meta(
            r#"<html dir="rtl"><head><link rel="canonical" href="/canon">
            <meta property="article:author" content="https://facebook.test/someone"></head>
            <body><article><header><span class="byline">by Jo Bloggs</span>
            <time datetime="2024-03-05T10:00:00Z">5 March</time></header><p>t</p></article></body></html>"#,
        );
        // A profile URL is not a name; the in-page byline is left to the extraction walk.
        assert_eq!(m.byline, None);
        assert_eq!(m.published_time.as_deref(), Some("2024-03-05T10:00:00Z"));
        assert_eq!(m.dir.as_deref(), Some("rtl"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://site.test/canon"));
        assert_eq!(m.title, None);
        assert_eq!(m.lang, None);
    }

    #[test]
    fn deep_documents_need_no_recursion() {
        use crate::dom::{Attribute, Namespace};
        let mut tree = Tree::new();
        let html = tree.new_html_element("html");
        let body = tree.new_html_element("body");
        tree.append(tree.root(), html);
        tree.append(html, body);
        let mut cur = body;
        for _ in 0..50_000 {
            let attrs = vec![Attribute {
                name: "class".into(),
                value: "author sidebar-table".into(),
            }];
            let d = tree.new_element("div", Namespace::Html, attrs);
            tree.append(cur, d);
            cur = d;
        }
        tree.append_text(cur, "Deep Writer");
        let m = read_metadata(&tree, None);
        assert_eq!(m.byline, None, "the unlikely block is skipped as a whole");
        assert_eq!(byline_of_node(&tree, cur).as_deref(), Some("Deep Writer"));
        assert_eq!(byline_of_node(&tree, body), None);
    }

    #[test]
    fn in_page_dates() {
        let m = meta(
            r#"<body><time>Jan 1, 2001</time><article><p><time>not a date</time>
            <span itemprop="datePublished">March 3, 2021</span></p></article></body>"#,
        );
        assert_eq!(m.published_time.as_deref(), Some("2021-03-03"));
        let m = meta(r#"<body><article><time>Aug 04, 2025</time></article></body>"#);
        assert_eq!(m.published_time.as_deref(), Some("2025-08-04"));
        // A date line by the headline, when nothing marks a date; a marked one comes first.
        let line = r#"<body><h1>The harbour reopens</h1><p>Published: May 2, 2024</p>"#;
        assert_eq!(meta(line).published_time.as_deref(), Some("2024-05-02"));
        let marked =
            format!(r#"<meta property="article:published_time" content="2024-05-01">{line}"#);
        assert_eq!(meta(&marked).published_time.as_deref(), Some("2024-05-01"));
    }

    #[test]
    fn empty_document() {
        assert_eq!(meta(""), Metadata::default());
    }
}
