//! The native front end: html5ever parses a page into the arena `Tree`.
//!
//! html5ever does the tokenizing and the HTML5 tree-construction rules (implied tags, misnested
//! formatting, foster parenting), so the tree matches what a browser builds from the same bytes.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{ns, Attribute as HtmlAttribute, LocalName, QualName, TokenizerResult};
use typed_arena::Arena;

use super::code_skip::{CodeElementWatch, CodeSkipper};
use super::depth_guard::{self, DepthWatch, Guard};
use super::tree::{Attribute, Name, NameKey, NodeId, Tree};
use super::Namespace;

/// Parses an HTML document into a `Tree`. Nesting beyond what browsers build is flattened
/// (see `depth_guard`), which keeps parsing linear on hostile pages.
pub fn parse_html(html: &str) -> Tree {
    match parse_guarded(html, Guard::Watch) {
        Some(tree) => tree,
        // Nested deeper than any real page: parsed again, flattened, to the end.
        // (Flattening never stops a parse; an empty tree is the answer if it ever did.)
        None => parse_guarded(html, Guard::Flatten).unwrap_or_default(),
    }
}

/// One parse of `html` under `guard`; `None` if the guard stopped it.
fn parse_guarded(html: &str, guard: Guard) -> Option<Tree> {
    let estimate = depth_guard::node_estimate(html);
    // A margin over the estimate: implied elements.
    let capacity = estimate + estimate / 8 + 64;
    let name_arena = Arena::new();
    let sink = ArenaSink::new(&name_arena, capacity);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
    let skipper = CodeSkipper::new(builder, &input);
    let watch = DepthWatch::new(skipper, &input, guard);
    let tokenizer = Tokenizer::new(watch, TokenizerOpts::default());
    // `feed` pauses after each `</script>` (for a browser to run it); there is nothing to run.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    if tokenizer.sink.stopped() {
        return None;
    }
    tokenizer.end();
    Some(tokenizer.sink.inner.inner.sink.finish())
}

/// The skipper asks the tree builder, through its sink, about the code elements it makes.
impl CodeElementWatch for TreeBuilder<NodeId, ArenaSink<'_>> {
    fn code_elements_made(&self) -> usize {
        self.sink.code_elements.borrow().len()
    }

    fn last_code_element_is_script(&self) -> bool {
        let last = self.sink.code_elements.borrow().last().copied();
        last.is_some_and(|id| self.sink.tree.borrow().is(id, "script"))
    }
}

/// Receives html5ever's tree-building calls and writes them into the arena.
struct ArenaSink<'n> {
    tree: RefCell<Tree>,
    /// Qualified names of elements, kept for the parse because html5ever asks for them back by
    /// reference (`elem_name`) very often: an arena that lives as long as the sink hands out
    /// plain references, with no clone or borrow guard per question. One copy per distinct name.
    name_arena: &'n Arena<QualName>,
    /// The distinct names, by number; number 0 is the answer for nodes that are not elements.
    distinct_names: RefCell<Vec<&'n QualName>>,
    /// By the same number (less one: number 0 has none), the name's key in the tree.
    distinct_keys: RefCell<Vec<NameKey>>,
    name_index: RefCell<HashMap<QualName, u32, AtomHashing>>,
    /// The tree's copy of each attribute name without a prefix, by html5ever's atom.
    attr_names: RefCell<HashMap<LocalName, Name, AtomHashing>>,
    /// An element's attributes on their way into the tree's storage (no list per element).
    attr_scratch: RefCell<Vec<Attribute>>,
    /// The answer for nodes that are not elements.
    no_name: &'n QualName,
    /// By node index: the number of the element's name, `NOT_ELEMENT`, or `IGNORED` for nodes
    /// made for comments and processing instructions (built on request, never attached).
    node_names: RefCell<Vec<u32>>,
    /// Elements whose children are left out (`children_are_code`), in creation order, so
    /// ascending: a handful per page, searched when text is appended.
    code_elements: RefCell<Vec<NodeId>>,
    quirks: Cell<bool>,
}

const NOT_ELEMENT: u32 = 0;
const IGNORED: u32 = u32::MAX;

