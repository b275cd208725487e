//! Markdown: CommonMark with GFM tables and strikethrough, rendered in one iterative walk.
//!
//! Block structure is kept with a stack of containers (blockquote `> `, list item marker then
//! indentation) whose prefixes start every line. Inline delimiters (`**`, `*`, `~~`, links) open
//! lazily at their first content, so empty or whitespace-only runs leave nothing behind, and
//! close before every block break and reopen after it, so they never span paragraphs.
//! Code (`<pre>`, `<code>`), images and TeX annotations are written whole as atoms. Simple data
//! tables become GFM tables (cells captured into their own buffers); tables with spans give a
//! line of cells per row; layout tables give their cells as paragraphs.

use super::blocks::{flow, is_cell, Flow, Tables};
use super::walk::{Step, Walk};
use crate::dom::{Namespace, NodeId, Tree};

/// See [`crate::output::to_markdown`].
pub fn to_markdown(tree: &Tree, root: NodeId) -> String {
    let tables = Tables::analyze(tree, root);
    let mut r = Renderer {
        tree,
        tables,
        md: Md::default(),
        lists: Vec::new(),
        table_modes: Vec::new(),
        grids: Vec::new(),
    };
    let mut walk = Walk::new(tree, root);
    while let Some(step) = walk.next_step(tree) {
        match step {
            Step::Enter(id) => {
                if let Some(t) = tree.text(id) {
                    r.md.text(t);
                } else if !r.enter(id) {
                    walk.skip_children(id);
                }
            }
            Step::Leave(id) => {
                if tree.is_element(id) {
                    r.leave(id);
                }
            }
        }
    }
    r.md.finish()
}

/// How an open table is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TableMode {
    /// A GFM table: cells captured, written at the end.
    Grid,
    /// Data with spans: one line of cells per row.
    Rows,
    /// Layout: cells are paragraphs.
    Layout,
}

struct ListState {
    ordered: bool,
    next: u64,
}

struct Renderer<'a> {
    tree: &'a Tree,
    tables: Tables,
    md: Md,
    lists: Vec<ListState>,
    table_modes: Vec<TableMode>,
    /// Rows of cells of the open GFM tables.
    grids: Vec<Vec<Vec<String>>>,
}

