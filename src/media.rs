//! Images and media: lazy-loaded images given their real address, `<picture>`/srcset and
//! `<noscript>` fallbacks resolved.
//!
//! Runs before extraction on the whole document, in three passes over collected ids (so the
//! passes can remove nodes freely):
//! 1. `<noscript>` fallbacks: a noscript holding one `<img>` right after a placeholder image
//!    (or after a wrapper holding one) gives that image its real attributes and goes. Under a
//!    scripting parser (html5ever's default, and a live browser page) noscript content is raw
//!    text, so its `<img ...>` tags are read with a small attribute scanner; when the content
//!    was parsed as elements (a scripting-disabled parser) the element is used directly.
//! 2. A `<figure>` with no image but an image URL in an attribute gets an `<img>` made from
//!    it. Every `<img>`: a missing or placeholder `src` (empty, a tiny or SVG `data:` URI, a
//!    spacer/blank/placeholder file) or a `lazy` class takes the real address from the lazy
//!    attributes (`data-src`, `data-srcset`...) or from any attribute whose value looks like an
//!    image URL. `<source>` elements get `data-srcset`/`data-src` likewise.
//! 3. Images left with no usable source at all are removed.

use crate::dom::{Attribute, NodeData, NodeId, Tree};
use crate::entities::decode_entities;
use crate::patterns::Vocabulary;
use crate::text_util::ascii_lowercase;

/// Attributes lazy loaders keep the real `src` in, most specific first.
const LAZY_SRC_ATTRS: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-original-src",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-lazy",
    "data-echo",
    "data-actualsrc",
    "data-img-src",
];

/// Attributes lazy loaders keep the real `srcset` in.
const LAZY_SRCSET_ATTRS: &[&str] = &["data-srcset", "data-lazy-srcset", "data-original-set"];

/// File names that mark a stand-in image (matched in the last path segment, lower case).
static PLACEHOLDER_NAMES: Vocabulary = Vocabulary::new(&[
    "placeholder",
    "blank.",
    "spacer.",
    "pixel.",
    "transparent.",
    "empty.",
    "1x1.",
    "lazy",
    "loading.",
    "loader.",
    "grey.",
    "gray.",
]);

/// Base64 payloads shorter than this are placeholders (a 1x1 GIF is ~60 bytes); real images
/// are larger. Readability uses the same bound.
const TINY_DATA_URI: usize = 133;

/// Image file extensions recognised in attribute values.
const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"];

/// Attributes never taken as an image address even if their value looks like one.
const NOT_SOURCES: &[&str] = &[
    "src", "srcset", "alt", "title", "class", "id", "style", "width", "height", "sizes", "href",
    "loading", "decoding",
];

/// See the module documentation.
pub fn fix_lazy_images(tree: &mut Tree, scope: NodeId) {
    // One walk finds all three kinds; a kind is looked for again only after a step that may
    // have changed the tree, so the lists are what a walk at each step would find.
    let mut found = Found::collect(tree, scope);
    if !found.noscripts.is_empty() {
        for &ns in &found.noscripts {
            resolve_noscript(tree, ns);
        }
        // Resolving a noscript sets attributes and detaches the noscript, nothing else: a walk
        // now would find what the first one did, less what was inside a detached noscript.
        found.keep_attached(tree, scope);
        debug_assert!(found.same_as(&Found::collect(tree, scope)));
    }
    let mut added_image = false;
    for &fig in &found.figures {
        added_image |= give_figure_its_image(tree, fig);
    }
    if added_image {
        found = Found::collect(tree, scope);
    }
    let media = found.media;
    for &id in &media {
        if tree.is(id, "img") {
            fix_img(tree, id);
        } else {
            fix_source(tree, id);
        }
    }
    for id in media {
        if tree.is(id, "img") && tree.parent(id).is_some() && !has_usable_source(tree, id) {
            tree.detach(id);
        }
    }
}

