//! Plain text: the article as a person reads it, blocks apart, whitespace collapsed.
//!
//! Choices: paragraphs, headings, figures and captions are separated by a blank line; list
//! items, table rows, definition terms and details summaries by a line break. List items start
//! with "- " (ordered ones too: numbers would be words that are not in the article's text, and
//! the order is kept by the lines); nested items are indented by two spaces per level. Inside a
//! list item, paragraphs and nested lists are separated by single line breaks. Data tables give
//! one line per row, cells joined by " | "; layout tables (cells holding paragraphs, lists,
//! nested tables or prose) give one paragraph per cell. Images are omitted; `<pre>` keeps its
//! whitespace exactly; `<br>` is a line break; no leading or trailing blank lines.

use super::blocks::{flow, is_cell, Flow, Tables};
use super::walk::{Step, Walk};
use crate::ascii_word::{ascii_space_mask, ascii_word, equal_bytes};
use crate::dom::{NodeId, Tree};
use crate::text_util::{self, WordCounter};

/// List nesting shown by indentation; deeper items are indented as this level.
const MAX_INDENT_LEVELS: usize = 16;

/// See [`crate::output::to_text`].
pub fn to_text(tree: &Tree, root: NodeId) -> String {
    let mut text: String = write(tree, root);
    text.truncate(text.trim_end().len());
    text
}

/// See [`crate::output::tally_text`].
pub fn tally_text(tree: &Tree, root: NodeId) -> TextTally {
    write(tree, root)
}

/// The text of the children of `root`, written into `O`.
fn write<O: Out>(tree: &Tree, root: NodeId) -> O {
    let tables = Tables::analyze(tree, root);
    let mut w = TextWriter::<O>::default();
    // One entry per open table: is it a data table?
    let mut table_modes: Vec<bool> = Vec::new();
    let mut walk = Walk::new(tree, root);
    while let Some(step) = walk.next_step(tree) {
        match step {
            Step::Enter(id) => {
                if let Some(t) = tree.text(id) {
                    if w.pre_depth > 0 {
                        w.raw(t);
                    } else {
                        w.text(t);
                    }
                    continue;
                }
                let f = flow_in_context(tree, id, &table_modes);
                if f == Flow::Skip {
                    walk.skip_children(id);
                    continue;
                }
                w.block(f);
                enter_element(tree, id, &tables, &mut table_modes, &mut w);
            }
            Step::Leave(id) => {
                if tree.text(id).is_some() {
                    continue;
                }
                let f = flow_in_context(tree, id, &table_modes);
                if f == Flow::Skip {
                    continue;
                }
                leave_element(tree, id, &mut table_modes, &mut w);
                w.block(f);
            }
        }
    }
    w.finish()
}

/// For text whose words are already separated by single ASCII spaces (most text of an
/// article, its curly quotes and dashes included): whether white space leads it, the text
/// between, and whether white space ends it. `None` for anything else, white space other than
/// those single spaces (a no-break space, a line break) included.
fn already_collapsed(s: &str) -> Option<(bool, &str, bool)> {
    let bytes = s.as_bytes();
    let blank = |b: &u8| text_util::byte_class(*b) == text_util::BYTE_SPACE;
    let lead = bytes.iter().take_while(|b| blank(b)).count();
    let trail = bytes
        .get(lead..)?
        .iter()
        .rev()
        .take_while(|b| blank(b))
        .count();
    let core = s.get(lead..s.len() - trail)?;
    if core.is_empty() {
        return None;
    }
    let core_bytes = core.as_bytes();
    let mut after_space = false;
    let mut i = 0;
    while let Some(&b) = core_bytes.get(i) {
        if let Some(word) = ascii_word(core_bytes, i) {
            // Eight ASCII bytes at once: white space only as single spaces, none right after
            // another (the first byte's predecessor is the last byte read before).
            let spaces = equal_bytes(word, b' ');
            let after = (spaces << 8) | if after_space { 0x80 } else { 0 };
            if ascii_space_mask(word) != spaces || spaces & after != 0 {
                return None;
            }
            after_space = spaces >> 63 == 1;
            i += 8;
            continue;
        }
        match text_util::byte_class(b) {
            text_util::BYTE_SPACE if b == b' ' && !after_space => after_space = true,
            text_util::BYTE_PLAIN | text_util::BYTE_COMMA => after_space = false,
            text_util::BYTE_OTHER => {
                // A character beyond ASCII: fine unless it is white space.
                let c = core.get(i..).and_then(|rest| rest.chars().next())?;
                if c.is_whitespace() {
                    return None;
                }
                after_space = false;
                i += c.len_utf8();
                continue;
            }
            _ => return None,
        }
        i += 1;
    }
    Some((lead > 0, core, trail > 0))
}

