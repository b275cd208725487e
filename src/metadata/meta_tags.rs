//! The page's `<meta>`, `<link>` and `<title>` elements, gathered once into lookup tables.

use std::collections::HashMap;

use crate::dom::Tree;

use super::clean_value;
use super::sources::SourceElements;
use crate::entities::decode_entities;

/// What the document's tags say, keyed for case-insensitive lookups.
#[derive(Debug, Default)]
pub struct PageTags {
    /// Normalized meta key (see [`normalize_key`]) to the first non-empty value given for it,
    /// and whether that value came from a `property` attribute (those win over `name`).
    metas: HashMap<String, (String, bool)>,
    /// `(rel token, href)` of every `<link>` with an href, in document order.
    links: Vec<(String, String)>,
    /// The text of the first `<title>` (whitespace collapsed), if any.
    pub title: Option<String>,
}

impl PageTags {
    /// Reads every `<meta>`, `<link>` and the first `<title>` of the document (head or body).
    #[cfg(test)]
    pub fn read(tree: &Tree) -> Self {
        Self::read_from(tree, &SourceElements::find(tree))
    }

    /// `read`, going through the document's source elements found beforehand.
    pub fn read_from(tree: &Tree, sources: &SourceElements) -> Self {
        let mut tags = PageTags::default();
        for &node in &sources.tags {
            let Some(el) = tree.element(node) else {
                continue;
            };
            match el.name {
                "meta" => {
                    let Some(content) = el
                        .attr("content")
                        .and_then(|c| clean_value(&decode_entities(c)))
                    else {
                        continue;
                    };
                    for (attr, prefix) in [
                        ("property", ""),
                        ("name", ""),
                        ("itemprop", "itemprop:"),
                        ("http-equiv", "http-equiv:"),
                    ] {
                        let Some(keys) = el.attr(attr) else {
                            continue;
                        };
                        let is_property = attr == "property";
                        for key in keys.split_whitespace() {
                            let key = format!("{prefix}{}", normalize_key(key));
                            match tags.metas.get(&key) {
                                Some((_, true)) => {}
                                Some((_, false)) if !is_property => {}
                                _ => {
                                    tags.metas.insert(key, (content.clone(), is_property));
                                }
                            }
                        }
                    }
                }
                "link" => {
                    let (Some(rel), Some(href)) = (el.attr("rel"), el.attr("href")) else {
                        continue;
                    };
                    let href = href.trim();
                    if href.is_empty() {
                        continue;
                    }
                    for token in rel.split_whitespace() {
                        tags.links
                            .push((token.to_ascii_lowercase(), href.to_string()));
                    }
                }
                // Only the HTML <title>, not an SVG <title> inside the body.
                "title" if tags.title.is_none() && tree.is(node, "title") => {
                    tags.title = clean_value(&tree.text_content(node));
                }
                _ => {}
            }
        }
        tags
    }

    /// The value of the first of `keys` present (keys are written normalized: lower-case,
    /// `:` as separator).
    pub fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.metas.get(*k))
            .map(|(v, _)| v.as_str())
    }

    /// The href of the first `<link>` whose rel holds `rel` (lower-case).
    pub fn link(&self, rel: &str) -> Option<&str> {
        self.links
            .iter()
            .find(|(r, _)| r == rel)
            .map(|(_, h)| h.as_str())
    }
}

/// Lower-cases a meta name and unifies its separators: `DC.Title` and `dc:title` are the same
/// key, and so are `og : title` and `og:title`.
pub fn normalize_key(key: &str) -> String {
    key.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c == '.' {
                ':'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    #[test]
    fn keys_are_case_insensitive_and_split_on_spaces() {
        let tree = parse_html(
            r#"<html><head><title> A  title </title>
            <meta property="og:title twitter:title" content="Both">
            <meta name="DC.Title" content="Dublin">
            <meta name="description" content="  ">
            <meta name="description" content="Second &amp;quot;q&amp;quot;">
            <meta name="og:title" content="Named">
            <meta itemprop="datePublished" content="2020-01-02">
            <link rel="Canonical" href="/c">
            </head><body><svg><title>not me</title></svg></body></html>"#,
        );
        let tags = PageTags::read(&tree);
        assert_eq!(tags.get(&["og:title"]), Some("Both"));
        assert_eq!(tags.get(&["twitter:title"]), Some("Both"));
        assert_eq!(tags.get(&["dc:title"]), Some("Dublin"));
        assert_eq!(tags.get(&["description"]), Some("Second \"q\""));
        assert_eq!(tags.get(&["itemprop:datepublished"]), Some("2020-01-02"));
        assert_eq!(tags.link("canonical"), Some("/c"));
        assert_eq!(tags.title.as_deref(), Some("A title"));
    }
}