/// The `<noscript>`, `<figure>` and `<img>`/`<source>` elements under a scope, in document order.
struct Found {
    noscripts: Vec<NodeId>,
    figures: Vec<NodeId>,
    media: Vec<NodeId>,
}

impl Found {
    fn collect(tree: &Tree, scope: NodeId) -> Found {
        let mut found = Found {
            noscripts: Vec::new(),
            figures: Vec::new(),
            media: Vec::new(),
        };
        let [noscript, figure, img, source] =
            ["noscript", "figure", "img", "source"].map(|n| tree.key_of(n));
        if noscript.is_none() && figure.is_none() && img.is_none() && source.is_none() {
            return found;
        }
        for d in tree.descendants(scope) {
            let Some(key) = tree.html_element_name_key(d) else {
                continue;
            };
            let key = Some(key);
            if key == noscript {
                found.noscripts.push(d);
            } else if key == figure {
                found.figures.push(d);
            } else if key == img || key == source {
                found.media.push(d);
            }
        }
        found
    }

    /// The same figures and media (what the walk after noscripts uses), for a debug check.
    fn same_as(&self, other: &Found) -> bool {
        self.figures == other.figures && self.media == other.media
    }

    /// Drops the figures and media no longer under `scope` (inside a detached subtree).
    fn keep_attached(&mut self, tree: &Tree, scope: NodeId) {
        let attached = |id: &NodeId| tree.ancestors(*id).any(|a| a == scope);
        self.figures.retain(attached);
        self.media.retain(attached);
    }
}

// ----- placeholders and candidates -----

/// True when `src` is no real image: empty, `about:blank`, a tiny or SVG `data:` URI, or a
/// file named like a placeholder.
fn is_placeholder_src(src: &str) -> bool {
    let s = src.trim();
    if s.is_empty() || s == "#" || s.eq_ignore_ascii_case("about:blank") {
        return true;
    }
    if is_data_uri(s) {
        return is_placeholder_data_uri(s);
    }
    // Only the last path segment is read, so only it is lower-cased (the cut points are ASCII).
    let path = s.split(['?', '#']).next().unwrap_or("");
    let file = path.rsplit('/').next().unwrap_or("");
    PLACEHOLDER_NAMES.found_in(&ascii_lowercase(file))
}

fn is_data_uri(s: &str) -> bool {
    s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:"))
}

/// A `data:` URI that cannot be the real image: SVG (aspect-ratio boxes) or tiny payloads.
fn is_placeholder_data_uri(s: &str) -> bool {
    let head = s.get(..s.len().min(64)).unwrap_or("").to_ascii_lowercase();
    if head.contains("image/svg") || !head.starts_with("data:image/") {
        return true;
    }
    let payload = s.split_once(',').map_or("", |(_, p)| p);
    payload.len() < TINY_DATA_URI
}

/// `src` is missing or a `data:` placeholder: the image shows nothing.
fn src_is_empty_or_data_placeholder(src: Option<&str>) -> bool {
    src.map(str::trim)
        .is_none_or(|s| s.is_empty() || (is_data_uri(s) && is_placeholder_data_uri(s)))
}

/// True when `v` is one URL (no spaces) whose path ends in an image extension.
fn looks_like_image_url(v: &str) -> bool {
    let v = v.trim();
    if v.len() < 5 || v.contains(char::is_whitespace) || is_data_uri(v) {
        return false;
    }
    let lower = ascii_lowercase(v);
    let path = lower.split(['?', '#']).next().unwrap_or("");
    IMAGE_EXTENSIONS.iter().any(|e| path.ends_with(e))
}

/// True when `v` reads as a srcset: an image URL followed by a width or density descriptor.
fn looks_like_srcset(v: &str) -> bool {
    let lower = ascii_lowercase(v);
    IMAGE_EXTENSIONS.iter().any(|ext| {
        lower.match_indices(ext).any(|(i, _)| {
            let rest = &lower[i + ext.len()..];
            let rest = rest.split_once(char::is_whitespace).map(|(q, r)| {
                // Allow a query string between the extension and the descriptor.
                if q.is_empty() || q.starts_with('?') {
                    r
                } else {
                    ""
                }
            });
            rest.is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        })
    })
}