/// Cells of layout tables are paragraphs; cells of data tables are inline (joined by " | ").
fn flow_in_context(tree: &Tree, id: NodeId, table_modes: &[bool]) -> Flow {
    if is_cell(tree, id) {
        return if table_modes.last().copied().unwrap_or(false) {
            Flow::Inline
        } else {
            Flow::Paragraph
        };
    }
    flow(tree, id)
}

fn enter_element<O: Out>(
    tree: &Tree,
    id: NodeId,
    tables: &Tables,
    table_modes: &mut Vec<bool>,
    w: &mut TextWriter<O>,
) {
    match tree.name(id) {
        "pre" | "listing" | "plaintext" => w.pre_depth += 1,
        "br" => w.line_break(),
        "ul" | "ol" | "menu" | "dir" => w.list_depth += 1,
        "li" => w.start_item(),
        "table" => {
            let data = tables.is_data(id);
            table_modes.push(data);
            if data {
                w.row_cells.push(0);
            }
        }
        "tr" => {
            if let Some(n) = w.row_cells.last_mut() {
                *n = 0;
            }
        }
        "td" | "th" if table_modes.last().copied().unwrap_or(false) => {
            if let Some(n) = w.row_cells.last_mut() {
                if *n > 0 {
                    w.separator = true;
                }
                *n += 1;
            }
            w.flat_depth += 1;
        }
        _ => {}
    }
}

fn leave_element<O: Out>(
    tree: &Tree,
    id: NodeId,
    table_modes: &mut Vec<bool>,
    w: &mut TextWriter<O>,
) {
    if tree.is(id, "table") {
        let was_data = table_modes.pop() == Some(true);
        if was_data {
            w.row_cells.pop();
        }
        return;
    }
    match tree.name(id) {
        "pre" | "listing" | "plaintext" => w.pre_depth = w.pre_depth.saturating_sub(1),
        "ul" | "ol" | "menu" | "dir" => w.list_depth = w.list_depth.saturating_sub(1),
        "li" => {
            w.item_depth = w.item_depth.saturating_sub(1);
            w.prefix = None;
        }
        "td" | "th" if table_modes.last().copied().unwrap_or(false) => {
            w.flat_depth = w.flat_depth.saturating_sub(1);
        }
        _ => {}
    }
}

/// Where the writer's text goes: the text itself (`String`), or a tally of it (`TextTally`).
trait Out: Default {
    /// Whether a text node may be handed over whole, its white space standing for the single
    /// spaces the text would have between its words: a tally counts the same either way.
    const WHOLE_TEXTS: bool;
    fn push_str(&mut self, s: &str);
    fn push(&mut self, c: char);
    fn is_empty(&self) -> bool;
    /// How many line breaks end what was written.
    fn trailing_newlines(&self) -> usize;
    fn ends_with_newline(&self) -> bool;
}

impl Out for String {
    const WHOLE_TEXTS: bool = false;
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }
    fn push(&mut self, c: char) {
        String::push(self, c);
    }
    fn is_empty(&self) -> bool {
        String::is_empty(self)
    }
    fn trailing_newlines(&self) -> usize {
        self.bytes().rev().take_while(|&b| b == b'\n').count()
    }
    fn ends_with_newline(&self) -> bool {
        self.ends_with('\n')
    }
}

/// What the article's text would be, without writing it: its words (`count_words` of the text)
/// and whether it has anything but white space. The reader view needs these with every
/// extraction and the text itself only to copy or export.
#[derive(Default)]
pub struct TextTally {
    counter: WordCounter,
    visible: bool,
    written: bool,
    newlines: usize,
}

impl TextTally {
    /// `count_words` of the text.
    pub fn words(&self) -> usize {
        self.counter.words()
    }

    /// Whether the text has anything but white space.
    pub fn has_text(&self) -> bool {
        self.visible
    }
}

impl Out for TextTally {
    const WHOLE_TEXTS: bool = true;
    fn push_str(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.written = true;
        self.counter.feed(s);
        self.visible = self.visible || !text_util::is_blank(s);
        let newlines = s.bytes().rev().take_while(|&b| b == b'\n').count();
        self.newlines = if newlines == s.len() {
            self.newlines + newlines
        } else {
            newlines
        };
    }
    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }
    fn is_empty(&self) -> bool {
        !self.written
    }
    fn trailing_newlines(&self) -> usize {
        self.newlines
    }
    fn ends_with_newline(&self) -> bool {
        self.newlines > 0
    }
}