impl Renderer<'_> {
    fn table_mode(&self) -> Option<TableMode> {
        self.table_modes.last().copied()
    }

    /// Handles entering an element; false to skip its children.
    fn enter(&mut self, id: NodeId) -> bool {
        let tree = self.tree;
        let Some(e) = tree.element(id) else {
            return false;
        };
        if e.namespace == Namespace::MathMl {
            return self.enter_math(id);
        }
        if e.namespace != Namespace::Html {
            return false;
        }
        let name = e.name;
        match name {
            "img" => {
                self.image(id);
                return false;
            }
            "pre" | "listing" | "plaintext" => {
                let lang = code_language(tree, id);
                let content = code_text(tree, id);
                self.md.code_block(&content, &lang);
                return false;
            }
            "code" | "kbd" | "samp" | "tt" => {
                self.md.inline_code(&code_text(tree, id));
                return false;
            }
            _ => {}
        }
        if is_cell(tree, id) {
            return self.enter_cell();
        }
        let f = flow(tree, id);
        if f == Flow::Skip {
            return false;
        }
        self.block_break(f, name);
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse::<usize>().unwrap_or(1);
                self.md.begin_heading(level);
            }
            "blockquote" => self.md.push_container("> ", "> "),
            "ul" | "menu" | "dir" => self.lists.push(ListState {
                ordered: false,
                next: 1,
            }),
            "ol" => {
                let start = e
                    .attr("start")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .unwrap_or(1);
                self.lists.push(ListState {
                    ordered: true,
                    next: start,
                });
            }
            "li" => {
                let marker = match self.lists.last_mut() {
                    Some(l) if l.ordered => {
                        let m = format!("{}. ", l.next);
                        l.next = l.next.saturating_add(1);
                        m
                    }
                    _ => "- ".to_string(),
                };
                let rest = " ".repeat(marker.len());
                self.md.push_container(&marker, &rest);
            }
            "hr" => self.md.rule(),
            "br" => self.md.hard_break(),
            "table" => self.enter_table(id),
            "tr" => {
                if let Some(g) = self.grids.last_mut() {
                    if self.table_modes.last() == Some(&TableMode::Grid) {
                        g.push(Vec::new());
                    }
                }
                if self.table_mode() == Some(TableMode::Rows) {
                    self.md.row_cells = 0;
                }
            }
            "strong" | "b" => self.md.push_inline("**", "**"),
            "em" | "i" | "cite" | "dfn" | "var" => self.md.push_inline("*", "*"),
            "del" | "s" | "strike" => self.md.push_inline("~~", "~~"),
            "a" => match e.attr("href").map(str::trim).filter(|h| !h.is_empty()) {
                Some(href) => {
                    let close = format!("]({})", md_url(href));
                    self.md.push_link(close);
                }
                None => self.md.push_inline("", ""),
            },
            _ => {}
        }
        true
    }

    fn leave(&mut self, id: NodeId) {
        let tree = self.tree;
        let Some(e) = tree.element(id) else {
            return;
        };
        if e.namespace != Namespace::Html {
            return;
        }
        if is_cell(tree, id) {
            self.leave_cell();
            return;
        }
        let name = e.name;
        let f = flow(tree, id);
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.md.end_heading(),
            "blockquote" | "li" => self.md.pop_container(),
            "ul" | "ol" | "menu" | "dir" => {
                self.lists.pop();
            }
            "table" => self.leave_table(),
            "strong" | "b" | "em" | "i" | "cite" | "dfn" | "var" | "del" | "s" | "strike" | "a" => {
                self.md.pop_inline()
            }
            _ => {}
        }
        self.block_break(f, name);
    }

    /// Requests the break a block element needs. In Markdown a line break alone would join
    /// lines into one paragraph, so only list items (own container) and table rows use single
    /// breaks; everything else is a paragraph.
    fn block_break(&mut self, f: Flow, name: &str) {
        match f {
            Flow::Inline | Flow::Skip => {}
            Flow::Line if name == "li" => self.md.request(1),
            // Rows of span tables are paragraphs; grid rows are written by the grid.
            Flow::Line if name == "tr" => {
                if self.table_mode() == Some(TableMode::Rows) {
                    self.md.request(2);
                }
            }
            Flow::Paragraph
                if matches!(name, "ul" | "ol" | "menu" | "dir") && self.md.in_item() =>
            {
                self.md.request(1)
            }
            Flow::Line | Flow::Paragraph => self.md.request(2),
        }
    }

    fn enter_table(&mut self, id: NodeId) {
        let mode = if !self.tables.is_data(id) {
            TableMode::Layout
        } else if self.tables.has_spans(id) || self.md.flat_depth > 0 {
            TableMode::Rows
        } else {
            TableMode::Grid
        };
        if mode == TableMode::Grid {
            self.grids.push(Vec::new());
        }
        self.table_modes.push(mode);
    }

    fn leave_table(&mut self) {
        if self.table_modes.pop() == Some(TableMode::Grid) {
            if let Some(rows) = self.grids.pop() {
                self.md.grid(&rows);
            }
        }
    }

    fn enter_cell(&mut self) -> bool {
        match self.table_mode() {
            Some(TableMode::Grid) => {
                if let Some(g) = self.grids.last_mut() {
                    if g.is_empty() {
                        g.push(Vec::new());
                    }
                }
                self.md.begin_capture();
            }
            Some(TableMode::Rows) => {
                if self.md.row_cells > 0 {
                    self.md.separator = true;
                }
                self.md.row_cells += 1;
                self.md.flat_depth += 1;
            }
            _ => self.md.request(2),
        }
        true
    }

    fn leave_cell(&mut self) {
        match self.table_mode() {
            Some(TableMode::Grid) => {
                let cell = self.md.end_capture();
                if let Some(row) = self.grids.last_mut().and_then(|g| g.last_mut()) {
                    row.push(cell);
                }
            }
            Some(TableMode::Rows) => self.md.flat_depth = self.md.flat_depth.saturating_sub(1),
            _ => self.md.request(2),
        }
    }

    fn image(&mut self, id: NodeId) {
        let tree = self.tree;
        let src = tree
            .attr(id, "src")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .or_else(|| {
                tree.attr(id, "srcset").and_then(|s| {
                    super::urls::parse_srcset(s)
                        .first()
                        .map(|c| c.url.to_string())
                })
            });
        let Some(src) = src else { return };
        let alt = tree.attr(id, "alt").unwrap_or("");
        let mut atom = String::from("![");
        escape_label(alt, &mut atom);
        atom.push_str("](");
        atom.push_str(&md_url(&src));
        atom.push(')');
        self.md.atom(&atom);
    }

    /// A formula with a TeX annotation is written as `$tex$` (`$$tex$$` when displayed);
    /// otherwise its text runs inline. Returns whether to walk the children.
    fn enter_math(&mut self, id: NodeId) -> bool {
        let tree = self.tree;
        if !tree.element(id).is_some_and(|e| e.is("math")) {
            return !matches!(tree.name(id), "annotation" | "annotation-xml");
        }
        let tex = tree.descendants(id).find(|&d| {
            tree.element(d).is_some_and(|e| {
                e.is("annotation")
                    && e.attr("encoding")
                        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/x-tex"))
            })
        });
        let Some(tex) = tex else { return true };
        let source = tree.text_content(tex);
        let source = source.trim();
        if source.is_empty() {
            return true;
        }
        let block = tree
            .attr(id, "display")
            .is_some_and(|d| d.eq_ignore_ascii_case("block"));
        if block && self.md.flat_depth == 0 {
            self.md.request(2);
            self.md.atom(&format!("$${source}$$"));
            self.md.request(2);
        } else {
            let one_line: Vec<&str> = source.split_whitespace().collect();
            self.md.atom(&format!("${}$", one_line.join(" ")));
        }
        false
    }
}

