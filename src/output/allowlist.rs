//! The sanitizer's tables: which elements stay, go whole or give way to their children, and
//! which attributes each kept element may carry.
//!
//! Decisions:
//! - **SVG is dropped whole.** Inline SVG in articles is mostly icons and UI chrome; the
//!   script-capable surface of SVG (`<script>`, `<foreignObject>`, `<use href>`, SMIL
//!   `<animate>`/`<set>` rewriting attributes, `<style>`, filters loading `feImage`) is large and
//!   browser-specific, and an SVG subset would be a second sanitizer to keep right. Real figures
//!   drawn in SVG are usually also `<img src="....svg">`, which is kept (an SVG loaded through
//!   `<img>` cannot run script).
//! - **MathML is kept** (elements checked by namespace, a fixed presentational set, no `href`,
//!   no `maction`, `annotation` only as TeX/plain text), because formulas are article content.
//! - **`id` is dropped everywhere**: ids would clobber globals of the reader view's document
//!   (`window[id]`), and the in-page links that used them are dropped too.
//! - **`class` is dropped** except `language-*` tokens on `<pre>`/`<code>`, which name the code
//!   language for highlighting and Markdown fences.
//! - `header`, `footer`, `main`, `aside`, `section`, `article`, `hgroup` are kept as plain
//!   structure: the extractor has already chosen what belongs to the article.

use compact_str::CompactString;

use crate::dom::{Element, Namespace};

/// What the sanitizer does with an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagAction {
    /// Keep the element (its attributes are then filtered).
    Keep,
    /// Replace the element by its children.
    Unwrap,
    /// Remove the element and everything in it.
    Drop,
}

/// HTML elements kept as they are.
const HTML_KEEP: &[&str] = &[
    "p",
    "div",
    "span",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "small",
    "sub",
    "sup",
    "abbr",
    "cite",
    "q",
    "dfn",
    "time",
    "code",
    "kbd",
    "samp",
    "var",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "img",
    "picture",
    "source",
    "video",
    "audio",
    "track",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "col",
    "colgroup",
    "details",
    "summary",
    "ruby",
    "rt",
    "rp",
    "bdi",
    "bdo",
    "wbr",
    "address",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "hgroup",
    "iframe",
];

/// HTML elements removed with their content: script carriers, embedded documents and plugins,
/// forms and their controls, document metadata, and raw-text elements whose content is not
/// article text.
const HTML_DROP: &[&str] = &[
    "script",
    "style",
    "template",
    "object",
    "embed",
    "applet",
    "param",
    "form",
    "input",
    "button",
    "select",
    "option",
    "optgroup",
    "datalist",
    "textarea",
    "output",
    "keygen",
    "base",
    "meta",
    "link",
    "title",
    "head",
    "noscript",
    "noembed",
    "noframes",
    "frame",
    "frameset",
    "xmp",
    "plaintext",
    "canvas",
    "dialog",
    "portal",
    "slot",
    "area",
    "map",
    "fencedframe",
    // Foreign-content names in the HTML namespace only arise from DOM tampering.
    "svg",
    "math",
];

/// Obsolete or presentational HTML elements that are renamed to their modern equivalent.
const HTML_RENAME: &[(&str, &str)] = &[
    ("strike", "s"),
    ("tt", "code"),
    ("listing", "pre"),
    ("menu", "ul"),
    ("dir", "ul"),
];

/// MathML presentation elements kept (checked in the MathML namespace only).
const MATHML_KEEP: &[&str] = &[
    "math",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "mrow",
    "msup",
    "msub",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mtable",
    "mtr",
    "mtd",
    "mover",
    "munder",
    "munderover",
    "semantics",
    "annotation",
    "mspace",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "mmultiscripts",
    "mprescripts",
    "none",
    "merror",
    "mfenced",
    "mlabeledtr",
];

/// MathML elements removed whole: `maction` toggles content through script-like actions,
/// `annotation-xml` can hold HTML or SVG (an integration point the parser treats specially),
/// `mglyph`/`malignmark` have parser quirks used in mutation-XSS shapes.
const MATHML_DROP: &[&str] = &["maction", "annotation-xml", "mglyph", "malignmark"];