/// Accumulates the text; spaces and line breaks are kept pending until real content follows,
/// so nothing dangles at block ends and blocks never glue.
#[derive(Default)]
struct TextWriter<O> {
    out: O,
    /// A collapsed space is due before the next content.
    space: bool,
    /// Newlines due before the next content (1: line break, 2: blank line).
    breaks: usize,
    /// A " | " cell separator is due before the next content on this line.
    separator: bool,
    /// A list marker waiting for its item's first content.
    prefix: Option<String>,
    pre_depth: usize,
    list_depth: usize,
    item_depth: usize,
    /// Inside a data-table cell: blocks and breaks become spaces.
    flat_depth: usize,
    /// Cells seen in the current row, one entry per open data table.
    row_cells: Vec<usize>,
}

impl<O: Out> TextWriter<O> {
    fn block(&mut self, f: Flow) {
        let n = match f {
            Flow::Inline | Flow::Skip => return,
            Flow::Line => 1,
            // Inside a list item, paragraphs and nested lists stay tight.
            Flow::Paragraph if self.item_depth > 0 => 1,
            Flow::Paragraph => 2,
        };
        if self.flat_depth > 0 {
            self.space = true;
        } else {
            self.breaks = self.breaks.max(n);
        }
    }

    fn start_item(&mut self) {
        if self.flat_depth > 0 {
            return;
        }
        // Indentation stops growing at `MAX_INDENT_LEVELS`: hostile nesting must not make every
        // line kilobytes long.
        let indent = "  ".repeat(self.list_depth.saturating_sub(1).min(MAX_INDENT_LEVELS));
        self.prefix = Some(format!("{indent}- "));
        self.item_depth += 1;
    }

    /// Writes whatever is due before new content: newlines, a space or separator, a marker.
    fn start_content(&mut self) {
        if self.out.is_empty() {
            // Nothing leads the text.
        } else if self.breaks > 0 {
            for _ in self.out.trailing_newlines()..self.breaks {
                self.out.push('\n');
            }
        } else if !self.out.ends_with_newline() {
            if self.separator {
                self.out.push_str(" | ");
            } else if self.space {
                self.out.push(' ');
            }
        }
        self.space = false;
        self.separator = false;
        self.breaks = 0;
        if let Some(p) = self.prefix.take() {
            self.out.push_str(&p);
        }
    }

    /// Normal text: whitespace runs collapse to one space (white space at either end counts).
    fn text(&mut self, s: &str) {
        if O::WHOLE_TEXTS {
            // Its white space runs end words just as the single spaces would.
            let start = s.trim_start();
            let core = start.trim_end();
            if core.is_empty() {
                self.space |= !s.is_empty();
                return;
            }
            self.space |= start.len() < s.len();
            self.word(core);
            self.space |= core.len() < start.len();
            return;
        }
        if let Some((lead, core, trail)) = already_collapsed(s) {
            // Its words joined by single spaces are the text itself: written at once.
            self.space |= lead;
            self.word(core);
            self.space |= trail;
            return;
        }
        if s.chars().next().is_some_and(char::is_whitespace) {
            self.space = true;
        }
        let mut first = true;
        text_util::for_each_word(s, |word| {
            if !first {
                self.space = true;
            }
            first = false;
            self.word(word);
        });
        if s.chars().next_back().is_some_and(char::is_whitespace) {
            self.space = true;
        }
    }

    fn word(&mut self, word: &str) {
        if !word.is_empty() {
            self.start_content();
            self.out.push_str(word);
        }
    }

    /// Preformatted text, written exactly, but for its line ends: a CR (which a page can make
    /// with `&#13;`) is written as an HTML parser reads it, CR LF and a lone CR as LF. The
    /// view's text is read back from the article's content, where the parse has done just that.
    fn raw(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.start_content();
        if s.contains('\r') {
            self.out
                .push_str(&s.replace("\r\n", "\n").replace('\r', "\n"));
        } else {
            self.out.push_str(s);
        }
    }

    fn line_break(&mut self) {
        if self.pre_depth > 0 {
            self.raw("\n");
            return;
        }
        if self.flat_depth > 0 {
            self.space = true;
            return;
        }
        if self.out.is_empty() {
            return;
        }
        self.space = false;
        self.separator = false;
        if self.out.trailing_newlines() < 2 {
            self.out.push('\n');
        }
    }

    fn finish(self) -> O {
        self.out
    }
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    fn text(html: &str) -> String {
        let t = parse_html(html);
        to_text(&t, t.body().unwrap())
    }