/// The text of a code element as shown: its text with `<br>` as a line break.
fn code_text(tree: &Tree, id: NodeId) -> String {
    let mut out = String::new();
    for d in tree.descendants(id) {
        if let Some(t) = tree.text(d) {
            out.push_str(t);
        } else if tree.is(d, "br") {
            out.push('\n');
        }
    }
    out
}

/// The language named by a `language-xx` (or `lang-xx`) class on `pre` or its `code` child.
fn code_language(tree: &Tree, pre: NodeId) -> String {
    let from = |id: NodeId| {
        tree.attr(id, "class").and_then(|c| {
            c.split_ascii_whitespace().find_map(|t| {
                t.strip_prefix("language-")
                    .or_else(|| t.strip_prefix("lang-"))
                    .filter(|l| {
                        !l.is_empty()
                            && l.chars()
                                .all(|c| c.is_ascii_alphanumeric() || "+#._-".contains(c))
                    })
                    .map(str::to_string)
            })
        })
    };
    from(pre)
        .or_else(|| tree.element_children(pre).find_map(from))
        .unwrap_or_default()
}

/// A URL as a Markdown link destination: spaces, parentheses and angle brackets encoded.
fn md_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Image alt text: whitespace collapsed, brackets and backslashes escaped, and `<` too: an
/// image description is inline content, so `<img ...>` in it would be raw HTML.
fn escape_label(s: &str, out: &mut String) {
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            if matches!(c, '[' | ']' | '\\' | '<') {
                out.push('\\');
            }
            out.push(c);
        }
    }
}

/// Nesting of quotes and list items drawn in full; deeper containers are drawn as one more
/// level (see `write_prefixes`).
const MAX_PREFIX_LEVELS: usize = 16;

/// A block container: its first line starts with `first`, later lines with `rest`.
struct Container {
    first: String,
    rest: String,
    used: bool,
}

/// An inline delimiter pair, written lazily.
struct Inline {
    /// The delimiter this inline counts under (empty for plain wrappers).
    key: String,
    /// What is written; empty for a repeat of an enclosing delimiter.
    open: String,
    close: String,
}

