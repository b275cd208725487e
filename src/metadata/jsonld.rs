//! JSON-LD: parses every `application/ld+json` script leniently and reads the article object.

use serde_json::{Map, Value};

use crate::dom::Tree;

use super::clean_value;
use super::sources::SourceElements;
use crate::entities::decode_entities;

/// The fields Folio takes from the page's JSON-LD.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct JsonLd {
    pub headline: Option<String>,
    /// `name` of the article object (only read from article-like types).
    pub name: Option<String>,
    pub byline: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    pub date_published: Option<String>,
    pub date_created: Option<String>,
    pub image: Option<String>,
}

/// Most objects gathered from one page; a bound against pathological documents.
const MAX_OBJECTS: usize = 10_000;

/// Reads all JSON-LD blocks of the document (its source elements, found beforehand) and
/// extracts the article's fields.
pub fn read(tree: &Tree, sources: &SourceElements) -> JsonLd {
    let mut roots = Vec::new();
    for &script in &sources.scripts {
        // An HTML <script> (not an SVG one) of the JSON-LD type.
        let is_ld = tree.is(script, "script")
            && tree
                .attr(script, "type")
                .is_some_and(crate::dom::is_json_ld_type);
        if is_ld {
            roots.extend(parse_lenient(&tree.text_content(script)));
        }
    }
    from_values(&roots)
}

/// Extracts the fields from parsed JSON-LD documents.
pub fn from_values(roots: &[Value]) -> JsonLd {
    let objects = flatten(roots);
    let mut out = JsonLd::default();

    // The article: the first object of the best rank (article types over web pages).
    let mut article: Option<(&Map<String, Value>, u8)> = None;
    for obj in &objects {
        let rank = type_rank(obj);
        if rank > 0 && article.is_none_or(|(_, r)| rank > r) {
            article = Some((obj, rank));
        }
    }

    if let Some((obj, rank)) = article {
        out.headline = string_field(obj.get("headline"));
        if rank == 2 {
            out.name = string_field(obj.get("name"));
        }
        out.byline = obj.get("author").and_then(person_names);
        out.description = string_field(obj.get("description"));
        out.date_published = string_field(obj.get("datePublished"));
        out.date_created = string_field(obj.get("dateCreated"));
        out.image = obj.get("image").and_then(image_url);
        out.site_name = obj
            .get("publisher")
            .and_then(first_object)
            .and_then(|p| string_field(p.get("name")))
            .or_else(|| {
                obj.get("isPartOf")
                    .and_then(first_object)
                    .filter(|p| {
                        types_of(p)
                            .iter()
                            .any(|t| t.eq_ignore_ascii_case("WebSite"))
                    })
                    .and_then(|p| string_field(p.get("name")))
            });
    }
    if out.site_name.is_none() {
        out.site_name = objects
            .iter()
            .find(|o| {
                types_of(o)
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case("WebSite"))
            })
            .and_then(|o| string_field(o.get("name")));
    }
    out
}