fn attr_value<'a>(tree: &'a Tree, id: NodeId, name: &str) -> Option<&'a str> {
    tree.attr(id, name).map(str::trim).filter(|v| !v.is_empty())
}

/// The largest candidate of a srcset (by `w` or `x` descriptor), as a plain `src`.
fn best_from_srcset(srcset: &str) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for part in srcset.split(", ").flat_map(|p| p.split(",\t")) {
        let mut words = part.split_whitespace();
        let Some(url) = words.next() else { continue };
        let size = words
            .next()
            .and_then(|d| d.get(..d.len().saturating_sub(1)))
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or(1.0);
        if best.is_none_or(|(s, _)| size > s) {
            best = Some((size, url));
        }
    }
    best.map(|(_, u)| u.trim_end_matches(',').to_string())
}

// ----- images -----

fn fix_img(tree: &mut Tree, img: NodeId) {
    let src = attr_value(tree, img, "src").map(str::to_string);
    let src_bad = src.as_deref().is_none_or(is_placeholder_src);
    let lazy_class = tree
        .attr(img, "class")
        .is_some_and(|c| ascii_lowercase(c).contains("lazy"));

    // srcset: from data-srcset when missing or a placeholder.
    let srcset_missing = attr_value(tree, img, "srcset").is_none_or(is_placeholder_src);
    if srcset_missing || lazy_class {
        if let Some(v) = first_attr(tree, img, LAZY_SRCSET_ATTRS) {
            tree.set_attr(img, "srcset", &v);
        } else if srcset_missing && tree.has_attr(img, "srcset") {
            tree.remove_attr(img, "srcset");
        }
    }

    if src_bad || lazy_class {
        let named = first_attr(tree, img, LAZY_SRC_ATTRS);
        let candidate = named.or_else(|| image_like_attr(tree, img));
        if let Some(v) = candidate {
            let is_srcset = looks_like_srcset(&v) && !looks_like_image_url(&v);
            if is_srcset && attr_value(tree, img, "srcset").is_none() {
                tree.set_attr(img, "srcset", &v);
            } else if !is_srcset && !v.contains(char::is_whitespace) {
                tree.set_attr(img, "src", &v);
            }
        }
    }

    // A placeholder src next to a real srcset: take the srcset's largest candidate, so
    // renderers that read only `src` (Markdown) get the image.
    let src_now = attr_value(tree, img, "src").map(str::to_string);
    if src_is_empty_or_data_placeholder(src_now.as_deref()) {
        match attr_value(tree, img, "srcset").and_then(best_from_srcset) {
            Some(best) => tree.set_attr(img, "src", &best),
            None if src_now.is_some() => tree.remove_attr(img, "src"),
            None => {}
        }
    }
}

/// The value of the first of `names` that `id` has (non-empty, no placeholder).
fn first_attr(tree: &Tree, id: NodeId, names: &[&str]) -> Option<String> {
    names
        .iter()
        .filter_map(|n| attr_value(tree, id, n))
        .find(|v| !is_placeholder_src(v))
        .map(str::to_string)
}

/// Any other attribute whose value is an image URL or srcset (sites invent their own names).
fn image_like_attr(tree: &Tree, id: NodeId) -> Option<String> {
    let e = tree.element(id)?;
    let usable = |a: &&Attribute| {
        let n = &*a.name;
        !NOT_SOURCES.contains(&n) && !n.starts_with("on") && !is_placeholder_src(&a.value)
    };
    e.attrs
        .iter()
        .filter(usable)
        .find(|a| looks_like_image_url(&a.value))
        .or_else(|| {
            e.attrs
                .iter()
                .filter(usable)
                .find(|a| looks_like_srcset(&a.value))
        })
        .map(|a| a.value.trim().to_string())
}