/// What a table cell capture put aside.
struct Saved {
    out: String,
    inlines: Vec<Inline>,
    opened: usize,
    delimiter_counts: std::collections::HashMap<String, usize>,
    space: bool,
    breaks: usize,
    hard_breaks: usize,
    separator: bool,
}

/// The Markdown writer: pending spaces and breaks, containers, lazy inline delimiters.
#[derive(Default)]
struct Md {
    out: String,
    space: bool,
    breaks: usize,
    /// Containers still open at every point since the pending break was requested: blank
    /// lines carry only their prefixes.
    blank_depth: usize,
    hard_breaks: usize,
    containers: Vec<Container>,
    /// Open list items among `containers`.
    items: usize,
    inlines: Vec<Inline>,
    /// `inlines[..opened]` have written their opening delimiter.
    opened: usize,
    /// How many of `inlines` use each delimiter (to write nested ones once).
    delimiter_counts: std::collections::HashMap<String, usize>,
    /// A heading marker waiting for the heading's first content.
    lead: String,
    /// Nothing but prefixes written on this line yet (line-start escaping applies).
    at_line_start: bool,
    /// Inside a heading or table cell: breaks become spaces.
    flat_depth: usize,
    /// Inside a GFM cell capture.
    captures: Vec<Saved>,
    /// Cells seen in the current row of a span table, and a pending " | ".
    row_cells: usize,
    separator: bool,
}

impl Md {
    fn request(&mut self, n: usize) {
        if self.flat_depth > 0 {
            self.space = true;
            return;
        }
        // A list item's first block joins its marker line.
        let n = if self.item_waiting() { n.min(1) } else { n };
        if self.breaks == 0 {
            self.blank_depth = self.containers.len();
        }
        self.breaks = self.breaks.max(n);
    }

    fn item_waiting(&self) -> bool {
        self.containers
            .last()
            .is_some_and(|c| !c.used && c.first != c.rest)
    }

    fn in_item(&self) -> bool {
        self.items > 0
    }

    fn push_container(&mut self, first: &str, rest: &str) {
        if first != rest {
            self.items += 1;
        }
        self.containers.push(Container {
            first: first.to_string(),
            rest: rest.to_string(),
            used: false,
        });
    }

    fn pop_container(&mut self) {
        if self.containers.pop().is_some_and(|c| c.first != c.rest) {
            self.items = self.items.saturating_sub(1);
        }
        self.blank_depth = self.blank_depth.min(self.containers.len());
    }

    fn push_inline(&mut self, open: &str, close: &str) {
        self.push_delimiters(open, close.to_string());
    }

    fn push_link(&mut self, close: String) {
        self.push_delimiters("[", close);
    }

    /// Opens an inline. Nested same delimiters (`<b><b>`) would read as other markup and
    /// links cannot nest: an inner repeat is written as its content only.
    fn push_delimiters(&mut self, open: &str, close: String) {
        let mut inline = Inline {
            key: open.to_string(),
            open: String::new(),
            close: String::new(),
        };
        if !open.is_empty() {
            let n = self.delimiter_counts.entry(open.to_string()).or_insert(0);
            *n += 1;
            if *n == 1 {
                inline.open = open.to_string();
                inline.close = close;
            }
        }
        self.inlines.push(inline);
    }

    fn pop_inline(&mut self) {
        let Some(i) = self.inlines.pop() else {
            return;
        };
        if self.opened > self.inlines.len() {
            self.opened = self.inlines.len();
            self.out.push_str(&i.close);
        }
        if let Some(n) = self.delimiter_counts.get_mut(&i.key) {
            *n = n.saturating_sub(1);
        }
    }

    /// Writes the closing delimiters of every opened inline, innermost first; they reopen at
    /// the next content.
    fn close_inlines(&mut self) {
        for i in self.inlines[..self.opened].iter().rev() {
            self.out.push_str(&i.close);
        }
        self.opened = 0;
    }

    fn open_inlines(&mut self) {
        for i in &self.inlines[self.opened..] {
            if !i.open.is_empty() {
                self.out.push_str(&i.open);
                self.at_line_start = false;
            }
        }
        self.opened = self.inlines.len();
    }