/// MathML token elements: the only MathML parents under which HTML content is parsed as HTML.
const MATHML_TEXT_PARENTS: &[&str] = &["mi", "mo", "mn", "ms", "mtext"];

/// `annotation` encodings kept (shown to no one, but they carry the TeX source).
const ANNOTATION_ENCODINGS: &[&str] = &["application/x-tex", "text/plain"];

/// Where an element sits, as far as the decision needs.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The element's current parent (after the parent itself was sanitized), if an element.
    pub parent: Option<Element<'a>>,
}

fn is_html(e: &Element, name: &str) -> bool {
    e.namespace == Namespace::Html && e.name.eq_ignore_ascii_case(name)
}

/// The canonical (lower-case) name of a kept HTML element, after renames. A `CompactString`:
/// names of up to 24 bytes (all of HTML's) are kept inline, with no heap block per element.
pub fn html_name(name: &str) -> CompactString {
    let mut lower = CompactString::new(name);
    lower.make_ascii_lowercase();
    HTML_RENAME
        .iter()
        .find(|(from, _)| *from == lower)
        .map_or(lower, |(_, to)| CompactString::const_new(to))
}

/// Decides what happens to `e`. Video frames are decided by the caller (they need the URL).
pub fn tag_action(e: &Element, ctx: Context<'_>) -> TagAction {
    match e.namespace {
        Namespace::Html => html_action(e, ctx),
        Namespace::MathMl => mathml_action(e, ctx),
        // Foreign content we do not keep, and anything in an unknown namespace.
        Namespace::Svg | Namespace::Other => TagAction::Drop,
    }
}

fn html_action(e: &Element, ctx: Context<'_>) -> TagAction {
    html_action_by_name(html_name_verdict(&html_name(e.name)), ctx)
}

/// What an HTML element's (canonical) name decides before its place is looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameVerdict {
    /// The same action anywhere (MathML parents aside).
    Always(TagAction),
    /// The action under one of these HTML parents, dropped anywhere else (`source`, `track`).
    Under(&'static [&'static str], TagAction),
}

/// The verdict on an HTML element named `name` (canonical, see [`html_name`]). It depends on
/// the name alone, so the sanitizer asks once per name of the tree, not once per element.
pub fn html_name_verdict(name: &str) -> NameVerdict {
    if HTML_DROP.contains(&name) {
        return NameVerdict::Always(TagAction::Drop);
    }
    let named = if HTML_KEEP.contains(&name) {
        TagAction::Keep
    } else {
        // Unknown elements (font, center, custom elements...) keep their content.
        TagAction::Unwrap
    };
    match name {
        "source" => NameVerdict::Under(&["picture", "video", "audio"], named),
        "track" => NameVerdict::Under(&["video", "audio"], named),
        _ => NameVerdict::Always(named),
    }
}

/// The action on an HTML element whose name gave `verdict`, in `ctx`.
pub fn html_action_by_name(verdict: NameVerdict, ctx: Context<'_>) -> TagAction {
    if let Some(p) = ctx.parent {
        // HTML content directly in MathML is only ever parsed under token elements; anywhere
        // else it would re-parse differently, so it goes.
        if p.namespace == Namespace::MathMl
            && !MATHML_TEXT_PARENTS
                .iter()
                .any(|t| p.name.eq_ignore_ascii_case(t))
        {
            return TagAction::Drop;
        }
    }
    match verdict {
        NameVerdict::Always(action) => action,
        NameVerdict::Under(parents, action) => {
            let under = ctx
                .parent
                .is_some_and(|p| parents.iter().any(|n| is_html(&p, n)));
            if under {
                action
            } else {
                TagAction::Drop
            }
        }
    }
}

