//! The safety oracle for sanitized HTML, shared by `tests/hostile.rs` and the fuzz targets
//! (`fuzz/fuzz_targets/*.rs` include this file by path).
//!
//! It judges HTML the way the reader view will see it: the string is parsed again by an HTML5
//! parser and the resulting tree is walked. It is written independently of `src/output/`, from
//! the rules of the HTML and URL standards, so that a mistake in the sanitizer's tables is not
//! repeated here.

#![allow(dead_code)]

use folio::dom::html::parse_html;
use folio::dom::{Namespace, NodeId, Tree};

/// HTML elements that must never come out of the sanitizer.
const FORBIDDEN_HTML: &[&str] = &[
    "script",
    "style",
    "object",
    "embed",
    "applet",
    "param",
    "base",
    "meta",
    "link",
    "title",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "option",
    "optgroup",
    "datalist",
    "keygen",
    "output",
    "isindex",
    "frame",
    "frameset",
    "noframes",
    "template",
    "noscript",
    "noembed",
    "xmp",
    "plaintext",
    "listing",
    "canvas",
    "dialog",
    "portal",
    "fencedframe",
    "slot",
    "area",
    "map",
    "svg",
    "math",
    "image",
];

/// MathML elements that must never come out: script-like actions, HTML/SVG integration points
/// and the elements with parser quirks used in mutation-XSS shapes.
const FORBIDDEN_MATHML: &[&str] = &[
    "maction",
    "annotation-xml",
    "mglyph",
    "malignmark",
    "script",
    "style",
    "semantics-xml",
];

/// Attributes no element may carry.
const FORBIDDEN_ATTRS: &[&str] = &[
    "style",
    "srcdoc",
    "formaction",
    "action",
    "background",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "data",
    "codebase",
    "classid",
    "xmlns",
    "is",
    "slot",
    "popover",
    "autofocus",
    "contenteditable",
];

/// Hosts a kept `<iframe>` may point at (video players), with the path prefix of the player.
const VIDEO_HOSTS: &[(&str, &str)] = &[
    ("www.youtube.com", "/embed/"),
    ("youtube.com", "/embed/"),
    ("m.youtube.com", "/embed/"),
    ("www.youtube-nocookie.com", "/embed/"),
    ("youtube-nocookie.com", "/embed/"),
    ("player.vimeo.com", "/video/"),
    ("www.dailymotion.com", "/embed/"),
    ("dailymotion.com", "/embed/"),
    ("geo.dailymotion.com", "/player"),
    ("player.twitch.tv", "/"),
    ("clips.twitch.tv", "/embed"),
    ("embed.ted.com", "/talks/"),
    ("player.bilibili.com", "/player.html"),
    ("www.loom.com", "/embed/"),
    ("streamable.com", "/e/"),
    ("fast.wistia.net", "/embed/"),
];

/// The only sandbox tokens a kept frame may have.
const SANDBOX_TOKENS: &[&str] = &["allow-scripts", "allow-same-origin", "allow-presentation"];

/// Raster types allowed in `data:image/...` sources.
const DATA_IMAGE: &[&str] = &["png", "jpeg", "jpg", "gif", "webp", "avif"];

/// Which schemes a URL attribute may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UrlUse {
    /// `a[href]`: http, https, mailto.
    Link,
    /// `img[src]`, `srcset`, `video[poster]`: http, https, raster `data:image/...`.
    Image,
    /// Media sources and citations: http, https.
    Web,
    /// `iframe[src]`: https to a known video player.
    Frame,
}

/// How the HTML is parsed again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// As the body of a standards-mode document (an extension page with `<!doctype html>`).
    Standards,
    /// As the body of a quirks-mode document (no doctype).
    Quirks,
}

/// Parses `html` as the content of a `<body>` in the given mode.
pub fn reparse(html: &str, mode: Mode) -> Tree {
    let prefix = match mode {
        Mode::Standards => "<!DOCTYPE html><html><head></head><body>",
        Mode::Quirks => "<html><head></head><body>",
    };
    parse_html(&format!("{prefix}{html}"))
}

/// The inner HTML of the body of a tree made by [`reparse`].
pub fn body_html(tree: &Tree) -> String {
    match tree.body() {
        Some(b) => folio::dom::serialize::inner_html(tree, b),
        None => String::new(),
    }
}

/// Every rule `html` breaks once parsed again (both modes); empty when it is inert.
/// `need_absolute`: URLs must carry a scheme (true whenever the sanitizer had a page address).
pub fn violations(html: &str, need_absolute: bool) -> Vec<String> {
    let mut out = Vec::new();
    for mode in [Mode::Standards, Mode::Quirks] {
        let tree = reparse(html, mode);
        check_tree(&tree, need_absolute, &mut out);
        if !out.is_empty() {
            out.insert(0, format!("(parsed in {mode:?} mode)"));
            break;
        }
    }
    out
}

