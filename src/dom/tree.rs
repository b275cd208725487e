//! The owned document tree: an arena of nodes addressed by `NodeId`, linked by ids.
//!
//! Every front end (html5ever natively, the browser DOM through web-sys) fills a `Tree`; the
//! extraction stages read and rewrite it without knowing where it came from. Per-node state
//! that the stages compute (scores, flags) lives in side tables indexed by `NodeId::index`, never
//! in the nodes or their attributes.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::num::NonZeroU32;
use std::rc::Rc;

use compact_str::CompactString;

/// A node's address in its tree's arena. Copyable and small; only meaningful for the tree that
/// made it. Stored as index + 1 so that `Option<NodeId>` is four bytes too: a node holds four
/// links, and on pages of millions of nodes every byte of a node counts.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    /// The position of the node in the arena, for side tables sized by `Tree::capacity`.
    pub fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }

    fn from_index(index: usize) -> NodeId {
        let n = u32::try_from(index)
            .ok()
            .and_then(|i| NonZeroU32::new(i.wrapping_add(1)))
            .unwrap_or(NonZeroU32::MAX);
        NodeId(n)
    }
}

impl fmt::Debug for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.index())
    }
}

/// Which markup language an element belongs to; the sanitizer treats foreign content apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Namespace {
    Html,
    Svg,
    MathMl,
    Other,
}

/// An attribute name. Shared: a tree keeps one copy of each distinct name (`Tree::intern`), so
/// a page of ten thousand `class` attributes holds "class" once.
pub type Name = Rc<str>;

/// One attribute; the name is lower-case (or `prefix:local` for namespaced attributes). Values
/// of up to 24 bytes (most class names, ids, sizes, short links) are kept inside the attribute,
/// with no heap block of their own to allocate when parsing and free when the tree goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    pub name: Name,
    pub value: CompactString,
}

/// An element name as an entry of one tree's name table (`Tree::name_key`). A key means
/// nothing in another tree: use it only with the tree that made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameKey(u32);

impl NameKey {
    /// The entry's position in `Tree::names_by_key`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A read-only view of an element: its name and attributes as they are in the tree.
#[derive(Clone, Copy, Debug)]
pub struct Element<'a> {
    /// Local name, lower-case for HTML elements (as browsers report `localName`).
    pub name: &'a str,
    pub namespace: Namespace,
    pub attrs: &'a [Attribute],
}

impl<'a> Element<'a> {
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|a| &*a.name == name)
            .map(|a| a.value.as_str())
    }

    pub fn is(&self, name: &str) -> bool {
        self.name == name
    }
}

/// What a node is, as a view into the tree. Comments, doctypes and processing instructions are
/// not kept: nothing in extraction or output needs them.
#[derive(Clone, Copy, Debug)]
pub enum NodeData<'a> {
    Document,
    Element(Element<'a>),
    Text(&'a str),
}

/// What a node holds, in twelve bytes: names are ids into the tree's name table, texts are
/// ranges of the tree's one text buffer, attributes ranges of its one attribute store.
/// Copyable, so the journal saves a node's state by value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Payload {
    Document,
    Element {
        name: u32,
        namespace: Namespace,
        /// Where its attributes start in `Tree::attrs`, and how many there are.
        attrs: u32,
        attr_count: u16,
    },
    Text {
        start: u32,
        len: u32,
    },
}

/// Four links and a payload. There is no last-child link: a first child's `prev` names its
/// parent's last child instead (every other child's `prev` is its previous sibling), so the last
/// child is one step away and appending stays constant-time, in four bytes a node less.
#[derive(Clone, Debug)]
struct Node {
    parent: Option<NodeId>,
    first_child: Option<NodeId>,
    /// The previous sibling, or for a first child the last child of the parent; `None` for a
    /// node without a parent.
    prev: Option<NodeId>,
    next_sibling: Option<NodeId>,
    payload: Payload,
}

// Pages of millions of nodes hold millions of these (a browser's DOM node is ~100 bytes): a
// change that grows a node should be seen.
const _: () = assert!(std::mem::size_of::<Node>() <= 28);

/// The four links of a node, as the journal saves them.
#[derive(Clone, Copy, Debug)]
struct Links {
    parent: Option<NodeId>,
    first_child: Option<NodeId>,
    prev: Option<NodeId>,
    next_sibling: Option<NodeId>,
}

/// What a checkpoint records: each node's state before its first change only (restoring that
/// undoes every later change too), and nothing for nodes, texts or attributes written after the
/// checkpoint, which rollback drops. Changes never write into storage older than the
/// checkpoint: a changed text or attribute list is written anew at the end of its buffer.
#[derive(Clone, Debug)]
struct Journal {
    /// Nodes, text bytes and attributes at the checkpoint.
    base: usize,
    text_base: usize,
    attrs_len: usize,
    /// Per node: bit 1 links saved, bit 2 payload saved, bit 4 listed in `reparented`.
    saved: Vec<u8>,
    /// Saved links, the most common entry (a page of a million elements can log a million).
    links: Vec<(NodeId, Links)>,
    /// Elements some of whose children moved into a wrapper (`wrap_run`) with only their parent
    /// link changed: rollback sets the parent of every child in each one's restored chain, so a
    /// run of a million moved siblings costs one entry instead of a million.
    reparented: Vec<NodeId>,
    payloads: Vec<(NodeId, Payload)>,
}

impl Journal {
    /// True the first time `what` is recorded for `id` (and notes that it is).
    fn first(&mut self, id: NodeId, what: u8) -> bool {
        match self.saved.get_mut(id.index()) {
            Some(bits) if *bits & what == 0 => {
                *bits |= what;
                true
            }
            _ => false,
        }
    }
}

const SAVED_LINKS: u8 = 1;
const SAVED_PAYLOAD: u8 = 2;
const SAVED_REPARENTED: u8 = 4;