fn mathml_action(e: &Element, ctx: Context<'_>) -> TagAction {
    let name = e.name.to_ascii_lowercase();
    if MATHML_DROP.contains(&name.as_str()) {
        return TagAction::Drop;
    }
    if !MATHML_KEEP.contains(&name.as_str()) {
        return TagAction::Unwrap;
    }
    let parent = ctx.parent.filter(|p| p.namespace == Namespace::MathMl);
    // In a token element the parser reads tags as HTML's: a `<math>` there starts a formula of
    // its own, any other MathML tag (but `mglyph` and `malignmark`, dropped) makes HTML.
    let under_token = parent.is_some_and(|p| {
        MATHML_TEXT_PARENTS
            .iter()
            .any(|t| p.name.eq_ignore_ascii_case(t))
    });
    if name == "math" {
        // A formula starts in HTML content, directly under the sanitized root, or in a token.
        return if parent.is_some() && !under_token {
            TagAction::Unwrap
        } else {
            TagAction::Keep
        };
    }
    if parent.is_none() || under_token {
        // MathML outside a `<math>`, or straight in a token element, would re-parse as
        // unknown HTML: keep only the content.
        return TagAction::Unwrap;
    }
    if name == "annotation" {
        let enc = e
            .attr("encoding")
            .map(|v| v.trim().to_ascii_lowercase())
            .unwrap_or_default();
        if !ANNOTATION_ENCODINGS.contains(&enc.as_str()) {
            return TagAction::Drop;
        }
    }
    TagAction::Keep
}

/// How a kept attribute's value is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrRule {
    /// Any text (it is escaped on output).
    Text,
    /// A boolean attribute; written with an empty value.
    Flag,
    /// A non-negative integer.
    Integer,
    /// A length: digits, optional fraction, optional `%`.
    Dimension,
    /// One of a few keywords (ASCII case-insensitive; written as found).
    Keyword(&'static [&'static str]),
    /// A language tag.
    Lang,
    /// A link target (`a[href]`).
    Link,
    /// An image address (`img[src]`, `video[poster]`).
    Image,
    /// A media or citation address (http/https only).
    Web,
    /// A `srcset` list of image candidates.
    Srcset,
    /// `class`, reduced to `language-*` tokens.
    CodeClass,
}

const DIR: &[&str] = &["ltr", "rtl", "auto"];

/// Attributes any kept element may carry.
fn global_rule(attr: &str) -> Option<AttrRule> {
    match attr {
        "lang" => Some(AttrRule::Lang),
        "dir" => Some(AttrRule::Keyword(DIR)),
        "title" => Some(AttrRule::Text),
        _ => None,
    }
}

/// The rule for `attr` on the kept HTML element `tag`, or `None` to drop it.
pub fn html_attr_rule(tag: &str, attr: &str) -> Option<AttrRule> {
    use AttrRule::*;
    let specific = match (tag, attr) {
        ("a", "href") => Some(Link),
        ("img", "src") => Some(Image),
        ("img" | "source", "srcset") => Some(Srcset),
        ("img" | "source", "sizes") => Some(Text),
        ("img", "alt") => Some(Text),
        ("img" | "source" | "video" | "iframe" | "td" | "th" | "col", "width") => Some(Dimension),
        ("img" | "source" | "video" | "iframe", "height") => Some(Dimension),
        ("source", "src") => Some(Web),
        ("source", "type") => Some(Text),
        ("source", "media") => Some(Text),
        ("video" | "audio", "src") => Some(Web),
        ("video", "poster") => Some(Image),
        ("video" | "audio", "controls" | "loop" | "muted") => Some(Flag),
        ("video", "playsinline") => Some(Flag),
        ("video" | "audio", "preload") => Some(Keyword(&["none", "metadata", "auto"])),
        ("track", "src") => Some(Web),
        ("track", "kind") => Some(Keyword(&[
            "subtitles",
            "captions",
            "descriptions",
            "chapters",
            "metadata",
        ])),
        ("track", "srclang") => Some(Lang),
        ("track", "label") => Some(Text),
        ("track", "default") => Some(Flag),
        ("td" | "th", "colspan" | "rowspan") => Some(Integer),
        ("td" | "th", "headers") => Some(Text),
        ("th", "scope") => Some(Keyword(&["row", "col", "rowgroup", "colgroup"])),
        ("th", "abbr") => Some(Text),
        ("col" | "colgroup", "span") => Some(Integer),
        ("ol", "start") => Some(Integer),
        ("ol", "reversed") => Some(Flag),
        ("ol", "type") => Some(Keyword(&["1", "a", "i"])),
        ("li", "value") => Some(Integer),
        ("time" | "del" | "ins", "datetime") => Some(Text),
        ("blockquote" | "q" | "del" | "ins", "cite") => Some(Web),
        ("details", "open") => Some(Flag),
        ("iframe", "allowfullscreen") => Some(Flag),
        ("pre" | "code", "class") => Some(CodeClass),
        _ => None,
    };
    specific.or_else(|| global_rule(attr))
}