    /// The tally against the text it stands for: the same word count, and blank exactly when
    /// the text is.
    fn tally_agrees(html: &str) {
        let t = parse_html(html);
        let body = t.body().unwrap();
        let text = to_text(&t, body);
        let tally = tally_text(&t, body);
        assert_eq!(
            tally.words(),
            text_util::count_words(&text),
            "{html:?} -> {text:?}"
        );
        assert_eq!(
            tally.has_text(),
            !text.trim().is_empty(),
            "{html:?} -> {text:?}"
        );
    }

    #[test]
    fn preformatted_line_ends_are_read_as_a_parser_reads_them() {
        let t = parse_html("<pre>one&#13;\ntwo&#13;three</pre><p>a&#13;b</p>");
        let body = t.body().unwrap();
        assert_eq!(to_text(&t, body), "one\ntwo\nthree\n\na b");
        // The same as the text of the content written out and parsed again.
        let back = parse_html(&crate::dom::serialize::inner_html(&t, body));
        assert_eq!(to_text(&back, back.body().unwrap()), to_text(&t, body));
    }

    #[test]
    fn the_tally_counts_what_the_text_would_hold() {
        // Edges: a marker before white space only, cells glued or apart, words split by
        // elements, white space of every kind, pre text kept exactly.
        for html in [
            "",
            "<p> </p>",
            "<ul><li><pre> </pre></li></ul>",
            "<table><tr><td>a</td><td></td><td><pre>\n</pre></td></tr></table>",
            "<p>foo<b>bar</b> baz</p><p>next</p>",
            "<p>a\u{b}b\u{a0}c\u{3000}d</p>",
            "<div>x<br>y<br><br>z</div>",
            "<pre>  code  \n\n</pre><p>-</p>",
            "<p>日本語のテキスト</p>",
        ] {
            tally_agrees(html);
        }
        let pieces = [
            "<p>",
            "</p>",
            "<ul>",
            "<ol>",
            "</ul>",
            "<li>",
            "</li>",
            "<table>",
            "<tr>",
            "<td>",
            "<th>",
            "</td>",
            "</table>",
            "<pre>",
            "</pre>",
            "<br>",
            "<b>",
            "</b>",
            "<img src=x>",
            "<h2>",
            "</h2>",
            "<dl><dt>",
            "<dd>",
            "<blockquote>",
            "word",
            "two words",
            "ab",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            "\u{b}",
            "-",
            " | ",
            "日本",
            "é",
            ",",
            ".",
        ];
        let mut state = 0x5eed_7a11_u64;
        for _ in 0..3000 {
            let body = crate::dom::test_random_text(&mut state, 40, &pieces);
            tally_agrees(&format!("<body>{body}</body>"));
        }
    }

    #[test]
    fn deep_lists_stop_indenting() {
        // Regression (tests/hostile_sizes.rs): 10,000 nested lists made every line of the
        // text up to a kilobyte of spaces (output quadratic in the nesting).
        let html = "<ul><li>x".repeat(40);
        let out = text(&html);
        let widest = out.lines().map(str::len).max().unwrap_or(0);
        assert_eq!(widest, 2 * MAX_INDENT_LEVELS + "- x".len(), "{out}");
        assert_eq!(out.lines().count(), 40);
    }

    #[test]
    fn collapsed_text_is_written_whole_and_other_text_word_by_word() {
        assert_eq!(
            already_collapsed("\n  two words, here \t"),
            Some((true, "two words, here", true))
        );
        assert_eq!(already_collapsed("a b"), Some((false, "a b", false)));
        assert_eq!(already_collapsed("a  b"), None);
        assert_eq!(already_collapsed("a\nb"), None);
        assert_eq!(already_collapsed("café"), Some((false, "café", false)));
        assert_eq!(
            already_collapsed("don’t — “no” "),
            Some((false, "don’t — “no”", true))
        );
        assert_eq!(already_collapsed("a\u{a0}b"), None);
        assert_eq!(already_collapsed("a \u{2009}b"), None);
        assert_eq!(already_collapsed("   "), None);
        assert_eq!(
            text("<p>  one <b>two</b>three,\tfour <i> five</i> </p><p>é  ü</p>"),
            "one twothree, four five\n\né ü"
        );
    }