/// A state of the tree to come back to (see `Tree::checkpoint`).
#[derive(Debug)]
pub struct Checkpoint {
    nodes: usize,
}

/// The arena. Node 0 is always the document node.
#[derive(Clone, Debug)]
pub struct Tree {
    nodes: Vec<Node>,
    /// Every text node's characters, end to end: no string per text node.
    text: String,
    /// Every element's attributes, each element's list end to end (an element holds where its
    /// list starts and its length): no heap block per element to allocate while reading the
    /// page and to free when the tree goes. A list is never changed in place: a changed one is
    /// written anew at the end (`copy_attrs_for_change`).
    attrs: Vec<Attribute>,
    /// One copy of each element and attribute name in the tree, by id.
    names: Vec<Name>,
    name_ids: HashMap<Name, u32, BuildHasherDefault<NameHasher>>,
    /// While set, every change is recorded so that `rollback` can undo it: an extraction attempt
    /// that falls short is undone in proportion to what it changed, instead of copying the whole
    /// page before each attempt.
    journal: Option<Journal>,
}

/// FNV-1a: names are short, and the default hasher's protection against chosen collisions is
/// not needed for a table that only dedupes (a collision costs a comparison, not correctness).
#[derive(Default)]
pub struct NameHasher(u64);

impl Hasher for NameHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

impl Default for Tree {
    fn default() -> Self {
        Self::new()
    }
}