/// Every object of the documents, including `@graph` members and `mainEntity` objects, in
/// document order. Iterative: no recursion on page-controlled nesting.
fn flatten(roots: &[Value]) -> Vec<&Map<String, Value>> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = roots.iter().rev().collect();
    while let Some(v) = stack.pop() {
        if out.len() >= MAX_OBJECTS {
            break;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(obj) => {
                out.push(obj);
                for key in ["mainEntity", "@graph"] {
                    if let Some(inner @ (Value::Array(_) | Value::Object(_))) = obj.get(key) {
                        stack.push(inner);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Types that are articles besides those ending in "Article" or "Posting".
const OTHER_ARTICLE_TYPES: &[&str] = &["report", "apireference", "blog", "review"];

/// How much an object of this `@type` looks like the page's article: 2 article, 1 web page, 0.
fn type_rank(obj: &Map<String, Value>) -> u8 {
    let mut best = 0;
    for t in types_of(obj) {
        let t = t.to_ascii_lowercase();
        let rank = if t.ends_with("article")
            || t.ends_with("posting")
            || OTHER_ARTICLE_TYPES.contains(&t.as_str())
        {
            2
        } else if t.ends_with("page") {
            1
        } else {
            0
        };
        best = best.max(rank);
    }
    best
}

/// The `@type` values of an object, without any vocabulary prefix (`schema:`, a schema.org URL).
fn types_of(obj: &Map<String, Value>) -> Vec<&str> {
    let raw: Vec<&str> = match obj.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    raw.into_iter()
        .map(|t| {
            let t = t.trim();
            t.rsplit(['/', ':', '#']).next().unwrap_or(t)
        })
        .collect()
}

/// A string value (or the first string of an array), entity-decoded and cleaned.
fn string_field(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean_value(&decode_entities(s)),
        Value::Array(a) => a.iter().find_map(|x| string_field(Some(x))),
        _ => None,
    }
}

/// The object itself, or the first object of an array.
fn first_object(v: &Value) -> Option<&Map<String, Value>> {
    match v {
        Value::Object(o) => Some(o),
        Value::Array(a) => a.iter().find_map(Value::as_object),
        _ => None,
    }
}

/// Author names from a string, a Person/Organization object or an array of those, joined
/// with ", " (duplicates dropped). URLs are not names.
fn person_names(v: &Value) -> Option<String> {
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let mut names: Vec<String> = Vec::new();
    for item in items {
        let name = match item {
            Value::String(_) => string_field(Some(item)),
            Value::Object(o) => string_field(o.get("name")),
            _ => None,
        };
        if let Some(name) = name {
            if !super::is_url(&name) && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    if names.is_empty() {
        None
    } else {
        Some(names.join(", "))
    }
}

/// An image address from a URL string, an ImageObject, or the first usable array item.
fn image_url(v: &Value) -> Option<String> {
    match v {
        Value::String(_) => string_field(Some(v)),
        Value::Object(o) => {
            string_field(o.get("url")).or_else(|| string_field(o.get("contentUrl")))
        }
        Value::Array(a) => a.iter().find_map(image_url),
        _ => None,
    }
}

/// Parses a script body that is meant to be JSON but may be wrapped in an HTML comment or
/// CDATA section, hold raw control characters or trailing commas, or be followed by garbage.
/// Returns every value it could read.
pub fn parse_lenient(text: &str) -> Vec<Value> {
    let body = strip_wrappers(text);
    let values = read_values(body);
    if !values.is_empty() {
        return values;
    }
    let repaired = repair(body);
    let values = read_values(&repaired);
    if !values.is_empty() {
        return values;
    }
    // Leading garbage (`var data = {...}`): start at the first bracket.
    match repaired.find(['{', '[']) {
        Some(i) if i > 0 => read_values(repaired.get(i..).unwrap_or("")),
        _ => Vec::new(),
    }
}

/// Values read one after another until the first error.
fn read_values(s: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(s)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect()
}

/// Removes `<!-- -->`, `<![CDATA[ ]]>` (also behind `//`) and a trailing `;`.
fn strip_wrappers(text: &str) -> &str {
    let mut s = text.trim();
    loop {
        let before = s.len();
        for prefix in ["<!--", "//<![CDATA[", "<![CDATA["] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start();
            }
        }
        for suffix in ["-->", "//]]>", "]]>", ";"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest.trim_end();
            }
        }
        if let Some(rest) = s.strip_suffix("//") {
            s = rest.trim_end();
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Replaces raw control characters inside strings by spaces and drops commas that directly
/// precede a closing bracket.
fn repair(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in s.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            out.push(if c.is_control() { ' ' } else { c });
            continue;
        }
        match c {
            '"' => in_string = true,
            '}' | ']' => {
                let trimmed_len = out.trim_end().len();
                if out[..trimmed_len].ends_with(',') {
                    out.truncate(trimmed_len - 1);
                }
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    fn ld(json: &str) -> JsonLd {
        let html = format!(
            r#"<html><head><script type="application/ld+json">{json}</script></head><body></body></html>"#
        );
        let tree = parse_html(&html);
        read(&tree, &SourceElements::find(&tree))
    }

    /// Only HTML scripts carry JSON-LD: an SVG `<script>` of that type is not read.
    #[test]
    fn svg_scripts_are_not_json_ld() {
        let html = r#"<body><svg><script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script></svg>"#;
        let tree = parse_html(html);
        assert_eq!(read(&tree, &SourceElements::find(&tree)), JsonLd::default());
        let html = html.replace("<svg>", "").replace("</svg>", "");
        let tree = parse_html(&html);
        let ld = read(&tree, &SourceElements::find(&tree));
        assert_eq!(ld.headline.as_deref(), Some("H"));
    }

    #[test]
    fn reads_article_fields() {
        let j = ld(r#"{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"The  headline","name":"Other","description":"Desc &amp; more",
            "author":[{"@type":"Person","name":"Ann"},{"name":"Bob"},"Ann"],
            "datePublished":"2020-01-02T03:04:05Z","image":{"@type":"ImageObject","url":"/a.jpg"},
            "publisher":{"@type":"Organization","name":"Site"}}"#);
        assert_eq!(j.headline.as_deref(), Some("The headline"));
        assert_eq!(j.name.as_deref(), Some("Other"));
        assert_eq!(j.byline.as_deref(), Some("Ann, Bob"));
        assert_eq!(j.description.as_deref(), Some("Desc & more"));
        assert_eq!(j.site_name.as_deref(), Some("Site"));
        assert_eq!(j.date_published.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(j.image.as_deref(), Some("/a.jpg"));
    }

    #[test]
    fn graph_and_type_arrays() {
        let j = ld(r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"My Site"},
            {"@type":"WebPage","name":"Page name"},
            {"@type":["schema:BlogPosting"],"headline":"Post","author":"https://x.test/me"}]}"#);
        assert_eq!(j.headline.as_deref(), Some("Post"));
        assert_eq!(j.site_name.as_deref(), Some("My Site"));
        assert_eq!(j.byline, None);
    }

    #[test]
    fn organisation_name_is_not_a_title() {
        let j =
            ld(r#"[{"@type":"Organization","name":"Corp"},{"@type":"WebPage","headline":"H"}]"#);
        assert_eq!(j.headline.as_deref(), Some("H"));
        assert_eq!(j.name, None);
    }

    #[test]
    fn tolerates_broken_json() {
        assert_eq!(parse_lenient("<!-- {\"a\":1} -->").len(), 1);
        assert_eq!(parse_lenient("<![CDATA[{\"a\":1}]]>").len(), 1);
        assert_eq!(parse_lenient("{\"a\":1} garbage").len(), 1);
        assert_eq!(parse_lenient("{\"a\":\"line\nbreak\",}").len(), 1);
        assert_eq!(parse_lenient("{\"a\":[1,2,],}").len(), 1);
        assert!(parse_lenient("not json").is_empty());
        assert!(parse_lenient("").is_empty());
    }
}
