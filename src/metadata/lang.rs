//! Language and writing direction: `<html lang>`, language meta tags, `dir` attributes.

use crate::dom::{NodeId, Tree};

use super::clean_value;
use super::meta_tags::PageTags;

/// Primary language subtags written right to left.
const RTL_LANGS: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "pa-arab", "ps", "sd", "syr", "ug",
    "ur", "yi",
];

/// Scripts (ISO 15924) written right to left, as they appear as a language subtag.
const RTL_SCRIPTS: &[&str] = &["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"];

/// The document language: `<html lang>` (or `xml:lang`) verbatim, else the language meta tags
/// (`content-language`, `dc.language`, `og:locale` with `_` written as `-`).
pub fn read_lang(tree: &Tree, tags: &PageTags) -> Option<String> {
    if let Some(html) = tree.document_element() {
        for attr in ["lang", "xml:lang"] {
            if let Some(lang) = tree.attr(html, attr).and_then(clean_lang) {
                return Some(lang);
            }
        }
    }
    let from_meta = tags
        .get(&[
            "http-equiv:content-language",
            "content-language",
            "dc:language",
            "language",
            "og:locale",
        ])?
        .split([',', ';'])
        .next()?
        .trim()
        .replace('_', "-");
    clean_lang(&from_meta)
}

/// A language tag as the page wrote it, or `None` when it is not shaped like one (ASCII
/// letters, digits, `-` and `_`, at most 35 characters): the view writes it into an attribute.
fn clean_lang(s: &str) -> Option<String> {
    clean_value(s).filter(|v| {
        v.len() <= 35
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

/// The writing direction: `dir` of `<body>`, `<html>`, or the page's main container
/// (`<main>`, `<article>`, `role=main` or their ancestors); else inferred from the language
/// ("rtl" for right-to-left languages, "ltr" for any other known language).
pub fn read_dir(tree: &Tree, lang: Option<&str>) -> Option<String> {
    let declared = |node: NodeId| {
        tree.attr(node, "dir")
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| d == "rtl" || d == "ltr")
    };
    if let Some(dir) = tree.body().and_then(declared) {
        return Some(dir);
    }
    if let Some(dir) = tree.document_element().and_then(declared) {
        return Some(dir);
    }
    let main = tree.body().and_then(|body| {
        tree.descendants(body).find(|&n| {
            tree.is(n, "main")
                || tree.is(n, "article")
                || tree.attr(n, "role").is_some_and(|r| r.trim() == "main")
        })
    });
    if let Some(main) = main {
        let chain = std::iter::once(main).chain(tree.ancestors(main));
        if let Some(dir) = chain.filter_map(declared).next() {
            return Some(dir);
        }
    }
    lang.and_then(dir_of_lang)
}

/// "rtl" or "ltr" for a language tag; `None` when the tag is not a language.
pub fn dir_of_lang(lang: &str) -> Option<String> {
    let lang = lang.trim().replace('_', "-").to_ascii_lowercase();
    let mut subtags = lang.split('-');
    let primary = subtags
        .next()
        .filter(|p| (2..=3).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphabetic()))?;
    let rtl = RTL_LANGS.contains(&primary)
        || subtags.any(|s| RTL_SCRIPTS.contains(&s))
        || RTL_LANGS.contains(&lang.as_str());
    Some(if rtl { "rtl" } else { "ltr" }.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    fn lang_dir(html: &str) -> (Option<String>, Option<String>) {
        let tree = parse_html(html);
        let tags = PageTags::read(&tree);
        let lang = read_lang(&tree, &tags);
        let dir = read_dir(&tree, lang.as_deref());
        (lang, dir)
    }

    #[test]
    fn html_lang_is_verbatim() {
        let (lang, dir) = lang_dir(r#"<html lang="en-US"><body><p>x</p></body></html>"#);
        assert_eq!(lang.as_deref(), Some("en-US"));
        assert_eq!(dir.as_deref(), Some("ltr"));
    }

    #[test]
    fn lang_must_look_like_a_language_tag() {
        // Regression (tests/hostile/metadata-markup.html): markup in `<html lang>` came out
        // verbatim in the `lang` field, which the view writes into an attribute.
        let (lang, _) = lang_dir(
            r#"<html lang="en&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"><body></body></html>"#,
        );
        assert_eq!(lang, None);
        let (lang, _) = lang_dir(
            r#"<html lang="x onclick=alert(1)"><head><meta http-equiv="content-language" content="de-AT"></head></html>"#,
        );
        assert_eq!(lang.as_deref(), Some("de-AT"));
        let (lang, _) = lang_dir(r#"<html lang=" en_GB "><body></body></html>"#);
        assert_eq!(lang.as_deref(), Some("en_GB"));
    }

    #[test]
    fn meta_language_and_rtl_inference() {
        let (lang, dir) =
            lang_dir(r#"<html><head><meta property="og:locale" content="fa_IR"></head></html>"#);
        assert_eq!(lang.as_deref(), Some("fa-IR"));
        assert_eq!(dir.as_deref(), Some("rtl"));
        assert_eq!(dir_of_lang("ku-Arab").as_deref(), Some("rtl"));
        assert_eq!(dir_of_lang("iw").as_deref(), Some("rtl"));
        assert_eq!(dir_of_lang("de").as_deref(), Some("ltr"));
        assert_eq!(dir_of_lang("x"), None);
    }

    #[test]
    fn declared_dir_wins_body_first() {
        let (_, dir) = lang_dir(r#"<html dir="ltr" lang="en"><body dir="RTL"></body></html>"#);
        assert_eq!(dir.as_deref(), Some("rtl"));
        let (_, dir) = lang_dir(r#"<html><body><main dir="rtl"><p>x</p></main></body></html>"#);
        assert_eq!(dir.as_deref(), Some("rtl"));
        let (lang, dir) = lang_dir("<html><body><p>x</p></body></html>");
        assert_eq!((lang, dir), (None, None));
    }
}
