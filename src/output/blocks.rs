//! How elements flow in text renderings (inline, own line, own paragraph, not shown), and
//! which tables hold data (rows on lines) versus layout (cells as blocks).

use std::collections::HashSet;

use crate::dom::{Namespace, NodeId, Tree};

/// How an element separates its content from its neighbours when rendered as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Runs along with the surrounding text.
    Inline,
    /// Starts and ends a line.
    Line,
    /// Starts and ends a paragraph (a blank line around it).
    Paragraph,
    /// Not rendered at all (scripts, styles, frames, TeX annotations...).
    Skip,
}

const PARAGRAPH: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "figcaption",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "address",
    "details",
    "hgroup",
    "center",
    "form",
    "fieldset",
    "listing",
    "menu",
    "dir",
    "video",
    "audio",
    "body",
    "html",
];

const LINE: &[&str] = &[
    "li", "dt", "dd", "tr", "caption", "summary", "legend", "option",
];

const SKIP: &[&str] = &[
    "script",
    "style",
    "template",
    "noscript",
    "head",
    "title",
    "iframe",
    "object",
    "embed",
    "applet",
    "canvas",
    "select",
    "textarea",
    "input",
    "button",
    "datalist",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "param",
    "source",
    "track",
    "img",
    "picture",
    "map",
    "area",
];

/// The flow of node `id` (text nodes are inline).
pub fn flow(tree: &Tree, id: NodeId) -> Flow {
    let Some(e) = tree.element(id) else {
        return Flow::Inline;
    };
    match e.namespace {
        Namespace::Html => {
            let name = e.name;
            if PARAGRAPH.contains(&name) {
                Flow::Paragraph
            } else if LINE.contains(&name) {
                Flow::Line
            } else if SKIP.contains(&name) {
                Flow::Skip
            } else {
                Flow::Inline
            }
        }
        Namespace::MathMl => match e.name {
            "annotation" | "annotation-xml" => Flow::Skip,
            "math"
                if e.attr("display")
                    .is_some_and(|d| d.eq_ignore_ascii_case("block")) =>
            {
                Flow::Paragraph
            }
            _ => Flow::Inline,
        },
        Namespace::Svg | Namespace::Other => Flow::Skip,
    }
}

/// True for HTML `td`/`th`.
pub fn is_cell(tree: &Tree, id: NodeId) -> bool {
    tree.is(id, "td") || tree.is(id, "th")
}

/// Elements that make a cell "structured": a table holding them is laid out, not tabular.
const STRUCTURE_IN_CELL: &[&str] = &[
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "pre",
    "blockquote",
    "figure",
    "hr",
    "section",
    "article",
];

/// Paragraph-like blocks: one per cell is fine (CMS output wraps cells in `<p>`), more is not.
const SIMPLE_BLOCKS: &[&str] = &["p", "div", "center", "address", "header", "footer"];

/// Cell text longer than this reads as prose, not data.
const MAX_DATA_CELL_CHARS: usize = 400;

/// The result of looking at every table under a root once.
#[derive(Debug, Default)]
pub struct Tables {
    layout: HashSet<NodeId>,
    spans: HashSet<NodeId>,
}

struct OpenTable {
    id: NodeId,
    cell_blocks: usize,
    cell_chars: usize,
}

impl Tables {
    /// Classifies every HTML table under `root` in one walk (tables nested in tables included).
    pub fn analyze(tree: &Tree, root: NodeId) -> Tables {
        let mut t = Tables::default();
        let mut open: Vec<OpenTable> = Vec::new();
        let mut walk = super::walk::Walk::new(tree, root);
        while let Some(step) = walk.next_step(tree) {
            match step {
                super::walk::Step::Enter(id) => {
                    if let Some(text) = tree.text(id) {
                        if let Some(top) = open.last_mut() {
                            top.cell_chars += text.trim().chars().count();
                            if top.cell_chars > MAX_DATA_CELL_CHARS {
                                t.layout.insert(top.id);
                            }
                        }
                        continue;
                    }
                    let Some(e) = tree.element(id) else { continue };
                    if e.namespace != Namespace::Html {
                        continue;
                    }
                    let name = e.name;
                    if let Some(top) = open.last_mut() {
                        if STRUCTURE_IN_CELL.contains(&name) {
                            t.layout.insert(top.id);
                        } else if SIMPLE_BLOCKS.contains(&name) {
                            top.cell_blocks += 1;
                            if top.cell_blocks > 1 {
                                t.layout.insert(top.id);
                            }
                        } else if name == "td" || name == "th" {
                            top.cell_blocks = 0;
                            top.cell_chars = 0;
                            let span = |a: &str| {
                                e.attr(a)
                                    .and_then(|v| v.trim().parse::<u32>().ok())
                                    .is_some_and(|n| n > 1)
                            };
                            if span("rowspan") || span("colspan") {
                                t.spans.insert(top.id);
                            }
                        }
                    }
                    if name == "table" {
                        open.push(OpenTable {
                            id,
                            cell_blocks: 0,
                            cell_chars: 0,
                        });
                    }
                }
                super::walk::Step::Leave(id) => {
                    if open.last().is_some_and(|o| o.id == id) {
                        open.pop();
                    }
                }
            }
        }
        t
    }

    /// True when `table` holds data: rows render as lines of cells.
    pub fn is_data(&self, table: NodeId) -> bool {
        !self.layout.contains(&table)
    }

    /// True when some cell of `table` spans rows or columns.
    pub fn has_spans(&self, table: NodeId) -> bool {
        self.spans.contains(&table)
    }
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    #[test]
    fn tells_data_from_layout() {
        let t = parse_html(
            "<table id=a><tr><td><p>1</p></td><td>2</td></tr></table>\
             <table id=b><tr><td><p>1</p><p>2</p></td></tr></table>\
             <table id=c><tr><td><table id=d><tr><td>x</td></tr></table></td></tr></table>\
             <table id=e><tr><td rowspan=2>x</td></tr></table>",
        );
        let body = t.body().unwrap();
        let tables = Tables::analyze(&t, body);
        let by_id = |v: &str| {
            t.find_all(body, "table")
                .find(|&n| t.attr(n, "id") == Some(v))
                .unwrap()
        };
        assert!(tables.is_data(by_id("a")));
        assert!(!tables.is_data(by_id("b")));
        assert!(!tables.is_data(by_id("c")));
        assert!(tables.is_data(by_id("d")));
        assert!(tables.is_data(by_id("e")));
        assert!(tables.has_spans(by_id("e")));
        assert!(!tables.has_spans(by_id("a")));
    }
}