fn fix_source(tree: &mut Tree, source: NodeId) {
    if attr_value(tree, source, "srcset").is_none_or(is_placeholder_src) {
        if let Some(v) = first_attr(tree, source, LAZY_SRCSET_ATTRS) {
            tree.set_attr(source, "srcset", &v);
        }
    }
    if attr_value(tree, source, "src").is_none() && attr_value(tree, source, "srcset").is_none() {
        if let Some(v) = first_attr(tree, source, LAZY_SRC_ATTRS) {
            tree.set_attr(source, "src", &v);
        }
    }
}

/// An image shows something: a real `src`, a `srcset`, or a `<picture>` source with one.
fn has_usable_source(tree: &Tree, img: NodeId) -> bool {
    if !src_is_empty_or_data_placeholder(tree.attr(img, "src")) {
        return true;
    }
    if attr_value(tree, img, "srcset").is_some() {
        return true;
    }
    tree.parent(img).is_some_and(|p| {
        tree.is(p, "picture")
            && tree
                .element_children(p)
                .any(|s| tree.is(s, "source") && attr_value(tree, s, "srcset").is_some())
    })
}

/// True when an image still waits for its real address.
fn is_lazy_placeholder(tree: &Tree, img: NodeId) -> bool {
    let src_bad = attr_value(tree, img, "src").is_none_or(is_placeholder_src);
    let lazy_class = tree
        .attr(img, "class")
        .is_some_and(|c| ascii_lowercase(c).contains("lazy"));
    let lazy_attr = LAZY_SRC_ATTRS
        .iter()
        .chain(LAZY_SRCSET_ATTRS)
        .any(|n| tree.has_attr(img, n));
    src_bad || lazy_class || lazy_attr
}

/// A `<figure>` with no image inside but an image URL in one of its attributes (loaders that
/// build the `<img>` from script, e.g. `itemid` or `data-src` on the figure) gets that image
/// as its first child.
/// Returns whether it added an image.
fn give_figure_its_image(tree: &mut Tree, fig: NodeId) -> bool {
    let has_image = tree
        .descendants(fig)
        .any(|d| tree.is(d, "img") || tree.is(d, "picture"));
    if has_image {
        return false;
    }
    let Some(value) = image_like_attr(tree, fig) else {
        return false;
    };
    let img = tree.new_html_element("img");
    if looks_like_image_url(&value) {
        tree.set_attr(img, "src", &value);
    } else {
        tree.set_attr(img, "srcset", &value);
    }
    match tree.first_child(fig) {
        Some(first) => tree.insert_before(first, img),
        None => tree.append(fig, img),
    }
    true
}

// ----- noscript fallbacks -----

/// Gives the placeholder image before `ns` the attributes of the one image inside it.
fn resolve_noscript(tree: &mut Tree, ns: NodeId) {
    let Some(fallback) = noscript_image(tree, ns) else {
        return;
    };
    let real_src = fallback
        .iter()
        .find(|a| &*a.name == "src")
        .is_some_and(|a| !is_placeholder_src(&a.value));
    let real_srcset = fallback.iter().any(|a| &*a.name == "srcset");
    if !real_src && !real_srcset {
        return;
    }
    // Tracking pixels (`width=1 height=1`) are not the article's image.
    let tiny = |n: &str| {
        fallback
            .iter()
            .any(|a| &*a.name == n && matches!(a.value.trim(), "0" | "1" | "1px" | "0px"))
    };
    if tiny("width") || tiny("height") {
        return;
    }
    let Some(target) = placeholder_before(tree, ns) else {
        return;
    };
    if !is_lazy_placeholder(tree, target) {
        return;
    }
    for a in &fallback {
        let name = &*a.name;
        let replace = matches!(name, "src" | "srcset" | "sizes");
        let fill = matches!(name, "alt" | "title" | "width" | "height");
        if replace || (fill && !tree.has_attr(target, name)) {
            tree.set_attr(target, name, &a.value);
        }
    }
    tree.detach(ns);
}