/// Checks a parsed document: only the parser's own `html`/`head`/`body` may sit outside the
/// body, they carry no attributes, and everything inside the body passes [`check_element`].
pub fn check_tree(tree: &Tree, need_absolute: bool, out: &mut Vec<String>) {
    let body = tree.body();
    for id in tree.descendants(tree.root()) {
        let Some(e) = tree.element(id) else { continue };
        let structural = e.namespace == Namespace::Html && matches!(e.name, "html" | "head");
        if structural || Some(id) == body {
            if !e.attrs.is_empty() {
                out.push(format!(
                    "<{}> got attributes {:?}",
                    e.name,
                    attr_names(tree, id)
                ));
            }
            continue;
        }
        if !body.is_some_and(|b| tree.contains(b, id)) {
            out.push(format!("<{}> outside the body", e.name));
            continue;
        }
        check_element(tree, id, need_absolute, out);
    }
}

fn attr_names(tree: &Tree, id: NodeId) -> Vec<String> {
    tree.element(id)
        .map(|e| e.attrs.iter().map(|a| a.name.to_string()).collect())
        .unwrap_or_default()
}

fn check_element(tree: &Tree, id: NodeId, need_absolute: bool, out: &mut Vec<String>) {
    let Some(e) = tree.element(id) else { return };
    let name = e.name.to_ascii_lowercase();
    match e.namespace {
        Namespace::Html => {
            if FORBIDDEN_HTML.contains(&name.as_str()) {
                out.push(format!("forbidden element <{name}>"));
                return;
            }
        }
        Namespace::MathMl => {
            if FORBIDDEN_MATHML.contains(&name.as_str()) {
                out.push(format!("forbidden MathML element <{name}>"));
                return;
            }
            if name == "annotation" {
                // An annotation holds text only.
                if tree.element_children(id).next().is_some() {
                    out.push("<annotation> with element children".into());
                }
            }
        }
        Namespace::Svg => {
            out.push(format!("SVG element <{}>", e.name));
            return;
        }
        Namespace::Other => {
            out.push(format!("element <{}> in an unknown namespace", e.name));
            return;
        }
    }
    let is_html = e.namespace == Namespace::Html;
    for a in e.attrs {
        let an = a.name.to_ascii_lowercase();
        let bad = |why: &str| format!("<{name} {an}={:?}>: {why}", a.value);
        if an.starts_with("on") {
            out.push(bad("event handler"));
            continue;
        }
        if FORBIDDEN_ATTRS.contains(&an.as_str()) || an.contains(':') {
            out.push(bad("forbidden attribute"));
            continue;
        }
        if !is_html {
            if matches!(
                an.as_str(),
                "href" | "src" | "actiontype" | "mathbackground"
            ) {
                out.push(bad("URL or action on MathML"));
            }
            continue;
        }
        let url_use = match (name.as_str(), an.as_str()) {
            ("a", "href") => Some(UrlUse::Link),
            (_, "href") => {
                out.push(bad("href on an element other than <a>"));
                continue;
            }
            ("img", "src") => Some(UrlUse::Image),
            ("iframe", "src") => Some(UrlUse::Frame),
            (_, "src") => Some(UrlUse::Web),
            ("video", "poster") => Some(UrlUse::Image),
            (_, "poster") => {
                out.push(bad("poster on an element other than <video>"));
                continue;
            }
            (_, "cite") => Some(UrlUse::Web),
            (_, "srcset") => {
                for cand in srcset_urls(&a.value) {
                    if let Err(why) = check_url(&cand, UrlUse::Image, need_absolute) {
                        out.push(bad(&format!("srcset candidate {cand:?}: {why}")));
                    }
                }
                None
            }
            _ => None,
        };
        if let Some(u) = url_use {
            if let Err(why) = check_url(&a.value, u, need_absolute) {
                out.push(bad(&why));
            }
        }
    }
    if name == "iframe" && is_html {
        check_frame(tree, id, out);
    }
}

/// A kept frame: a known video player, sandboxed with no more than the player needs, no content.
fn check_frame(tree: &Tree, id: NodeId, out: &mut Vec<String>) {
    let Some(e) = tree.element(id) else { return };
    match e.attr("sandbox") {
        None => out.push("<iframe> without sandbox".into()),
        Some(s) => {
            for tok in s.split_ascii_whitespace() {
                if !SANDBOX_TOKENS.contains(&tok.to_ascii_lowercase().as_str()) {
                    out.push(format!("<iframe sandbox> allows {tok}"));
                }
            }
        }
    }
    if e.attr("src").is_none() {
        out.push("<iframe> without src".into());
    }
    if tree.first_child(id).is_some() {
        out.push("<iframe> with content".into());
    }
}