    fn begin_heading(&mut self, level: usize) {
        if self.flat_depth == 0 && self.captures.is_empty() {
            self.lead = format!("{} ", "#".repeat(level.clamp(1, 6)));
        }
        self.flat_depth += 1;
    }

    fn end_heading(&mut self) {
        self.flat_depth = self.flat_depth.saturating_sub(1);
        self.lead.clear();
    }

    fn hard_break(&mut self) {
        if self.flat_depth > 0 {
            self.space = true;
        } else if !self.out.is_empty() {
            self.hard_breaks += 1;
        }
    }

    fn write_prefixes(&mut self, blank: bool) {
        if !self.captures.is_empty() {
            return;
        }
        let depth = if blank {
            self.blank_depth.min(self.containers.len())
        } else {
            self.containers.len()
        };
        let mut line = String::new();
        for (level, c) in self.containers[..depth].iter_mut().enumerate() {
            let prefix = if blank || c.used {
                &c.rest
            } else {
                c.used = true;
                &c.first
            };
            // Beyond `MAX_PREFIX_LEVELS` only the innermost container is drawn, one level
            // deeper: hostile nesting must not make every line kilobytes long.
            if level < MAX_PREFIX_LEVELS || level + 1 == depth {
                line.push_str(prefix);
            }
        }
        if blank {
            self.out.push_str(line.trim_end());
        } else {
            self.out.push_str(&line);
        }
    }

    /// Ends the current line as the pending breaks ask and starts a new one with its prefixes.
    /// Returns true when a new line was started.
    fn break_line(&mut self) -> bool {
        let new_line = if self.out.is_empty() && self.captures.is_empty() {
            true
        } else if self.out.is_empty() {
            false
        } else if self.breaks > 0 || self.hard_breaks >= 2 {
            let blank = self.breaks >= 2 || self.hard_breaks >= 2;
            if self.hard_breaks >= 2 && self.breaks == 0 {
                self.blank_depth = self.containers.len();
            }
            self.close_inlines();
            self.out.push('\n');
            if blank {
                self.write_prefixes(true);
                self.out.push('\n');
            }
            true
        } else if self.hard_breaks == 1 {
            self.out.push_str("\\\n");
            true
        } else {
            if self.separator {
                self.out.push_str(" | ");
            } else if self.space {
                self.out.push(' ');
            }
            false
        };
        if new_line {
            self.write_prefixes(false);
            self.at_line_start = true;
        }
        self.space = false;
        self.separator = false;
        self.breaks = 0;
        self.hard_breaks = 0;
        new_line
    }

    /// Everything due before content: line breaks, prefixes, a heading marker, open delimiters.
    fn start_content(&mut self) {
        self.break_line();
        if !self.lead.is_empty() {
            let lead = std::mem::take(&mut self.lead);
            self.out.push_str(&lead);
            self.at_line_start = false;
        }
        self.open_inlines();
    }