/// A buffer offset or length as stored in a node. Buffers past 4 GiB cannot be addressed;
/// such a page is far beyond the size limits, and its texts would read as empty, not panic.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Tree {
    pub fn new() -> Self {
        Self::with_capacity(64)
    }

    pub fn with_capacity(capacity: usize) -> Self {
        let mut nodes = Vec::with_capacity(capacity.max(1));
        nodes.push(Node::new(Payload::Document));
        Tree {
            nodes,
            text: String::new(),
            attrs: Vec::new(),
            names: Vec::new(),
            name_ids: HashMap::default(),
            journal: None,
        }
    }

    /// The id of `name` in the name table (added on first use).
    fn name_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.name_ids.get(name) {
            return id;
        }
        let id = to_u32(self.names.len());
        let n: Name = name.into();
        self.names.push(Rc::clone(&n));
        self.name_ids.insert(n, id);
        id
    }

    fn name_of(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }

    /// The tree's copy of `name` (made on first use).
    pub fn intern(&mut self, name: &str) -> Name {
        let id = self.name_id(name);
        self.names
            .get(id as usize)
            .map_or_else(|| name.into(), Rc::clone)
    }

    /// Starts recording changes; `rollback` returns the tree to this state, `keep` ends the
    /// recording and keeps the changes.
    pub fn checkpoint(&mut self) -> Checkpoint {
        self.journal = Some(Journal {
            base: self.nodes.len(),
            text_base: self.text.len(),
            attrs_len: self.attrs.len(),
            saved: vec![0; self.nodes.len()],
            links: Vec::new(),
            reparented: Vec::new(),
            payloads: Vec::new(),
        });
        Checkpoint {
            nodes: self.nodes.len(),
        }
    }

    /// Undoes every change since `checkpoint` and drops what was made since.
    pub fn rollback(&mut self, checkpoint: Checkpoint) {
        if let Some(journal) = self.journal.take() {
            for (id, l) in journal.links {
                let n = &mut self.nodes[id.index()];
                n.parent = l.parent;
                n.first_child = l.first_child;
                n.prev = l.prev;
                n.next_sibling = l.next_sibling;
            }
            // With every sibling chain as it was, the children in a reparented element's
            // chain are exactly the ones that were its children.
            for parent in journal.reparented {
                let mut child = self.nodes[parent.index()].first_child;
                while let Some(c) = child {
                    let n = &mut self.nodes[c.index()];
                    n.parent = Some(parent);
                    child = n.next_sibling;
                }
            }
            for (id, payload) in journal.payloads {
                self.nodes[id.index()].payload = payload;
            }
            self.text.truncate(journal.text_base);
            self.attrs.truncate(journal.attrs_len);
        }
        self.nodes.truncate(checkpoint.nodes.max(1));
    }

    /// Stops recording and keeps every change since `checkpoint`.
    pub fn keep(&mut self) {
        self.journal = None;
    }

    /// The document node.
    pub fn root(&self) -> NodeId {
        NodeId::from_index(0)
    }

    /// How many nodes the arena holds (attached or not); side tables use this as their length.
    pub fn capacity(&self) -> usize {
        self.nodes.len()
    }

    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// A node whose links are about to change (recorded first when journaling).
    fn links_mut(&mut self, id: NodeId) -> &mut Node {
        let n = &mut self.nodes[id.index()];
        if let Some(journal) = self.journal.as_mut().filter(|j| id.index() < j.base) {
            if journal.first(id, SAVED_LINKS) {
                journal.links.push((
                    id,
                    Links {
                        parent: n.parent,
                        first_child: n.first_child,
                        prev: n.prev,
                        next_sibling: n.next_sibling,
                    },
                ));
            }
        }
        n
    }

    /// A node's payload about to change (recorded first when journaling).
    fn payload_mut(&mut self, id: NodeId) -> &mut Payload {
        let n = &mut self.nodes[id.index()];
        if let Some(journal) = self.journal.as_mut().filter(|j| id.index() < j.base) {
            if journal.first(id, SAVED_PAYLOAD) {
                journal.payloads.push((id, n.payload));
            }
        }
        &mut n.payload
    }

    /// Writes `text` at the end of the text buffer; returns its range.
    fn store_text(&mut self, text: &str) -> Payload {
        let start = to_u32(self.text.len());
        self.text.push_str(text);
        Payload::Text {
            start,
            len: to_u32(text.len()),
        }
    }

    /// The attribute list that starts at `start` (as an element holds it).
    fn attrs_of(&self, start: u32, count: u16) -> &[Attribute] {
        let start = start as usize;
        self.attrs
            .get(start..start + usize::from(count))
            .unwrap_or(&[])
    }

    /// Makes the attributes from `start` to the end of the storage one list: where it starts
    /// and its length. (An element holds at most 65,535 attributes, the rest are dropped: no
    /// page needs more, and the length fits the node.)
    fn seal_attr_list(&mut self, start: usize) -> (u32, u16) {
        let count = u16::try_from(self.attrs.len() - start).unwrap_or(u16::MAX);
        self.attrs.truncate(start + usize::from(count));
        (to_u32(start), count)
    }

    /// Writes a copy of element `id`'s attribute list at the end of the storage, for a change
    /// (a checkpoint's state is never written over); where the copy starts.
    fn copy_attrs_for_change(&mut self, id: NodeId) -> Option<usize> {
        let Payload::Element {
            attrs, attr_count, ..
        } = self.node(id).payload
        else {
            return None;
        };
        Some(self.copy_attr_list(attrs, attr_count))
    }

    /// Copies a list to the end of the storage; where the copy starts.
    fn copy_attr_list(&mut self, start: u32, count: u16) -> usize {
        let copy_start = self.attrs.len();
        let start = (start as usize).min(copy_start);
        let end = (start + usize::from(count)).min(copy_start);
        self.attrs.extend_from_within(start..end);
        copy_start
    }

    /// Makes the attributes from `start` to the end of the storage element `id`'s list.
    fn end_attr_change(&mut self, id: NodeId, start: usize) {
        let (new_start, new_count) = self.seal_attr_list(start);
        if let Payload::Element {
            attrs, attr_count, ..
        } = self.payload_mut(id)
        {
            *attrs = new_start;
            *attr_count = new_count;
        }
    }

    // ----- creating -----

    fn new_node(&mut self, payload: Payload) -> NodeId {
        let id = NodeId::from_index(self.nodes.len());
        self.nodes.push(Node::new(payload));
        id
    }

    pub fn new_element(
        &mut self,
        name: &str,
        namespace: Namespace,
        attrs: impl IntoIterator<Item = Attribute>,
    ) -> NodeId {
        let name = self.name_key(name);
        self.new_element_keyed(name, namespace, attrs)
    }

    /// The key of `name` in this tree's name table (added on first use), for a front end that
    /// makes many elements of one name and looks the name up once.
    pub fn name_key(&mut self, name: &str) -> NameKey {
        NameKey(self.name_id(name))
    }

    /// The key of an element's name (`None` for other nodes): a pass that asks many elements
    /// their name can classify each name once (`names_by_key`) and then look up by key.
    pub fn element_name_key(&self, id: NodeId) -> Option<NameKey> {
        match self.node(id).payload {
            Payload::Element { name, .. } => Some(NameKey(name)),
            _ => None,
        }
    }

    /// The key of `name` if some element or attribute of the tree has it (nothing is added).
    pub fn key_of(&self, name: &str) -> Option<NameKey> {
        self.name_ids.get(name).copied().map(NameKey)
    }

    /// `element_name_key` for HTML elements only (as `is` and `find_all` match names).
    pub fn html_element_name_key(&self, id: NodeId) -> Option<NameKey> {
        match self.node(id).payload {
            Payload::Element {
                name,
                namespace: Namespace::Html,
                ..
            } => Some(NameKey(name)),
            _ => None,
        }
    }

    /// Every name in the tree's name table, in key order (`NameKey::index`).
    pub fn names_by_key(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|n| &**n)
    }

    /// `new_element` with the name already looked up by `name_key` on this tree.
    pub fn new_element_keyed(
        &mut self,
        name: NameKey,
        namespace: Namespace,
        attrs: impl IntoIterator<Item = Attribute>,
    ) -> NodeId {
        let name = name.0;
        let start = self.attrs.len();
        self.attrs.extend(attrs);
        let (attrs, attr_count) = self.seal_attr_list(start);
        self.new_node(Payload::Element {
            name,
            namespace,
            attrs,
            attr_count,
        })
    }

    pub fn new_html_element(&mut self, name: &str) -> NodeId {
        self.new_element(name, Namespace::Html, [])
    }

    pub fn new_text(&mut self, text: &str) -> NodeId {
        let payload = self.store_text(text);
        self.new_node(payload)
    }

    // ----- reading -----

    pub fn data(&self, id: NodeId) -> NodeData<'_> {
        match self.node(id).payload {
            Payload::Document => NodeData::Document,
            Payload::Element { .. } => self
                .element(id)
                .map_or(NodeData::Document, NodeData::Element),
            Payload::Text { .. } => NodeData::Text(self.text(id).unwrap_or("")),
        }
    }

    pub fn element(&self, id: NodeId) -> Option<Element<'_>> {
        match self.node(id).payload {
            Payload::Element {
                name,
                namespace,
                attrs,
                attr_count,
            } => Some(Element {
                name: self.name_of(name),
                namespace,
                attrs: self.attrs_of(attrs, attr_count),
            }),
            _ => None,
        }
    }

    /// The local name of an element, or "" for other nodes.
    pub fn name(&self, id: NodeId) -> &str {
        match self.node(id).payload {
            Payload::Element { name, .. } => self.name_of(name),
            _ => "",
        }
    }

    /// True when `id` is an HTML element with this local name.
    pub fn is(&self, id: NodeId, name: &str) -> bool {
        match self.node(id).payload {
            Payload::Element {
                name: n,
                namespace: Namespace::Html,
                ..
            } => self.name_of(n) == name,
            _ => false,
        }
    }

    pub fn is_element(&self, id: NodeId) -> bool {
        matches!(self.node(id).payload, Payload::Element { .. })
    }

    pub fn text(&self, id: NodeId) -> Option<&str> {
        match self.node(id).payload {
            Payload::Text { start, len } => {
                let start = start as usize;
                Some(self.text.get(start..start + len as usize).unwrap_or(""))
            }
            _ => None,
        }
    }

    /// Every text node in the arena with its text, in arena order, attached to the document or
    /// not: a straight pass over the node table, for side tables that want every text and no
    /// particular order (faster than following the links of a walk).
    pub fn arena_texts(&self) -> impl Iterator<Item = (NodeId, &str)> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, node)| match node.payload {
                Payload::Text { start, len } => {
                    let start = start as usize;
                    let text = self.text.get(start..start + len as usize).unwrap_or("");
                    Some((NodeId::from_index(i), text))
                }
                _ => None,
            })
    }

    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        // Straight to the list: the most asked question of the tree needs no name lookup.
        let Payload::Element {
            attrs, attr_count, ..
        } = self.node(id).payload
        else {
            return None;
        };
        self.attrs_of(attrs, attr_count)
            .iter()
            .find(|a| &*a.name == name)
            .map(|a| a.value.as_str())
    }

    pub fn has_attr(&self, id: NodeId, name: &str) -> bool {
        self.attr(id, name).is_some()
    }

    pub fn set_attr(&mut self, id: NodeId, name: &str, value: &str) {
        if !self.is_element(id) {
            return;
        }
        let interned = self.intern(name);
        let Some(start) = self.copy_attrs_for_change(id) else {
            return;
        };
        let copy = self.attrs.get_mut(start..).unwrap_or_default();
        match copy.iter_mut().find(|a| &*a.name == name) {
            Some(a) => a.value = value.into(),
            None => self.attrs.push(Attribute {
                name: interned,
                value: value.into(),
            }),
        }
        self.end_attr_change(id, start);
    }

    pub fn remove_attr(&mut self, id: NodeId, name: &str) {
        if !self.has_attr(id, name) {
            return;
        }
        let Some(start) = self.copy_attrs_for_change(id) else {
            return;
        };
        // Those of the copy not named so, moved up in order over the ones that are.
        let mut kept = start;
        for i in start..self.attrs.len() {
            if &*self.attrs[i].name != name {
                self.attrs.swap(kept, i);
                kept += 1;
            }
        }
        self.attrs.truncate(kept);
        self.end_attr_change(id, start);
    }

    /// Replaces all of an element's attributes.
    pub fn set_attrs(&mut self, id: NodeId, new: impl IntoIterator<Item = Attribute>) {
        if !self.is_element(id) {
            return;
        }
        let start = self.attrs.len();
        self.attrs.extend(new);
        self.end_attr_change(id, start);
    }

    /// Renames an element in place (keeps its attributes and children).
    pub fn rename(&mut self, id: NodeId, name: &str) {
        if !self.is_element(id) {
            return;
        }
        let new = self.name_id(name);
        if let Payload::Element { name, .. } = self.payload_mut(id) {
            *name = new;
        }
    }

    /// Adds characters to the end of text node `id`; false when `id` is not a text node. The
    /// text grows in place when it is the last one written (as when a parser delivers a text
    /// in pieces), and is copied to the end of the buffer otherwise. For front ends building the
    /// tree: extraction measures every text once (`score::TextCache`) and counts on texts never
    /// changing afterwards.
    pub fn push_text(&mut self, id: NodeId, more: &str) -> bool {
        let Payload::Text { start, len } = self.node(id).payload else {
            return false;
        };
        let end = start as usize + len as usize;
        let frozen = self.journal.as_ref().map_or(0, |j| j.text_base);
        if end == self.text.len() && start as usize >= frozen {
            self.text.push_str(more);
            *self.payload_mut(id) = Payload::Text {
                start,
                len: to_u32(end + more.len() - start as usize),
            };
        } else {
            let mut joined = String::with_capacity(len as usize + more.len());
            joined.push_str(self.text(id).unwrap_or(""));
            joined.push_str(more);
            let stored = self.store_text(&joined);
            *self.payload_mut(id) = stored;
        }
        true
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).parent
    }

    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).first_child
    }

    pub fn last_child(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).first_child.and_then(|f| self.node(f).prev)
    }

    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).next_sibling
    }

    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        let n = self.node(id);
        match n.parent {
            Some(p) if self.node(p).first_child != Some(id) => n.prev,
            _ => None,
        }
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            tree: self,
            next: self.first_child(id),
        }
    }

    /// Child elements only.
    pub fn element_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(move |&c| self.is_element(c))
    }

    /// Every node below `id` in document order (not `id` itself). Walks the links, so it needs
    /// no stack and no recursion however deep the tree is.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            tree: self,
            scope: id,
            next: self.first_child(id),
        }
    }

    /// The node after `id` in document order, staying inside `scope`; skips `id`'s subtree when
    /// `skip_children` is set. The building block of every walk that removes nodes as it goes.
    pub fn next_in_order(&self, id: NodeId, scope: NodeId, skip_children: bool) -> Option<NodeId> {
        if !skip_children {
            if let Some(c) = self.first_child(id) {
                return Some(c);
            }
        }
        let mut cur = id;
        loop {
            if cur == scope {
                return None;
            }
            if let Some(s) = self.next_sibling(cur) {
                return Some(s);
            }
            cur = self.parent(cur)?;
        }
    }

    /// The node before `id` in document order (the last descendant of its previous sibling, or
    /// its parent), staying inside `scope` (which is never returned); `next_in_order` backwards.
    pub fn prev_in_order(&self, id: NodeId, scope: NodeId) -> Option<NodeId> {
        match self.prev_sibling(id) {
            Some(mut p) => {
                while let Some(last) = self.last_child(p) {
                    p = last;
                }
                Some(p)
            }
            None => self.parent(id).filter(|&p| p != scope),
        }
    }

    pub fn ancestors(&self, id: NodeId) -> Ancestors<'_> {
        Ancestors {
            tree: self,
            next: self.parent(id),
        }
    }

    /// True when `ancestor` is `id` or contains it.
    pub fn contains(&self, ancestor: NodeId, id: NodeId) -> bool {
        id == ancestor || self.ancestors(id).any(|a| a == ancestor)
    }

    /// All text below `id`, concatenated exactly as DOM `textContent` does.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        self.append_text_content(id, &mut out);
        out
    }

    pub fn append_text_content(&self, id: NodeId, out: &mut String) {
        if let Some(t) = self.text(id) {
            out.push_str(t);
            return;
        }
        for d in self.descendants(id) {
            if let Some(t) = self.text(d) {
                out.push_str(t);
            }
        }
    }

    /// Elements below `id` with the given HTML local name, in document order.
    pub fn find_all<'a>(&'a self, id: NodeId, name: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        // The name is looked up once and compared as a number; a name no element has means
        // no walk at all.
        let wanted = self.name_ids.get(name).copied();
        let scope = if wanted.is_some() { Some(id) } else { None };
        scope
            .into_iter()
            .flat_map(move |id| self.descendants(id))
            .filter(move |&d| self.is_html_named(d, wanted))
    }

    pub fn find_first(&self, id: NodeId, name: &str) -> Option<NodeId> {
        self.find_all(id, name).next()
    }

    /// True when `id` is an HTML element whose name has the id `wanted`.
    fn is_html_named(&self, id: NodeId, wanted: Option<u32>) -> bool {
        match self.node(id).payload {
            Payload::Element {
                name,
                namespace: Namespace::Html,
                ..
            } => Some(name) == wanted,
            _ => false,
        }
    }

    // ----- changing -----

    /// Takes `id` (and its subtree) out of its parent. The node stays in the arena, unattached.
    pub fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = self.node(id);
            (n.parent, n.prev, n.next_sibling)
        };
        let Some(parent) = parent else {
            return;
        };
        let first = self.node(parent).first_child;
        if first == Some(id) {
            // `prev` is the last child: it passes to the new first child.
            self.links_mut(parent).first_child = next;
            if let Some(nx) = next {
                self.links_mut(nx).prev = prev;
            }
        } else {
            if let Some(p) = prev {
                self.links_mut(p).next_sibling = next;
            }
            match (next, first) {
                (Some(nx), _) => self.links_mut(nx).prev = prev,
                // `id` was the last child: the first child now names the one before it.
                (None, Some(f)) => self.links_mut(f).prev = prev,
                (None, None) => {}
            }
        }
        let n = self.links_mut(id);
        n.parent = None;
        n.prev = None;
        n.next_sibling = None;
    }

    /// Appends `child` as the last child of `parent`, detaching it from wherever it was.
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        if self.journal.is_none() && self.node(child).parent.is_none() {
            self.append_fresh(parent, child);
            return;
        }
        self.detach(child);
        match self.node(parent).first_child {
            None => {
                self.links_mut(parent).first_child = Some(child);
                self.links_mut(child).prev = Some(child);
            }
            Some(first) => {
                let last = self.node(first).prev;
                if let Some(l) = last {
                    self.links_mut(l).next_sibling = Some(child);
                }
                self.links_mut(child).prev = last;
                self.links_mut(first).prev = Some(child);
            }
        }
        let c = self.links_mut(child);
        c.parent = Some(parent);
        c.next_sibling = None;
    }

    /// `append` for a child with no parent while nothing is journaled: what every front end
    /// does for each node it builds, so its links are written directly.
    fn append_fresh(&mut self, parent: NodeId, child: NodeId) {
        // As in `append`: a first child's `prev` is the last child.
        let prev = match self.nodes[parent.index()].first_child {
            None => {
                self.nodes[parent.index()].first_child = Some(child);
                Some(child)
            }
            Some(first) => {
                let last = self.nodes[first.index()].prev;
                if let Some(l) = last {
                    self.nodes[l.index()].next_sibling = Some(child);
                }
                self.nodes[first.index()].prev = Some(child);
                last
            }
        };
        let c = &mut self.nodes[child.index()];
        c.parent = Some(parent);
        c.prev = prev;
        c.next_sibling = None;
    }

    /// Inserts `new` just before `sibling`, detaching it from wherever it was.
    pub fn insert_before(&mut self, sibling: NodeId, new: NodeId) {
        self.detach(new);
        let Some(parent) = self.parent(sibling) else {
            return;
        };
        // The sibling's `prev` (its previous sibling, or the last child when it is the first)
        // becomes the new node's in either case.
        let prev = self.node(sibling).prev;
        if self.node(parent).first_child == Some(sibling) {
            self.links_mut(parent).first_child = Some(new);
        } else if let Some(p) = prev {
            self.links_mut(p).next_sibling = Some(new);
        }
        self.links_mut(sibling).prev = Some(new);
        let n = self.links_mut(new);
        n.parent = Some(parent);
        n.prev = prev;
        n.next_sibling = Some(sibling);
    }

    /// Puts `new` where `old` was; `old` ends up unattached.
    pub fn replace(&mut self, old: NodeId, new: NodeId) {
        if old == new {
            return;
        }
        self.insert_before(old, new);
        self.detach(old);
    }

    /// Puts `wrapper` (a new, unattached element) where the run of siblings `first..=last` is and
    /// moves the run into it, in order. Only the run's ends change their sibling links, so this
    /// costs one parent update per node moved.
    pub fn wrap_run(&mut self, first: NodeId, last: NodeId, wrapper: NodeId) {
        if self.parent(first).is_none() || self.parent(first) != self.parent(last) {
            return;
        }
        self.insert_before(first, wrapper);
        let after = self.next_sibling(last);
        match after {
            Some(a) => self.links_mut(a).prev = Some(wrapper),
            None => {
                // The wrapper is now the last child: the first child names it.
                let first_of_parent = self.parent(wrapper).and_then(|p| self.first_child(p));
                if let Some(f) = first_of_parent {
                    self.links_mut(f).prev = Some(wrapper);
                }
            }
        }
        self.links_mut(wrapper).next_sibling = after;
        self.links_mut(first).prev = Some(last);
        self.links_mut(last).next_sibling = None;
        self.links_mut(wrapper).first_child = Some(first);
        if let Some(parent) = self.parent(wrapper) {
            if let Some(journal) = self.journal.as_mut().filter(|j| parent.index() < j.base) {
                if journal.first(parent, SAVED_REPARENTED) {
                    journal.reparented.push(parent);
                }
            }
        }
        let mut cur = Some(first);
        while let Some(c) = cur {
            self.nodes[c.index()].parent = Some(wrapper);
            cur = if c == last {
                None
            } else {
                self.next_sibling(c)
            };
        }
    }

    /// Moves every child of `from` to the end of `to`.
    pub fn move_children(&mut self, from: NodeId, to: NodeId) {
        while let Some(c) = self.first_child(from) {
            self.append(to, c);
        }
    }

    /// Replaces `id` by its children (keeps the content, drops the wrapper).
    pub fn unwrap_node(&mut self, id: NodeId) {
        while let Some(c) = self.first_child(id) {
            self.insert_before(id, c);
        }
        self.detach(id);
    }

    /// Appends text to `parent`, merging with a trailing text node as parsers do (so, like
    /// `push_text`, for front ends building the tree, not once extraction has begun).
    pub fn append_text(&mut self, parent: NodeId, text: &str) {
        if let Some(last) = self.last_child(parent) {
            if self.push_text(last, text) {
                return;
            }
        }
        let t = self.new_text(text);
        self.append(parent, t);
    }

    /// Copies the subtree at `id` (from this tree) and returns the copy's root, unattached.
    pub fn deep_clone(&mut self, id: NodeId) -> NodeId {
        let copy_root = self.copy_node(id);
        // (source, copy-parent) pairs; an explicit stack instead of recursion.
        let mut stack: Vec<(NodeId, NodeId)> = Vec::new();
        let mut child = self.last_child(id);
        while let Some(c) = child {
            stack.push((c, copy_root));
            child = self.prev_sibling(c);
        }
        while let Some((src, parent_copy)) = stack.pop() {
            let copy = self.copy_node(src);
            self.append(parent_copy, copy);
            let mut child = self.last_child(src);
            while let Some(c) = child {
                stack.push((c, copy));
                child = self.prev_sibling(c);
            }
        }
        copy_root
    }

    /// A new unattached node with `id`'s name, attributes or text (its own copy of them).
    fn copy_node(&mut self, id: NodeId) -> NodeId {
        let payload = match self.node(id).payload {
            Payload::Element {
                name,
                namespace,
                attrs,
                attr_count,
            } => {
                let copy_start = self.copy_attr_list(attrs, attr_count);
                let (attrs, attr_count) = self.seal_attr_list(copy_start);
                Payload::Element {
                    name,
                    namespace,
                    attrs,
                    attr_count,
                }
            }
            // Texts are never changed in place once another is written after them, and a
            // copy may share the characters.
            other => other,
        };
        self.new_node(payload)
    }

    /// Checks the link invariants: every child's parent is its parent, sibling chains agree in
    /// both directions, first/last children match the chain ends, and no node is its own
    /// ancestor. Called by tests and debug builds.
    pub fn validate(&self) -> Result<(), String> {
        let mut seen = vec![false; self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            let id = NodeId::from_index(i);
            let mut prev: Option<NodeId> = None;
            let mut child = n.first_child;
            let mut steps = 0usize;
            while let Some(c) = child {
                steps += 1;
                if steps > self.nodes.len() {
                    return Err(format!("{id:?}: sibling chain has a cycle"));
                }
                if seen[c.index()] {
                    return Err(format!("{c:?} is a child twice"));
                }
                seen[c.index()] = true;
                let cn = self.node(c);
                if cn.parent != Some(id) {
                    return Err(format!("{c:?}: parent is {:?}, expected {id:?}", cn.parent));
                }
                if prev.is_some() && cn.prev != prev {
                    return Err(format!("{c:?}: previous sibling mismatch"));
                }
                prev = Some(c);
                child = cn.next_sibling;
            }
            if let Some(f) = n.first_child {
                if self.node(f).prev != prev {
                    return Err(format!("{id:?}: the first child does not name the last"));
                }
            }
        }
        for (i, n) in self.nodes.iter().enumerate() {
            if n.parent.is_some() && !seen[i] {
                return Err(format!("#{i} names a parent that does not list it"));
            }
        }
        // Parent chains must end: walk each chain up to a node already known to end, marking
        // the walk; meeting a node of the current walk again is a cycle. Linear overall.
        let mut state = vec![0u8; self.nodes.len()]; // 0 unknown, 1 on this walk, 2 ends
        for i in 0..self.nodes.len() {
            let mut path = Vec::new();
            let mut cur = Some(NodeId::from_index(i));
            while let Some(c) = cur {
                match state[c.index()] {
                    2 => break,
                    1 => return Err(format!("{c:?}: parent chain has a cycle")),
                    _ => {
                        state[c.index()] = 1;
                        path.push(c);
                        cur = self.node(c).parent;
                    }
                }
            }
            for p in path {
                state[p.index()] = 2;
            }
        }
        Ok(())
    }

    /// The `<html>`, `<head>` and `<body>` elements, where present.
    pub fn document_element(&self) -> Option<NodeId> {
        self.element_children(self.root()).next()
    }

    pub fn head(&self) -> Option<NodeId> {
        let html = self.document_element()?;
        self.element_children(html).find(|&c| self.is(c, "head"))
    }

    pub fn body(&self) -> Option<NodeId> {
        let html = self.document_element()?;
        self.element_children(html).find(|&c| self.is(c, "body"))
    }
}