impl<'n> ArenaSink<'n> {
    /// A sink for a page of about `capacity` nodes, keeping names in `name_arena`.
    fn new(name_arena: &'n Arena<QualName>, capacity: usize) -> Self {
        let no_name: &QualName =
            name_arena.alloc(QualName::new(None, ns!(html), html5ever::local_name!("")));
        ArenaSink {
            tree: RefCell::new(Tree::with_capacity(capacity)),
            name_arena,
            distinct_names: RefCell::new(vec![no_name]),
            distinct_keys: RefCell::new(Vec::new()),
            name_index: RefCell::new(HashMap::default()),
            attr_names: RefCell::new(HashMap::default()),
            attr_scratch: RefCell::new(Vec::new()),
            no_name,
            node_names: RefCell::new(Vec::with_capacity(capacity)),
            code_elements: RefCell::new(Vec::new()),
            quirks: Cell::new(false),
        }
    }

    fn remember(&self, id: NodeId, name: u32) {
        let i = id.index();
        let mut names = self.node_names.borrow_mut();
        if names.len() <= i {
            names.resize(i + 1, NOT_ELEMENT);
        }
        names[i] = name;
    }

    /// The number of `name` and its key in the tree, added to the distinct names on first sight.
    fn name_number(&self, name: QualName) -> (u32, NameKey) {
        if let Some(&n) = self.name_index.borrow().get(&name) {
            if let Some(&key) = self.distinct_keys.borrow().get(n as usize - 1) {
                return (n, key);
            }
        }
        let key = self.tree.borrow_mut().name_key(&name.local);
        let mut distinct = self.distinct_names.borrow_mut();
        let n = u32::try_from(distinct.len()).unwrap_or(IGNORED - 1);
        distinct.push(self.name_arena.alloc(name.clone()));
        self.distinct_keys.borrow_mut().push(key);
        self.name_index.borrow_mut().insert(name, n);
        (n, key)
    }

    /// The tree's copy of an attribute name, looked up by atom (no string hashed) when it has
    /// no prefix, as nearly all have.
    fn attr_name(&self, tree: &mut Tree, name: &QualName) -> Name {
        if let Some(p) = &name.prefix {
            return tree.intern(&format!("{}:{}", p, name.local));
        }
        if let Some(n) = self.attr_names.borrow().get(&name.local) {
            return Rc::clone(n);
        }
        let n = tree.intern(&name.local);
        self.attr_names
            .borrow_mut()
            .insert(name.local.clone(), Rc::clone(&n));
        n
    }

    fn convert_attrs<'a>(
        &'a self,
        tree: &'a mut Tree,
        attrs: Vec<HtmlAttribute>,
    ) -> impl Iterator<Item = Attribute> + use<'a, 'n> {
        attrs.into_iter().map(move |a| Attribute {
            name: self.attr_name(tree, &a.name),
            value: (&*a.value).into(),
        })
    }

    fn is_ignored(&self, id: NodeId) -> bool {
        self.node_names.borrow().get(id.index()) == Some(&IGNORED)
    }

    fn placeholder(&self) -> NodeId {
        let id = self.tree.borrow_mut().new_text("");
        self.remember(id, IGNORED);
        id
    }
}

fn namespace_of(name: &QualName) -> Namespace {
    if name.ns == ns!(html) {
        Namespace::Html
    } else if name.ns == ns!(svg) {
        Namespace::Svg
    } else if name.ns == ns!(mathml) {
        Namespace::MathMl
    } else {
        Namespace::Other
    }
}

/// Hashes html5ever's names by the hash each atom carries (string_cache writes it as one
/// `u64`), so no string is read: FxHash's step. The table only dedupes names; like the tree's
/// own name table it is not keyed, so a page of many colliding names is slower, not wrong.
#[derive(Default)]
pub(super) struct AtomHasher(u64);

pub(super) type AtomHashing = BuildHasherDefault<AtomHasher>;

impl Hasher for AtomHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }

    fn write_isize(&mut self, x: isize) {
        self.write_u64(x as u64);
    }
}

impl<'n> TreeSink for ArenaSink<'n> {
    type Handle = NodeId;
    type Output = Tree;
    type ElemName<'a>
        = &'a QualName
    where
        Self: 'a;