    /// Whenever a text counts as already collapsed, its core is what collapsing its white space
    /// gives, and the ends say whether it had white space there (random texts of ASCII and other
    /// letters, punctuation and every kind of white space).
    #[test]
    fn already_collapsed_text_is_its_words_joined_by_single_spaces() {
        let mut collapsed = 0;
        for t in text_util::random_texts(0x853c_49e6_748f_ea9b, 20_000, 10) {
            if let Some((lead, core, trail)) = already_collapsed(&t) {
                collapsed += 1;
                assert_eq!(
                    core,
                    t.split_whitespace().collect::<Vec<_>>().join(" "),
                    "{t:?}"
                );
                assert_eq!(lead, t.starts_with(char::is_whitespace), "{t:?}");
                assert_eq!(trail, t.ends_with(char::is_whitespace), "{t:?}");
            }
        }
        // Not vacuous: a fair share of the texts take the fast path.
        assert!(collapsed > 1_000, "{collapsed}");
    }

    #[test]
    fn every_kind_of_white_space_separates_words_once() {
        assert_eq!(
            text("<p>\tone\u{a0}\u{a0}two\u{3000}three\u{b}\u{c}four  é\u{2009}ü </p>"),
            "one two three four é ü"
        );
    }

    #[test]
    fn blocks_are_separated_by_blank_lines() {
        assert_eq!(
            text("<h1>Title</h1><p>One   two\nthree.</p><div>Next</div><p>End.</p>"),
            "Title\n\nOne two three.\n\nNext\n\nEnd."
        );
        assert_eq!(text("<div><div>end.</div>Next</div>"), "end.\n\nNext");
        assert_eq!(
            text("<section>\n  <p> a </p>\n  <p>b</p>\n</section>"),
            "a\n\nb"
        );
    }

    #[test]
    fn inline_elements_do_not_break_words() {
        assert_eq!(
            text("<p>An <b>bold</b><i>ital</i> <a href=x>link</a>, done.</p>"),
            "An boldital link, done."
        );
    }

    #[test]
    fn lists_put_items_on_lines() {
        assert_eq!(
            text("<p>Intro</p><ul><li>one</li><li>two<ul><li>sub</li></ul></li></ul><ol><li><p>a</p><p>b</p></li><li>c</li></ol>"),
            "Intro\n\n- one\n- two\n  - sub\n\n- a\nb\n- c"
        );
    }

    #[test]
    fn data_tables_give_rows() {
        assert_eq!(
            text("<table><caption>Cap</caption><tr><th>A</th><th>B</th></tr><tr><td><p>1</p></td><td>2<br>3</td></tr></table><p>After</p>"),
            "Cap\nA | B\n1 | 2 3\n\nAfter"
        );
    }

    #[test]
    fn layout_tables_give_paragraphs() {
        assert_eq!(
            text("<table><tr><td><p>First para.</p><p>Second.</p></td><td><h2>Side</h2></td></tr></table>"),
            "First para.\n\nSecond.\n\nSide"
        );
    }

    #[test]
    fn pre_keeps_whitespace() {
        assert_eq!(
            text("<p>Code:</p><pre>fn main() {\n    let  x = 1;\n\n}</pre><p>After</p>"),
            "Code:\n\nfn main() {\n    let  x = 1;\n\n}\n\nAfter"
        );
        assert_eq!(
            text("<pre><code><span>a</span>  <b>b</b>\n\tc</code></pre>"),
            "a  b\n\tc"
        );
    }

    #[test]
    fn br_is_a_line_break() {
        assert_eq!(text("<p>a<br>b<br><br>c<br></p><p>d</p>"), "a\nb\n\nc\n\nd");
        assert_eq!(text("<p><br>a</p>"), "a");
    }

    #[test]
    fn figures_captions_and_skipped_content() {
        assert_eq!(
            text("<p>x</p><figure><img src=a.jpg alt=alt><figcaption>The caption</figcaption></figure><script>var a</script><p>y</p>"),
            "x\n\nThe caption\n\ny"
        );
        assert_eq!(
            text("<p>f <math><semantics><mi>x</mi><annotation encoding=\"application/x-tex\">x</annotation></semantics></math> g</p>"),
            "f x g"
        );
    }

    #[test]
    fn nothing_leads_or_trails() {
        assert_eq!(text("\n\n<p>\n x \n</p>\n<br><div></div>\n"), "x");
        assert_eq!(text(""), "");
    }

    #[test]
    fn deep_trees_are_fine() {
        let mut t = Tree::new();
        let root = t.new_html_element("div");
        t.append(t.root(), root);
        let mut cur = root;
        for _ in 0..100_000 {
            let d = t.new_html_element("div");
            t.append(cur, d);
            cur = d;
        }
        t.append_text(cur, "deep");
        assert_eq!(to_text(&t, root), "deep");
    }
}