impl Node {
    fn new(payload: Payload) -> Self {
        Node {
            parent: None,
            first_child: None,
            prev: None,
            next_sibling: None,
            payload,
        }
    }
}

pub struct Children<'a> {
    tree: &'a Tree,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.tree.next_sibling(cur);
        Some(cur)
    }
}

pub struct Descendants<'a> {
    tree: &'a Tree,
    scope: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.tree.next_in_order(cur, self.scope, false);
        Some(cur)
    }
}

pub struct Ancestors<'a> {
    tree: &'a Tree,
    next: Option<NodeId>,
}

impl Iterator for Ancestors<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.tree.parent(cur);
        Some(cur)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_detach_and_order() {
        let mut t = Tree::new();
        let body = t.new_html_element("body");
        t.append(t.root(), body);
        let p1 = t.new_html_element("p");
        let p2 = t.new_html_element("p");
        t.append(body, p2);
        t.insert_before(p2, p1);
        t.append_text(p1, "a");
        t.append_text(p1, "b");
        t.append_text(p2, "c");
        assert_eq!(t.text_content(body), "abc");
        t.validate().unwrap();
        t.detach(p1);
        assert_eq!(t.text_content(body), "c");
        t.validate().unwrap();
        let copy = t.deep_clone(p2);
        t.append(body, copy);
        assert_eq!(t.text_content(body), "cc");
        t.unwrap_node(p2);
        assert_eq!(t.children(body).count(), 2);
        t.validate().unwrap();
    }

    #[test]
    fn prev_in_order_walks_document_order_backwards() {
        // <body><p>a<b>b</b></p><p>c</p></body>, then back from "c" to the body's first child.
        let mut t = Tree::new();
        let body = t.new_html_element("body");
        t.append(t.root(), body);
        let (p1, b, p2) = (
            t.new_html_element("p"),
            t.new_html_element("b"),
            t.new_html_element("p"),
        );
        t.append(body, p1);
        t.append_text(p1, "a");
        t.append(p1, b);
        t.append_text(b, "b");
        t.append(body, p2);
        t.append_text(p2, "c");
        let c = t.first_child(p2).unwrap();
        let back: Vec<NodeId> =
            std::iter::successors(Some(c), |&n| t.prev_in_order(n, body)).collect();
        let forward: Vec<NodeId> =
            std::iter::successors(Some(p1), |&n| t.next_in_order(n, body, false)).collect();
        assert_eq!(back.iter().rev().copied().collect::<Vec<_>>(), forward);
        assert_eq!(
            t.prev_in_order(p1, body),
            None,
            "the scope is never returned"
        );
    }

    #[test]
    fn rollback_undoes_every_change_since_the_checkpoint() {
        let mut t = Tree::new();
        let body = t.new_html_element("body");
        t.append(t.root(), body);
        for i in 0..5 {
            let p = t.new_html_element("p");
            t.append(body, p);
            t.append_text(p, &format!("para {i}"));
        }
        let before = crate::dom::serialize::outer_html(&t, body);
        let size = t.capacity();
        let cp = t.checkpoint();
        let kids: Vec<NodeId> = t.children(body).collect();
        t.detach(kids[1]);
        t.rename(kids[0], "h2");
        let wrap = t.new_html_element("div");
        t.insert_before(kids[3], wrap);
        t.append(wrap, kids[3]);
        t.append(wrap, kids[4]);
        t.unwrap_node(kids[2]);
        t.set_attr(kids[0], "class", "x");
        let run = t.new_html_element("p");
        let (first, last) = (kids[0], t.children(body).nth(1).unwrap());
        t.wrap_run(first, last, run);
        t.validate().unwrap();
        assert_eq!(t.children(run).count(), 2);
        let first_text = t.first_child(first).unwrap();
        t.push_text(first_text, " and grown");
        assert_ne!(crate::dom::serialize::outer_html(&t, body), before);
        t.rollback(cp);
        assert_eq!(crate::dom::serialize::outer_html(&t, body), before);
        assert_eq!(t.capacity(), size);
        t.validate().unwrap();
    }

    /// Random edits, checked after every step: the backward links (the previous sibling, and
    /// the last child kept in the first child's `prev`) agree with the forward chains, the
    /// invariants of `validate` hold, and rollback restores every child list of the checkpoint.
    #[test]
    fn random_edits_keep_the_links_consistent() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = |n: usize| crate::dom::test_random_below(&mut seed, n);
        let mut t = Tree::new();
        let mut ids = vec![t.root()];
        for _ in 0..40 {
            ids.push(t.new_html_element("div"));
        }
        let children_of = |t: &Tree, id: NodeId| -> Vec<NodeId> { t.children(id).collect() };
        let check = |t: &Tree, ids: &[NodeId]| {
            t.validate().unwrap();
            for &id in ids {
                let kids = children_of(t, id);
                assert_eq!(t.last_child(id), kids.last().copied());
                for (i, &k) in kids.iter().enumerate() {
                    let prev = if i == 0 { None } else { Some(kids[i - 1]) };
                    assert_eq!(t.prev_sibling(k), prev);
                }
                if t.parent(id).is_none() {
                    assert_eq!((t.prev_sibling(id), t.next_sibling(id)), (None, None));
                }
            }
        };
        let mut checkpoint = None;
        let mut saved: Vec<Vec<NodeId>> = Vec::new();
        for step in 0..3000 {
            let a = ids[1 + rand(ids.len() - 1)];
            let b = ids[rand(ids.len())];
            // Never make a node its own ancestor.
            let safe = !t.contains(a, b);
            match rand(6) {
                0 | 1 if safe => t.append(b, a),
                2 if safe && b != t.root() && t.parent(b).is_some() => t.insert_before(b, a),
                3 => t.detach(a),
                4 => {
                    let kids = children_of(&t, b);
                    if !kids.is_empty() {
                        let i = rand(kids.len());
                        let j = i + rand(kids.len() - i);
                        let w = t.new_html_element("p");
                        ids.push(w);
                        t.wrap_run(kids[i], kids[j], w);
                    }
                }
                5 if a != b && t.parent(a).is_some() => t.unwrap_node(a),
                _ => {}
            }
            check(&t, &ids);
            if step == 1000 {
                saved = ids.iter().map(|&id| children_of(&t, id)).collect();
                checkpoint = Some((t.checkpoint(), ids.len()));
            }
        }
        let (cp, count) = checkpoint.unwrap();
        t.rollback(cp);
        ids.truncate(count);
        check(&t, &ids);
        let now: Vec<Vec<NodeId>> = ids.iter().map(|&id| children_of(&t, id)).collect();
        assert_eq!(now, saved);
    }

    /// Attribute lists live end to end in one store and a change writes the element's list
    /// anew: random sets, removals and replacements, each element against a model of what it
    /// should hold, before and after a rollback to a checkpoint taken midway.
    #[test]
    fn attribute_edits_touch_only_their_element_and_roll_back() {
        let mut seed = 0x51a7_7e0d_u64;
        let mut rand = |n: usize| crate::dom::test_random_below(&mut seed, n);
        let names = ["class", "id", "src", "data-x", "href"];
        let values = ["a", "", "a value longer than twenty-four bytes", "b c"];
        let mut t = Tree::new();
        let mut model: Vec<Vec<(String, String)>> = Vec::new();
        let mut ids = Vec::new();
        for i in 0..30 {
            let attrs: Vec<(String, String)> = names[..i % 4]
                .iter()
                .map(|n| (n.to_string(), values[i % values.len()].to_string()))
                .collect();
            let list: Vec<Attribute> = attrs
                .iter()
                .map(|(n, v)| Attribute {
                    name: t.intern(n),
                    value: v.as_str().into(),
                })
                .collect();
            ids.push(t.new_element("div", Namespace::Html, list));
            model.push(attrs);
        }
        let held = |t: &Tree, id: NodeId| -> Vec<(String, String)> {
            let e = t.element(id).unwrap();
            e.attrs
                .iter()
                .map(|a| (a.name.to_string(), a.value.to_string()))
                .collect()
        };
        let mut saved = None;
        for step in 0..2000 {
            let k = rand(ids.len());
            let (name, value) = (names[rand(names.len())], values[rand(values.len())]);
            match rand(3) {
                0 => {
                    t.set_attr(ids[k], name, value);
                    match model[k].iter_mut().find(|(n, _)| n == name) {
                        Some(a) => a.1 = value.to_string(),
                        None => model[k].push((name.to_string(), value.to_string())),
                    }
                }
                1 => {
                    t.remove_attr(ids[k], name);
                    model[k].retain(|(n, _)| n != name);
                }
                _ => {
                    let list = vec![Attribute {
                        name: t.intern(name),
                        value: value.into(),
                    }];
                    t.set_attrs(ids[k], list);
                    model[k] = vec![(name.to_string(), value.to_string())];
                }
            }
            for (i, &id) in ids.iter().enumerate() {
                assert_eq!(held(&t, id), model[i], "step {step}, element {i}");
            }
            if step == 1000 {
                saved = Some((t.checkpoint(), model.clone()));
            }
        }
        let (cp, model) = saved.unwrap();
        t.rollback(cp);
        for (i, &id) in ids.iter().enumerate() {
            assert_eq!(held(&t, id), model[i], "after rollback, element {i}");
            let copy = t.deep_clone(id);
            assert_eq!(held(&t, copy), model[i], "a copy of element {i}");
        }
    }

    /// An element keeps at most 65,535 attributes (the length an element holds); one with
    /// more keeps the first ones, and its neighbours keep theirs.
    #[test]
    fn an_element_keeps_at_most_65535_attributes() {
        let mut t = Tree::new();
        let name = t.intern("data-a");
        let many = (0..70_000).map(|i| Attribute {
            name: Rc::clone(&name),
            value: i.to_string().into(),
        });
        let big = t.new_element("p", Namespace::Html, many);
        let id = t.intern("id");
        let next = t.new_element(
            "p",
            Namespace::Html,
            [Attribute {
                name: id,
                value: "next".into(),
            }],
        );
        let held = t.element(big).unwrap().attrs;
        assert_eq!(held.len(), 65_535);
        assert_eq!(held.last().unwrap().value, "65534");
        t.set_attr(big, "class", "x");
        assert_eq!(t.element(big).unwrap().attrs.len(), 65_535);
        assert_eq!(t.attr(next, "id"), Some("next"));
    }

    #[test]
    fn deep_trees_need_no_recursion() {
        let mut t = Tree::new();
        let mut cur = t.root();
        for _ in 0..200_000 {
            let d = t.new_html_element("div");
            t.append(cur, d);
            cur = d;
        }
        t.append_text(cur, "deep");
        assert_eq!(t.text_content(t.root()), "deep");
        assert_eq!(t.descendants(t.root()).count(), 200_001);
        let copy = t.deep_clone(t.root());
        assert_eq!(t.text_content(copy), "deep");
        t.validate().unwrap();
    }
}