/// The value as a browser reads it for its scheme: every ASCII whitespace and C0 control or
/// space removed (browsers trim them at the ends and drop tabs/newlines anywhere).
fn squeeze(v: &str) -> String {
    v.chars().filter(|&c| c > ' ' && c != '\u{7f}').collect()
}

/// The scheme of a URL string per the URL standard's scheme state: ASCII alpha, then ASCII
/// alphanumerics or `+ - .`, then `:`. Anything else first means "no scheme" (relative).
fn scheme(s: &str) -> Option<String> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    for (i, c) in chars {
        if c == ':' {
            return Some(s[..i].to_ascii_lowercase());
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return None;
        }
    }
    None
}

fn check_url(value: &str, u: UrlUse, need_absolute: bool) -> Result<(), String> {
    let s = squeeze(value);
    let Some(sch) = scheme(&s) else {
        if s.starts_with("//") {
            return Ok(()); // scheme-relative: takes the view's https/extension scheme
        }
        return if need_absolute {
            Err("relative URL although a page address was given".into())
        } else {
            Ok(())
        };
    };
    let ok = match u {
        UrlUse::Link => matches!(sch.as_str(), "http" | "https" | "mailto"),
        UrlUse::Web => matches!(sch.as_str(), "http" | "https"),
        UrlUse::Image => {
            matches!(sch.as_str(), "http" | "https") || (sch == "data" && is_raster_data(&s))
        }
        UrlUse::Frame => sch == "https" && is_video_player(&s),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("scheme {sch:?} not allowed for {u:?}"))
    }
}

fn is_raster_data(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("data:image/") else {
        return false;
    };
    DATA_IMAGE.iter().any(|t| {
        rest.strip_prefix(t)
            .is_some_and(|r| r.starts_with(';') || r.starts_with(','))
    })
}

fn is_video_player(s: &str) -> bool {
    let Ok(url) = url::Url::parse(s) else {
        return false;
    };
    let Some(host) = url.host_str() else {
        return false;
    };
    url.username().is_empty()
        && url.password().is_none()
        && url.port().is_none()
        && VIDEO_HOSTS
            .iter()
            .any(|(h, p)| host.eq_ignore_ascii_case(h) && url.path().starts_with(p))
}

/// The URLs of a `srcset`, split as the HTML standard's srcset parser does: skip whitespace and
/// commas, the URL runs to the next whitespace, trailing commas end it; otherwise a descriptor
/// follows up to a comma outside parentheses.
pub fn srcset_urls(v: &str) -> Vec<String> {
    let b: Vec<char> = v.chars().collect();
    let ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r');
    let mut i = 0;
    let mut out = Vec::new();
    loop {
        while i < b.len() && (ws(b[i]) || b[i] == ',') {
            i += 1;
        }
        if i >= b.len() {
            return out;
        }
        let start = i;
        while i < b.len() && !ws(b[i]) {
            i += 1;
        }
        let mut end = i;
        let mut comma_end = false;
        while end > start && b[end - 1] == ',' {
            end -= 1;
            comma_end = true;
        }
        out.push(b[start..end].iter().collect());
        if !comma_end {
            let mut depth = 0i32;
            while i < b.len() {
                match b[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    ',' if depth <= 0 => break,
                    _ => {}
                }
                i += 1;
            }
        }
    }
}

/// True when parsing `html` and writing it out again gives `html` back (standards mode): the
/// markup means what it says, with nothing for a later parse to rearrange.
pub fn round_trip(html: &str) -> Result<(), String> {
    let again = body_html(&reparse(html, Mode::Standards));
    if again == html {
        Ok(())
    } else {
        Err(first_difference(html, &again))
    }
}

/// A short description of where two strings first differ.
pub fn first_difference(a: &str, b: &str) -> String {
    let at = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i)
        .unwrap_or_else(|| a.len().min(b.len()));
    let from = a[..at].char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let a_tail: String = a[from..].chars().take(160).collect();
    let b_tail: String = b.get(from..).unwrap_or("").chars().take(160).collect();
    format!("differs at byte {at}:\n  was   {a_tail:?}\n  again {b_tail:?}")
}

/// Problems with a field the view inserts as text: NUL or other control characters, runs of
/// whitespace, leading or trailing whitespace.
pub fn text_field_problems(name: &str, v: &str) -> Vec<String> {
    let mut out = Vec::new();
    if v.contains('\0') {
        out.push(format!("{name} contains NUL: {v:?}"));
    }
    if v.chars().any(|c| c.is_control()) {
        out.push(format!("{name} contains a control character: {v:?}"));
    }
    if v.trim() != v {
        out.push(format!("{name} is not trimmed: {v:?}"));
    }
    if v.contains("  ") || v.chars().any(|c| c.is_whitespace() && c != ' ') {
        out.push(format!("{name} is not whitespace-collapsed: {v:?}"));
    }
    out
}