/// The rule for `attr` on a kept MathML element: presentation attributes only (no `href`,
/// no `xlink:*`, no `style`, no `actiontype`).
pub fn mathml_attr_rule(tag: &str, attr: &str) -> Option<AttrRule> {
    use AttrRule::*;
    match (tag, attr) {
        ("math", "display") => Some(Keyword(&["block", "inline"])),
        ("annotation", "encoding") => Some(Text),
        (
            _,
            "mathvariant" | "displaystyle" | "scriptlevel" | "fence" | "separator" | "stretchy"
            | "symmetric" | "largeop" | "movablelimits" | "accent" | "accentunder"
            | "linethickness" | "lspace" | "rspace" | "width" | "height" | "depth" | "voffset"
            | "columnalign" | "rowalign" | "columnspan" | "rowspan" | "notation" | "open" | "close"
            | "separators" | "minsize" | "maxsize" | "mathsize" | "form",
        ) => Some(Text),
        (_, "dir") => Some(Keyword(DIR)),
        _ => None,
    }
}

/// Checks a value against a rule that needs no URL resolution; the cleaned value or `None`.
pub fn check_plain(rule: AttrRule, value: &str) -> Option<String> {
    match rule {
        AttrRule::Text => Some(value.to_string()),
        AttrRule::Flag => Some(String::new()),
        AttrRule::Integer => {
            let v = value.trim();
            (!v.is_empty() && v.len() <= 9 && v.chars().all(|c| c.is_ascii_digit()))
                .then(|| v.to_string())
        }
        AttrRule::Dimension => {
            let v = value.trim();
            let digits = v.strip_suffix('%').unwrap_or(v);
            let ok = !digits.is_empty()
                && digits.len() <= 12
                && digits.starts_with(|c: char| c.is_ascii_digit())
                && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
            ok.then(|| v.to_string())
        }
        AttrRule::Keyword(words) => {
            let v = value.trim();
            // `ol[type]` distinguishes case (a/A, i/I): keep the original case when it matches.
            words
                .iter()
                .any(|w| w.eq_ignore_ascii_case(v))
                .then(|| v.to_string())
        }
        AttrRule::Lang => {
            let v = value.trim();
            (v.len() <= 35 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                .then(|| v.to_string())
        }
        AttrRule::CodeClass => {
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|t| {
                    t.strip_prefix("language-").is_some_and(|lang| {
                        !lang.is_empty()
                            && lang.len() <= 40
                            && lang
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || "+#._-".contains(c))
                    })
                })
                .collect();
            (!kept.is_empty()).then(|| kept.join(" "))
        }
        AttrRule::Link | AttrRule::Image | AttrRule::Web | AttrRule::Srcset => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Attribute;

    /// A free-standing element for a decision (test-only: the few bytes are leaked to give
    /// the view the lifetime a tree would).
    fn el(name: &str, ns: Namespace, attrs: &[(&str, &str)]) -> Element<'static> {
        let attrs: Vec<Attribute> = attrs
            .iter()
            .map(|(n, v)| Attribute {
                name: (*n).into(),
                value: (*v).into(),
            })
            .collect();
        Element {
            name: name.to_string().leak(),
            namespace: ns,
            attrs: attrs.leak(),
        }
    }

    #[test]
    fn tags_are_decided_by_namespace() {
        let none = Context { parent: None };
        let html = |n: &str| el(n, Namespace::Html, &[]);
        assert_eq!(tag_action(&html("p"), none), TagAction::Keep);
        assert_eq!(tag_action(&html("script"), none), TagAction::Drop);
        assert_eq!(tag_action(&html("font"), none), TagAction::Unwrap);
        assert_eq!(tag_action(&html("my-widget"), none), TagAction::Unwrap);
        assert_eq!(tag_action(&html("SCRIPT"), none), TagAction::Drop);
        assert_eq!(
            tag_action(&el("p", Namespace::Svg, &[]), none),
            TagAction::Drop
        );
        let math = el("math", Namespace::MathMl, &[]);
        assert_eq!(tag_action(&math, none), TagAction::Keep);
        let in_math = Context { parent: Some(math) };
        assert_eq!(tag_action(&html("style"), in_math), TagAction::Drop);
        assert_eq!(tag_action(&html("b"), in_math), TagAction::Drop);
        let mi = el("mi", Namespace::MathMl, &[]);
        let in_mi = Context { parent: Some(mi) };
        assert_eq!(tag_action(&html("b"), in_mi), TagAction::Keep);
        assert_eq!(tag_action(&html("style"), in_mi), TagAction::Drop);
        assert_eq!(
            tag_action(&el("maction", Namespace::MathMl, &[]), in_math),
            TagAction::Drop
        );
        let tex = el(
            "annotation",
            Namespace::MathMl,
            &[("encoding", "application/x-tex")],
        );
        assert_eq!(tag_action(&tex, in_math), TagAction::Keep);
        let html_ann = el(
            "annotation",
            Namespace::MathMl,
            &[("encoding", "text/html")],
        );
        assert_eq!(tag_action(&html_ann, in_math), TagAction::Drop);
        // `mi` outside math is unwrapped, not kept.
        assert_eq!(
            tag_action(&el("mi", Namespace::MathMl, &[]), none),
            TagAction::Unwrap
        );
    }

    #[test]
    fn source_only_in_media() {
        let pic = el("picture", Namespace::Html, &[]);
        let div = el("div", Namespace::Html, &[]);
        let src = el("source", Namespace::Html, &[]);
        assert_eq!(
            tag_action(&src, Context { parent: Some(pic) }),
            TagAction::Keep
        );
        assert_eq!(
            tag_action(&src, Context { parent: Some(div) }),
            TagAction::Drop
        );
    }

    #[test]
    fn attribute_rules() {
        assert_eq!(html_attr_rule("a", "href"), Some(AttrRule::Link));
        assert_eq!(html_attr_rule("a", "onclick"), None);
        assert_eq!(html_attr_rule("p", "style"), None);
        assert_eq!(html_attr_rule("p", "id"), None);
        assert_eq!(html_attr_rule("p", "lang"), Some(AttrRule::Lang));
        assert_eq!(html_attr_rule("iframe", "srcdoc"), None);
        assert_eq!(mathml_attr_rule("mi", "href"), None);
        assert_eq!(
            check_plain(AttrRule::CodeClass, "hljs language-rust x").as_deref(),
            Some("language-rust")
        );
        assert_eq!(check_plain(AttrRule::CodeClass, "language-<x>"), None);
        assert_eq!(check_plain(AttrRule::Integer, "3").as_deref(), Some("3"));
        assert_eq!(check_plain(AttrRule::Integer, "3;x"), None);
        assert_eq!(
            check_plain(AttrRule::Dimension, "50%").as_deref(),
            Some("50%")
        );
        assert_eq!(check_plain(AttrRule::Dimension, "expression(1)"), None);
        assert_eq!(
            check_plain(AttrRule::Keyword(DIR), "RTL").as_deref(),
            Some("RTL")
        );
    }
}