/// The attributes of the single `<img>` a noscript holds, whether its content is raw text
/// (scripting parser) or elements (scripting disabled).
fn noscript_image(tree: &Tree, ns: NodeId) -> Option<Vec<Attribute>> {
    let mut imgs = tree.find_all(ns, "img");
    if let Some(img) = imgs.next() {
        if imgs.next().is_some() {
            return None;
        }
        return tree.element(img).map(|e| e.attrs.to_vec());
    }
    let mut text = String::new();
    for c in tree.children(ns) {
        if let NodeData::Text(t) = tree.data(c) {
            text.push_str(t);
        }
    }
    let mut tags = scan_img_tags(&text);
    if tags.len() == 1 {
        tags.pop()
    } else {
        None
    }
}

/// The image a noscript stands in for: the previous element sibling if it is an `<img>`, or
/// the only `<img>` inside it when it is a small wrapper (no text of its own).
fn placeholder_before(tree: &Tree, ns: NodeId) -> Option<NodeId> {
    let mut prev = tree.prev_sibling(ns);
    while let Some(p) = prev {
        match tree.data(p) {
            NodeData::Text(t) if crate::text_util::is_blank(t) => prev = tree.prev_sibling(p),
            NodeData::Element(_) => break,
            _ => return None,
        }
    }
    let p = prev?;
    if tree.is(p, "img") {
        return Some(p);
    }
    let mut imgs = tree.find_all(p, "img");
    let img = imgs.next()?;
    if imgs.next().is_some() || !tree.text_content(p).trim().is_empty() {
        return None;
    }
    Some(img)
}