    fn text(&mut self, s: &str) {
        for (i, word) in s.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            self.start_content();
            escape_word(word, self.at_line_start, &mut self.out);
            self.at_line_start = false;
        }
    }

    /// Writes prepared Markdown (an image, a code span, a formula) as one piece of content.
    fn atom(&mut self, s: &str) {
        self.start_content();
        self.out.push_str(s);
        self.at_line_start = false;
    }

    fn inline_code(&mut self, content: &str) {
        let one_line: Vec<&str> = content.split(['\n', '\r']).collect();
        let content = one_line.join(" ");
        if content.trim().is_empty() {
            if !content.is_empty() {
                self.space = true;
            }
            return;
        }
        let fence = "`".repeat(longest_run(&content, '`') + 1);
        let pad = content.starts_with('`')
            || content.ends_with('`')
            || (content.starts_with(' ') && content.ends_with(' '));
        let pad = if pad { " " } else { "" };
        self.atom(&format!("{fence}{pad}{content}{pad}{fence}"));
    }

    fn code_block(&mut self, content: &str, lang: &str) {
        if self.flat_depth > 0 {
            self.inline_code(content);
            return;
        }
        let content = content.strip_suffix('\n').unwrap_or(content);
        if content.trim().is_empty() {
            return;
        }
        let fence = "`".repeat(longest_run(content, '`').max(2) + 1);
        self.request(2);
        self.line(&format!("{fence}{lang}"));
        for l in content.split('\n') {
            self.request(1);
            self.line(l.strip_suffix('\r').unwrap_or(l));
        }
        self.request(1);
        self.line(&fence);
        self.request(2);
    }

    /// A raw line of block markup (fences, rules, table rows): no escaping.
    fn line(&mut self, s: &str) {
        self.lead.clear();
        self.break_line();
        if s.is_empty() {
            let end = self.out.trim_end_matches(' ').len();
            self.out.truncate(end);
        }
        self.out.push_str(s);
        self.at_line_start = false;
    }

    fn rule(&mut self) {
        if self.flat_depth > 0 {
            return;
        }
        self.request(2);
        self.line("---");
        self.request(2);
    }

    fn begin_capture(&mut self) {
        self.captures.push(Saved {
            out: std::mem::take(&mut self.out),
            inlines: std::mem::take(&mut self.inlines),
            opened: std::mem::take(&mut self.opened),
            delimiter_counts: std::mem::take(&mut self.delimiter_counts),
            space: self.space,
            breaks: self.breaks,
            hard_breaks: self.hard_breaks,
            separator: self.separator,
        });
        self.space = false;
        self.breaks = 0;
        self.hard_breaks = 0;
        self.separator = false;
        self.flat_depth += 1;
    }

    fn end_capture(&mut self) -> String {
        self.close_inlines();
        self.flat_depth = self.flat_depth.saturating_sub(1);
        let Some(saved) = self.captures.pop() else {
            return String::new();
        };
        let cell = std::mem::replace(&mut self.out, saved.out);
        self.inlines = saved.inlines;
        self.opened = saved.opened;
        self.delimiter_counts = saved.delimiter_counts;
        self.space = saved.space;
        self.breaks = saved.breaks;
        self.hard_breaks = saved.hard_breaks;
        self.separator = saved.separator;
        cell.trim().replace('|', "\\|")
    }

    fn grid(&mut self, rows: &[Vec<String>]) {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 || rows.iter().all(|r| r.iter().all(String::is_empty)) {
            return;
        }
        let row_line = |cells: &[String]| {
            let mut s = String::from("|");
            for i in 0..cols {
                let c = cells.get(i).map_or("", String::as_str);
                s.push(' ');
                s.push_str(c);
                s.push_str(" |");
            }
            s
        };
        self.request(2);
        let mut rows_iter = rows.iter().filter(|r| !r.is_empty());
        let header = rows_iter.next().map_or_else(Vec::new, Clone::clone);
        self.line(&row_line(&header));
        self.request(1);
        self.line(&format!("|{}", " --- |".repeat(cols)));
        for r in rows_iter {
            self.request(1);
            self.line(&row_line(r));
        }
        self.request(2);
    }

    fn finish(mut self) -> String {
        self.close_inlines();
        let end = self.out.trim_end().len();
        self.out.truncate(end);
        self.out
    }
}