    fn finish(self) -> Tree {
        self.tree.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.tree.borrow().root()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> &'a QualName {
        let number = match self.node_names.borrow().get(target.index()) {
            Some(&IGNORED) | None => NOT_ELEMENT,
            Some(&n) => n,
        };
        let distinct = self.distinct_names.borrow();
        distinct
            .get(number as usize)
            .copied()
            .unwrap_or(self.no_name)
    }

    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<HtmlAttribute>,
        _flags: ElementFlags,
    ) -> NodeId {
        let namespace = namespace_of(&name);
        let (number, key) = self.name_number(name);
        let mut tree = self.tree.borrow_mut();
        let mut scratch = self.attr_scratch.borrow_mut();
        scratch.clear();
        scratch.extend(self.convert_attrs(&mut tree, attrs));
        let id = tree.new_element_keyed(key, namespace, scratch.drain(..));
        drop(scratch);
        if tree.element(id).is_some_and(super::children_are_code) {
            self.code_elements.borrow_mut().push(id);
        }
        drop(tree);
        self.remember(id, number);
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.placeholder()
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.placeholder()
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        match child {
            NodeOrText::AppendNode(n) => {
                if !self.is_ignored(n) {
                    tree.append(*parent, n);
                }
            }
            NodeOrText::AppendText(t) => {
                // The parser gives an HTML <script> or <style> nothing but text (raw text
                // content), so leaving out text is leaving out all of their children.
                if self.code_elements.borrow().binary_search(parent).is_err() {
                    tree.append_text(*parent, &t);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.tree.borrow().parent(*element).is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public_id: StrTendril,
        _system_id: StrTendril,
    ) {
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // Template content is kept inside the template element; templates are never content
        // and the cleaner removes them whole.
        *target
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks.set(mode == QuirksMode::Quirks);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut tree = self.tree.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(n) => {
                if !self.is_ignored(n) {
                    tree.insert_before(*sibling, n);
                }
            }
            NodeOrText::AppendText(t) => {
                // Merge with a text node just before the sibling, as the DOM would.
                if let Some(prev) = tree.prev_sibling(*sibling) {
                    if tree.push_text(prev, &t) {
                        return;
                    }
                }
                let n = tree.new_text(&t);
                tree.insert_before(*sibling, n);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<HtmlAttribute>) {
        let mut tree = self.tree.borrow_mut();
        let attrs: Vec<Attribute> = self.convert_attrs(&mut tree, attrs).collect();
        for a in attrs {
            if !tree.has_attr(*target, &a.name) {
                tree.set_attr(*target, &a.name, &a.value);
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.tree.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.tree.borrow_mut().move_children(*node, *new_parent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_into_a_valid_tree() {
        let t = parse_html("<title>T</title><p>One <b>two</b><!-- c --> three<table><td>x</table>");
        t.validate().unwrap();
        let body = t.body().unwrap();
        assert_eq!(t.text_content(body), "One two threex");
        assert!(t.find_first(body, "tbody").is_some());
    }

    #[test]
    fn svg_elements_keep_their_namespace() {
        let t = parse_html("<p><svg><script>x</script></svg></p>");
        let svg = t
            .descendants(t.root())
            .find(|&n| t.name(n) == "svg")
            .unwrap();
        assert_eq!(t.element(svg).unwrap().namespace, Namespace::Svg);
    }

    /// Nesting under the trigger is parsed as it is; past it, the page is parsed again with the
    /// excess flattened, its text kept.
    #[test]
    fn only_nesting_past_the_trigger_is_flattened() {
        let deepest = |levels: usize| {
            let html = format!(
                "<body>{}<b>deep text</b>{}",
                "<div>".repeat(levels),
                "</div>".repeat(levels)
            );
            let t = parse_html(&html);
            t.validate().unwrap();
            let text = t
                .descendants(t.root())
                .find(|&n| !t.is_element(n) && t.text_content(n) == "deep text")
                .unwrap();
            t.ancestors(text).count()
        };
        // Above the text: the document, html, body, the divs and the <b>.
        assert_eq!(
            deepest(depth_guard::TRIGGER - 10),
            depth_guard::TRIGGER - 10 + 4
        );
        // The flattening keeps MAX_DEPTH levels of nesting tags (the <b> among those cut).
        assert!(deepest(depth_guard::TRIGGER + 10) <= depth_guard::MAX_DEPTH + 3);
    }

    /// Pages that nest deep while hiding their depth from a plain count of start and end tags:
    /// stray end tags (after an abrupt `<!-->` comment or an unquoted value with a quote in it,
    /// which a byte scan reads as a comment or a quoted value), and end tags the tree builder
    /// ignores because a table is in the way. Each is flattened all the same.
    #[test]
    fn nesting_hidden_behind_ignored_end_tags_is_flattened() {
        let deepest_node = |t: &Tree| {
            t.descendants(t.root())
                .map(|n| t.ancestors(n).count())
                .max()
        };
        for unit in [
            "<div></span>",
            "<div><!--></span>-->",
            "<div x=a\"></span>\">",
            "<div><table></div>",
            "<section><li>",
        ] {
            let html = format!("<body>{}<p>deep text", unit.repeat(3000));
            let t = parse_html(&html);
            t.validate().unwrap();
            assert!(t.text_content(t.root()).contains("deep text"), "{unit}");
            // A table level is up to four elements (table, tbody, tr, td).
            let depth = deepest_node(&t).unwrap_or(0);
            assert!(depth <= 4 * depth_guard::MAX_DEPTH + 8, "{unit}: {depth}");
        }
    }

    /// Pages whose code elements end in the ways the tokenizer allows; the skipper must leave
    /// the same tree as tokenizing their text would.
    #[test]
    fn code_text_is_skipped_only_where_the_tokenizer_would_end_it() {
        let body_text = |html: &str| {
            let t = parse_html(html);
            t.validate().unwrap();
            t.text_content(t.body().unwrap())
        };
        assert_eq!(
            body_text("<body>a<script>if (a</b) {}</scripts></SCRIPT >b"),
            "ab"
        );
        // `<!--<script>` hides the first `</script>` from the tokenizer (double-escaped text).
        assert_eq!(
            body_text("<body><script><!--<script>x</script>--></script>c"),
            "c"
        );
        assert_eq!(body_text("<body><style>p{}</style/>d"), "d");
        // No end tag: the rest of the page is the style's text.
        assert_eq!(body_text("<body>e<style>p{}</styles>f"), "e");
        // Markup-looking text where the tokenizer is not in raw text stays text.
        assert_eq!(
            body_text("<body><textarea><script>g</script></textarea>"),
            "<script>g</script>"
        );
        assert_eq!(
            body_text("<body><svg><script>h</script><style>i</style></svg>"),
            "hi"
        );
        assert_eq!(
            body_text(r#"<body><script type="application/ld+json">{"j":1}</script>"#),
            r#"{"j":1}"#
        );
    }

    /// The same parse with html5ever's own driver: every token reaches the tree builder.
    fn parse_without_skipping(html: &str) -> Tree {
        use html5ever::tendril::TendrilSink;
        let name_arena = Arena::new();
        let sink = ArenaSink::new(&name_arena, 64);
        html5ever::parse_document(sink, html5ever::ParseOpts::default()).one(StrTendril::from(html))
    }

    /// Differential: random pages made of the pieces that steer the tokenizer around script and
    /// style text (escapes, foreign content, raw-text and RCDATA elements, near-miss end tags)
    /// give the same tree with and without the skipper.
    #[test]
    fn skipping_code_text_never_changes_the_tree() {
        const PIECES: &[&str] = &[
            "<script>",
            "</script>",
            "<SCRIPT type=x>",
            "</script ",
            "</scripts>",
            "<!--",
            "-->",
            "<script>x",
            "<style>",
            "</style>",
            "</STYLE/>",
            "<p>",
            "text, ",
            "<svg>",
            "</svg>",
            "<math>",
            "<textarea>",
            "</textarea>",
            "<template>",
            "</template>",
            "<noscript>",
            "</noscript>",
            r#"<script type="application/ld+json">"#,
            "\r",
            "\n",
            "<",
            "/",
            ">",
            "<title>",
            "</title>",
            "<![CDATA[",
            "]]>",
            "<select>",
            "<table>",
            "<iframe>",
            "</iframe>",
            "<xmp>",
            "</xmp>",
            "<!-- <script>",
            "<div>",
            "</div>",
            "&amp;",
            "\u{0}",
            "<plaintext>",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| crate::dom::test_random_below(&mut state, n);
        for _ in 0..20_000 {
            let len = 1 + next(24);
            let page: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
            let skipped = parse_html(&page);
            let plain = parse_without_skipping(&page);
            let (a, b) = (skipped.root(), plain.root());
            assert_eq!(
                crate::dom::serialize::outer_html(&skipped, a),
                crate::dom::serialize::outer_html(&plain, b),
                "{page:?}"
            );
        }
    }
}