/// Reads the attributes of every `<img ...>` tag in an HTML fragment (noscript content as
/// text). Not an HTML parser: just tags, attribute names, quoted or bare values, and the
/// common character references. Names are lower-cased; the first of duplicates wins.
fn scan_img_tags(html: &str) -> Vec<Vec<Attribute>> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let is_tag = bytes[i] == b'<'
            && bytes[i + 1..i + 4].eq_ignore_ascii_case(b"img")
            && bytes
                .get(i + 4)
                .is_none_or(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>');
        if !is_tag {
            i += 1;
            continue;
        }
        i += 4;
        let mut attrs: Vec<Attribute> = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let name = html[start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let quote = bytes[i];
                    let v_start = i + 1;
                    let v_end = bytes[v_start..]
                        .iter()
                        .position(|&b| b == quote)
                        .map_or(bytes.len(), |p| v_start + p);
                    value = decode_entities(&html[v_start..v_end]);
                    i = (v_end + 1).min(bytes.len());
                } else {
                    let v_start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&html[v_start..i]);
                }
            }
            if !name.is_empty() && !attrs.iter().any(|a| *a.name == *name) {
                attrs.push(Attribute {
                    name: name.into(),
                    value: value.into(),
                });
            }
        }
        tags.push(attrs);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised() {
        assert!(is_placeholder_src(""));
        assert!(is_placeholder_src(
            "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
        ));
        assert!(is_placeholder_src(
            "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 3 2'%3E%3C/svg%3E"
        ));
        assert!(is_placeholder_src("/static/img/blank.gif"));
        assert!(is_placeholder_src("https://x.com/lazy-placeholder.png?v=2"));
        assert!(!is_placeholder_src("https://x.com/photos/cat.jpg"));
        let big = format!("data:image/png;base64,{}", "A".repeat(400));
        assert!(!is_placeholder_src(&big));
    }

    #[test]
    fn image_url_shapes() {
        assert!(looks_like_image_url("https://cdn.x.com/a/b.JPG?w=300"));
        assert!(looks_like_image_url("/img/a.webp"));
        assert!(!looks_like_image_url("https://x.com/page.html"));
        assert!(!looks_like_image_url("a.jpg 1x, b.jpg 2x"));
        assert!(looks_like_srcset("a.jpg 1x, b.jpg 2x"));
        assert!(looks_like_srcset("/a.png?x=1 300w"));
        assert!(!looks_like_srcset("a.jpg"));
    }

    #[test]
    fn scanner_reads_img_tags() {
        let tags = scan_img_tags(
            "\n<IMG SRC=\"/a.jpg?x=1&amp;y=2\" alt='A &quot;cat&quot;' width=300 data-x class=c />\
             <p>x</p><imgx src=no><img src=b.png>",
        );
        assert_eq!(tags.len(), 2);
        let get =
            |t: &[Attribute], n: &str| t.iter().find(|a| &*a.name == n).map(|a| a.value.clone());
        assert_eq!(get(&tags[0], "src").as_deref(), Some("/a.jpg?x=1&y=2"));
        assert_eq!(get(&tags[0], "alt").as_deref(), Some("A \"cat\""));
        assert_eq!(get(&tags[0], "width").as_deref(), Some("300"));
        assert_eq!(get(&tags[0], "data-x").as_deref(), Some(""));
        assert_eq!(get(&tags[0], "class").as_deref(), Some("c"));
        assert_eq!(get(&tags[1], "src").as_deref(), Some("b.png"));
        // Broken input ends without panicking.
        for s in [
            "<img",
            "<img src=\"",
            "<img src=",
            "<img a='x",
            "&#xZZ;<img é=ü>",
        ] {
            let _ = scan_img_tags(s);
        }
        assert_eq!(
            decode_entities("a &amp b &#233; &#x1F600; &bogus;"),
            "a &amp b é 😀 &bogus;"
        );
        // Regression (fuzz, extract target): a reference with a multi-byte character around
        // its 12th byte panicked on a `str` slice.
        assert_eq!(decode_entities("&gto®®®®®®ar;"), "&gto®®®®®®ar;");
        assert_eq!(decode_entities("&gt;o®®®®®®ar sile"), ">o®®®®®®ar sile");
        let tags = scan_img_tags("<img alt=\"&o®®®®®®ar;\" src=x.jpg>");
        assert_eq!(tags.len(), 1);
    }

    #[test]
    fn best_candidate_of_srcset() {
        assert_eq!(
            best_from_srcset("a.jpg 300w, b.jpg 1200w, c.jpg 600w").as_deref(),
            Some("b.jpg")
        );
        assert_eq!(best_from_srcset("a.jpg").as_deref(), Some("a.jpg"));
    }
}

#[cfg(all(test, feature = "native"))]
mod page_tests {
    use super::*;
    use crate::dom::html::parse_html;
    use crate::dom::serialize::inner_html;

    fn fixed(html: &str) -> String {
        let mut t = parse_html(html);
        let root = t.root();
        fix_lazy_images(&mut t, root);
        t.validate().unwrap();
        inner_html(&t, t.body().unwrap())
    }

    const GIF: &str = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";

    #[test]
    fn data_src_is_promoted() {
        assert_eq!(
            fixed(&format!("<img src=\"{GIF}\" data-src=\"/real.jpg\" alt=a>")),
            "<img src=\"/real.jpg\" data-src=\"/real.jpg\" alt=\"a\">"
        );
        assert_eq!(
            fixed("<img data-lazy-src=\"r.png\">"),
            "<img data-lazy-src=\"r.png\" src=\"r.png\">"
        );
    }

    #[test]
    fn lazy_class_prefers_the_real_image() {
        assert_eq!(
            fixed("<img class=\"lazyload\" src=\"thumb-blur.jpg\" data-original=\"full.jpg\">"),
            "<img class=\"lazyload\" src=\"full.jpg\" data-original=\"full.jpg\">"
        );
    }