fn longest_run(s: &str, ch: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for c in s.chars() {
        if c == ch {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// Escapes one word of text. Always: `\ ` `` ` `` `*` `[` `]` `<` `~`; `_` at word edges;
/// `&` before a name or `#` (an entity); at line start, what would open a block (`>`, a run of
/// `#`/`-`/`+`/`=`, `1.`/`1)`).
fn escape_word(word: &str, line_start: bool, out: &mut String) {
    // No `Vec<char>` of the word: a page can hold one word of many megabytes.
    let first = word.chars().next();
    if line_start {
        if let Some(c) = first {
            // `>` starts a quote anywhere; `#`, `-`, `+`, `=` only as a run of their own (an ATX
            // heading, list marker, rule or setext underline), not in `#tag` or `-5`.
            let run_only = word.chars().all(|x| x == c);
            if c == '>' || (matches!(c, '#' | '-' | '+' | '=') && run_only) {
                out.push('\\');
            }
        }
    }
    // An ordered-list marker: the word is digits then `.` or `)` at line start.
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let list_dot = (line_start
        && digits > 0
        && digits <= 9
        && word.len() == digits + 1
        && matches!(word.as_bytes().get(digits), Some(b'.' | b')')))
    .then_some(digits);
    let mut before: Option<char> = None;
    let mut rest = word.chars().enumerate().peekable();
    while let Some((i, c)) = rest.next() {
        let after = rest.peek().map(|&(_, a)| a);
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '~' => true,
            '_' => {
                !(before.is_some_and(|b| b.is_alphanumeric())
                    && after.is_some_and(|a| a.is_alphanumeric()))
            }
            '&' => after.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '.' | ')' => list_dot == Some(i),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        before = Some(c);
    }
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    fn md(html: &str) -> String {
        let t = parse_html(html);
        to_markdown(&t, t.body().unwrap())
    }

    #[test]
    fn headings_paragraphs_and_emphasis() {
        assert_eq!(
            md("<h1>Title <em>here</em></h1><p>Some <b>bold</b> and <i> ital </i>text.</p><h3></h3><p>x</p>"),
            "# Title *here*\n\nSome **bold** and *ital* text.\n\nx"
        );
        assert_eq!(md("<p>a<b> </b>b<strong></strong></p>"), "a b");
        assert_eq!(md("<p><b>x<b>y</b></b></p>"), "**xy**");
        assert_eq!(md("<p><del>old</del> new</p>"), "~~old~~ new");
    }

    #[test]
    fn markup_in_alt_text_is_not_raw_html() {
        // Regression (tests/hostile/raw-text-breakouts.html): `<` in an image description was
        // written as is, and a Markdown renderer would read `<img ...>` there as raw HTML.
        assert_eq!(
            md("<p><img src=\"https://ex.com/i.png\" alt=\"<img src=x onerror=alert(1)>\"></p>"),
            "![\\<img src=x onerror=alert(1)>](https://ex.com/i.png)"
        );
    }

    #[test]
    fn deep_nesting_stops_indenting() {
        // Regression (tests/hostile_sizes.rs): prefixes of 512 nested lists or quotes made
        // every line kilobytes long.
        let out = md(&"<ul><li>x".repeat(40));
        assert_eq!(
            out.lines().filter(|l| l.trim() == "- x").count(),
            40,
            "{out}"
        );
        let widest = out.lines().map(str::len).max().unwrap_or(0);
        assert!(widest <= 2 * (MAX_PREFIX_LEVELS + 1) + 1, "{widest}: {out}");
        let out = md(&format!("{}deep", "<blockquote>".repeat(100)));
        assert!(out.len() < 100, "{out}");
        assert!(out.ends_with("> deep"), "{out}");
    }

    #[test]
    fn a_huge_word_is_escaped_in_one_pass() {
        let word = format!("{}_x*", "a".repeat(100_000));
        let out = md(&format!("<p>{word}</p>"));
        assert_eq!(out, format!("{}_x\\*", "a".repeat(100_000)));
        assert_eq!(md("<p>1. x</p>"), "1\\. x");
        assert_eq!(md("<p>_a_ b_c &amp;x</p>"), "\\_a\\_ b_c \\&x");
    }

    #[test]
    fn emphasis_never_spans_blocks() {
        assert_eq!(md("<b><p>a</p><p>b</p></b>"), "**a**\n\n**b**");
    }

    #[test]
    fn links_and_images() {
        assert_eq!(
            md("<p>See <a href=\"https://ex.com/a b(1)\">the <b>docs</b></a>.</p>"),
            "See [the **docs**](https://ex.com/a%20b%281%29)."
        );
        assert_eq!(
            md("<p><a href=\"https://ex.com\"><img src=\"https://ex.com/i.png\" alt=\"An [x]\"></a></p>"),
            "[![An \\[x\\]](https://ex.com/i.png)](https://ex.com)"
        );
        assert_eq!(md("<p><a>plain</a> text</p>"), "plain text");
    }

    #[test]
    fn code_spans_and_blocks() {
        assert_eq!(md("<p>Call <code>a`b</code> now</p>"), "Call ``a`b`` now");
        assert_eq!(
            md("<pre class=\"language-rust\"><code>fn main() {\n    x();\n}\n</code></pre>"),
            "```rust\nfn main() {\n    x();\n}\n```"
        );
        assert_eq!(
            md("<pre><code class=\"language-md\">```\nx\n```</code></pre>"),
            "````md\n```\nx\n```\n````"
        );
        assert_eq!(md("<pre>a<br>b</pre>"), "```\na\nb\n```");
        assert_eq!(
            md("<ul><li>Run:<pre>a\n\nb</pre></li></ul>"),
            "- Run:\n\n  ```\n  a\n\n  b\n  ```"
        );
    }

    #[test]
    fn nested_lists_and_quotes() {
        assert_eq!(
            md("<ul><li>one<ul><li>sub</li></ul></li><li>two</li></ul><ol start=3><li>c</li><li>d<ol><li>e</li></ol></li></ol>"),
            "- one\n  - sub\n- two\n\n3. c\n4. d\n   1. e"
        );
        assert_eq!(
            md("<blockquote><p>a</p><blockquote><p>b</p></blockquote><p>c</p></blockquote><p>d</p>"),
            "> a\n>\n> > b\n>\n> c\n\nd"
        );
        assert_eq!(
            md("<ul><li><p>a</p><p>b</p></li><li><blockquote>q</blockquote></li></ul>"),
            "- a\n\n  b\n\n- > q"
        );
    }

    #[test]
    fn gfm_tables() {
        assert_eq!(
            md("<table><caption>Cap</caption><thead><tr><th>A</th><th>B|C</th></tr></thead><tbody><tr><td><b>1</b></td><td>2<br>3</td></tr><tr><td>x</td></tr></tbody></table><p>after</p>"),
            "Cap\n\n| A | B\\|C |\n| --- | --- |\n| **1** | 2 3 |\n| x |  |\n\nafter"
        );
        assert_eq!(
            md("<table><tr><td rowspan=2>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
            "a | b\n\nc"
        );
        assert_eq!(
            md("<table><tr><td><p>one</p><p>two</p></td></tr></table>"),
            "one\n\ntwo"
        );
    }

    #[test]
    fn breaks_and_rules() {
        assert_eq!(
            md("<p>a<br>b</p><hr><p>c<br><br>d<br></p>"),
            "a\\\nb\n\n---\n\nc\n\nd"
        );
    }

    #[test]
    fn escaping_is_minimal_but_sufficient() {
        assert_eq!(
            md("<p>snake_case and _x_ cost 5*3 [a] &amp;copy; a<b>b</b></p>"),
            "snake_case and \\_x\\_ cost 5\\*3 \\[a\\] \\&copy; a**b**"
        );
        assert_eq!(
            md("<p># not heading</p><p>1. not list</p><p>- no</p>"),
            "\\# not heading\n\n1\\. not list\n\n\\- no"
        );
        assert_eq!(md("<p>a # b - c 1. d</p>"), "a # b - c 1. d");
        assert_eq!(
            md("<p>-5 or #tag or 1.5 or +1</p>"),
            "-5 or #tag or 1.5 or +1"
        );
        assert_eq!(
            md("<p>&gt; not quote</p><p>===</p>"),
            "\\> not quote\n\n\\==="
        );
    }

    #[test]
    fn math_uses_tex_when_present() {
        assert_eq!(
            md("<p>So <math><semantics><mi>x</mi><annotation encoding=\"application/x-tex\">x^2</annotation></semantics></math>.</p>"),
            "So $x^2$."
        );
        assert_eq!(md("<p><math><mi>y</mi></math></p>"), "y");
    }

    #[test]
    fn deep_trees_are_fine() {
        let mut t = Tree::new();
        let root = t.new_html_element("div");
        t.append(t.root(), root);
        let mut cur = root;
        for i in 0..100_000 {
            let d = t.new_html_element(if i % 2 == 0 { "blockquote" } else { "b" });
            t.append(cur, d);
            cur = d;
        }
        t.append_text(cur, "deep");
        let out = to_markdown(&t, root);
        assert!(out.ends_with("**deep**"));
    }
}