    #[test]
    fn srcset_from_data_srcset_and_src_from_srcset() {
        assert_eq!(
            fixed("<img data-srcset=\"s.jpg 400w, l.jpg 1200w\">"),
            "<img data-srcset=\"s.jpg 400w, l.jpg 1200w\" srcset=\"s.jpg 400w, l.jpg 1200w\" \
             src=\"l.jpg\">"
        );
        assert_eq!(
            fixed("<picture><source data-srcset=\"a.webp\" type=image/webp><img data-src=\"a.jpg\"></picture>"),
            "<picture><source data-srcset=\"a.webp\" type=\"image/webp\" srcset=\"a.webp\">\
             <img data-src=\"a.jpg\" src=\"a.jpg\"></picture>"
        );
    }

    #[test]
    fn unknown_attribute_with_image_url() {
        assert_eq!(
            fixed("<figure><img data-lazyload-url=\"https://c.com/p/x.jpeg?w=1\"></figure>"),
            "<figure><img data-lazyload-url=\"https://c.com/p/x.jpeg?w=1\" \
             src=\"https://c.com/p/x.jpeg?w=1\"></figure>"
        );
    }

    #[test]
    fn noscript_fallback_replaces_placeholder() {
        assert_eq!(
            fixed(&format!(
                "<p><img src=\"{GIF}\" class=lazy><noscript><img src=\"/real.jpg\" alt=\"Real\" \
                 width=640></noscript></p>"
            )),
            "<p><img src=\"/real.jpg\" class=\"lazy\" alt=\"Real\" width=\"640\"></p>"
        );
        // The placeholder inside a wrapper.
        assert_eq!(
            fixed("<div><span class=ph><img data-x=1></span><noscript><img src=\"r.jpg\"></noscript></div>"),
            "<div><span class=\"ph\"><img data-x=\"1\" src=\"r.jpg\"></span></div>"
        );
    }

    #[test]
    fn noscript_as_elements_also_works() {
        let mut t = parse_html("<p><img class=lazy src=x.gif></p>");
        let p = t.find_first(t.root(), "p").unwrap();
        let ns = t.new_html_element("noscript");
        let img = t.new_html_element("img");
        t.set_attr(img, "src", "real.png");
        t.append(ns, img);
        t.append(p, ns);
        let root = t.root();
        fix_lazy_images(&mut t, root);
        assert_eq!(inner_html(&t, p), "<img class=\"lazy\" src=\"real.png\">");
    }

    #[test]
    fn figure_without_img_gets_one() {
        assert_eq!(
            fixed(
                "<figure itemid=\"https://c.com/a.jpg?q=90\"><figcaption>Cap</figcaption></figure>"
            ),
            "<figure itemid=\"https://c.com/a.jpg?q=90\"><img src=\"https://c.com/a.jpg?q=90\">\
             <figcaption>Cap</figcaption></figure>"
        );
        assert_eq!(
            fixed("<figure data-x=\"page.html\"><figcaption>Cap</figcaption></figure>"),
            "<figure data-x=\"page.html\"><figcaption>Cap</figcaption></figure>"
        );
    }

    #[test]
    fn unrelated_noscripts_and_pixels_stay() {
        let out = fixed(
            "<img src=\"/photo.jpg\"><noscript><img height=1 width=1 src=\"https://t.example/px\"></noscript>",
        );
        assert!(out.starts_with("<img src=\"/photo.jpg\"><noscript>"));
    }

    #[test]
    fn real_images_stay_and_empty_ones_go() {
        assert_eq!(
            fixed(&format!(
                "<img src=\"/a.jpg\" alt=x><img><img src=\"{GIF}\"><img src=\"\" alt=y>\
                 <picture><source srcset=\"p.webp\"><img></picture>"
            )),
            "<img src=\"/a.jpg\" alt=\"x\"><picture><source srcset=\"p.webp\"><img></picture>"
        );
    }
}
