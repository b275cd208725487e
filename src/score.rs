//! Scoring: per-node text statistics, class weights and candidate scores, all in side tables.
//!
//! `Stats` are computed bottom-up in one linear pass (reverse document order visits children
//! before parents) instead of re-walking each subtree per question, which is what makes
//! Readability-style heuristics quadratic on deep pages.

use std::borrow::Cow;

use crate::ascii_word::{
    ascii_space_mask, ascii_word, count_marked, equal_bytes, is_ascii_space, HIGHS,
};
use crate::dom::{NodeId, Tree};
use crate::patterns;
use crate::text_util;

/// Text statistics of one subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Characters of text, whitespace runs counted once.
    pub text_len: u32,
    /// Characters of text inside links, in tenths of a character: a link to a place in the
    /// page (`#...`) counts three tenths a character, any other ten. Whole numbers, so that
    /// sums are exact in any order and a table kept up to date by subtraction (see
    /// `StatsTable::forget_subtree`) holds what a fresh computation would.
    pub link_tenths: u32,
    pub commas: u32,
    pub paragraphs: u32,
    pub images: u32,
    pub list_items: u32,
    pub inputs: u32,
    pub embeds: u32,
    /// Characters of text inside headings.
    pub heading_len: u32,
    /// Characters of text inside list items.
    pub list_len: u32,
    /// Media and other content that has no text of its own (images, video, svg, math, tables, hr).
    pub media: u32,
    /// Video players: `<video>` and embeds from known video hosts.
    pub videos: u32,
}

impl Stats {
    /// The stats of a subtree that holds text and nothing else the stats count.
    fn plain(text_len: u32, commas: u32) -> Stats {
        Stats {
            text_len,
            commas,
            ..Stats::default()
        }
    }

    pub fn link_density(&self) -> f32 {
        if self.text_len == 0 {
            0.0
        } else {
            // (Exact below 2^24 characters, as the division of the plain lengths would be.)
            self.link_tenths as f32 / (self.text_len as f32 * 10.0)
        }
    }

    fn add(&mut self, o: &Stats) {
        self.text_len += o.text_len;
        self.link_tenths += o.link_tenths;
        self.commas += o.commas;
        self.paragraphs += o.paragraphs;
        self.images += o.images;
        self.list_items += o.list_items;
        self.inputs += o.inputs;
        self.embeds += o.embeds;
        self.heading_len += o.heading_len;
        self.list_len += o.list_len;
        self.media += o.media;
        self.videos += o.videos;
    }

    fn sub(&mut self, o: &Stats) {
        self.text_len = self.text_len.saturating_sub(o.text_len);
        self.link_tenths = self.link_tenths.saturating_sub(o.link_tenths);
        self.commas = self.commas.saturating_sub(o.commas);
        self.paragraphs = self.paragraphs.saturating_sub(o.paragraphs);
        self.images = self.images.saturating_sub(o.images);
        self.list_items = self.list_items.saturating_sub(o.list_items);
        self.inputs = self.inputs.saturating_sub(o.inputs);
        self.embeds = self.embeds.saturating_sub(o.embeds);
        self.heading_len = self.heading_len.saturating_sub(o.heading_len);
        self.list_len = self.list_len.saturating_sub(o.list_len);
        self.media = self.media.saturating_sub(o.media);
        self.videos = self.videos.saturating_sub(o.videos);
    }
}

// What an element's name makes it count for in its stats: a kind (low bits) and flags.
const KIND_MASK: u8 = 0x0f;
const KIND_LINK: u8 = 1;
const KIND_PARAGRAPH: u8 = 2;
const KIND_IMAGE: u8 = 3;
const KIND_LIST_ITEM: u8 = 4;
const KIND_INPUT: u8 = 5;
const KIND_EMBED: u8 = 6;
const KIND_HEADING: u8 = 7;
/// Media and other content that has no text of its own.
const IS_MEDIA: u8 = 0x10;
/// `<video>` itself (other embeds are videos when their address is a known player's).
const IS_VIDEO_TAG: u8 = 0x20;

fn element_kind(name: &str) -> u8 {
    let kind = match name {
        "a" => KIND_LINK,
        "p" => KIND_PARAGRAPH,
        "img" => KIND_IMAGE,
        "li" => KIND_LIST_ITEM,
        "input" | "select" | "textarea" | "button" => KIND_INPUT,
        "embed" | "object" | "iframe" | "audio" => KIND_EMBED,
        "video" => KIND_EMBED | IS_VIDEO_TAG,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => KIND_HEADING,
        _ => 0,
    };
    let media = matches!(
        name,
        "img"
            | "picture"
            | "video"
            | "audio"
            | "iframe"
            | "embed"
            | "object"
            | "svg"
            | "math"
            | "table"
            | "hr"
    );
    kind | if media { IS_MEDIA } else { 0 }
}

/// What an element adds to its children's sums: itself, counted by kind, and the lengths it
/// takes from its own text.
fn add_own(tree: &Tree, id: NodeId, kind: u8, s: &mut Stats) {
    match kind & KIND_MASK {
        KIND_PARAGRAPH => s.paragraphs += 1,
        KIND_IMAGE => s.images += 1,
        KIND_LIST_ITEM => s.list_items += 1,
        KIND_INPUT => s.inputs += 1,
        KIND_EMBED => {
            s.embeds += 1;
            if kind & IS_VIDEO_TAG != 0 || crate::clean::is_video_embed(tree, id) {
                s.videos += 1;
            }
        }
        _ => {}
    }
    set_own_lengths(tree, id, kind, s);
    if kind & IS_MEDIA != 0 {
        s.media += 1;
    }
}

/// The lengths an element takes from its own text rather than from its children's sums: a
/// link's text is all link text (weighted by where it leads), a list item's all list text, a
/// heading's all heading text, however their children counted it.
fn set_own_lengths(tree: &Tree, id: NodeId, kind: u8, s: &mut Stats) {
    match kind & KIND_MASK {
        KIND_LINK => {
            let tenths = match tree.attr(id, "href") {
                Some(h) if h.starts_with('#') && h.len() > 1 => 3,
                _ => 10,
            };
            s.link_tenths = s.text_len.saturating_mul(tenths);
        }
        KIND_LIST_ITEM => s.list_len = s.text_len,
        KIND_HEADING => s.heading_len = s.text_len,
        _ => {}
    }
}

/// Stats for every element under a scope. Text nodes have none of their own (their measures go
/// straight into their parent's). Most elements of a page hold text and nothing else the stats
/// count (a `<span>`, a `<b>`, many a `<div>`): their length and commas are packed into the
/// element's 4-byte slot itself, with nothing stored elsewhere, which on a page of a million
/// tiny elements is most of the table.
pub struct StatsTable {
    /// By node index: `NO_SLOT`; or, `PLAIN` bit set, a plain element's text length and commas
    /// (see `pack_plain`); or the index of its stats in `full`.
    slot: Vec<u32>,
    full: Vec<Stats>,
    /// What each element name of the tree counts for (`element_kind`), by name key.
    kinds: Vec<u8>,
}

const NO_SLOT: u32 = u32::MAX;
const PLAIN: u32 = 1 << 31;
/// Bits of a packed plain slot for the commas; the text length takes the 21 above them.
const PLAIN_COMMA_BITS: u32 = 10;
const PLAIN_MAX_LEN: u32 = (1 << (31 - PLAIN_COMMA_BITS)) - 2;

/// A plain element's length and commas in one slot, when they fit (the largest packed value
/// stays below `NO_SLOT`).
fn pack_plain(text_len: u32, commas: u32) -> Option<u32> {
    (text_len <= PLAIN_MAX_LEN && commas < (1 << PLAIN_COMMA_BITS))
        .then_some(PLAIN | (text_len << PLAIN_COMMA_BITS) | commas)
}

fn unpack_plain(k: u32) -> (u32, u32) {
    (
        (k & !PLAIN) >> PLAIN_COMMA_BITS,
        k & ((1 << PLAIN_COMMA_BITS) - 1),
    )
}

impl StatsTable {
    /// One pass over `scope`'s subtree, taking text measures from `cache` where it has them.
    ///
    /// The walk visits children before their parents, last child first (reverse document
    /// order), keeping the running sums of the nodes on the path from the scope down in a
    /// stack: nothing is stored for a node until its subtree is complete.
    pub fn compute_with(tree: &Tree, scope: NodeId, cache: &TextCache) -> StatsTable {
        // What each element name counts for, decided once per name instead of per element.
        let kinds: Vec<u8> = tree.names_by_key().map(element_kind).collect();
        let mut table = StatsTable {
            slot: vec![NO_SLOT; tree.capacity()],
            full: Vec::new(),
            kinds,
        };
        let mut path: Vec<Stats> = Vec::new();
        let descend = |mut n: NodeId, path: &mut Vec<Stats>| {
            path.push(Stats::default());
            while let Some(c) = tree.last_child(n) {
                path.push(Stats::default());
                n = c;
            }
            n
        };
        let mut cur = descend(scope, &mut path);
        loop {
            // The sums of `cur`'s children, complete now.
            let mut s = path.pop().unwrap_or_default();
            let childless_text = cur != scope && tree.first_child(cur).is_none();
            if let Some((len, commas)) = cache.get(cur).filter(|_| childless_text) {
                // A text measured before (most texts): only its length and commas go up, and
                // it has no stats of its own. (A text has no children in any tree a front end
                // builds; one that had would take the general path and keep their sums.)
                if let Some(parent_sums) = path.last_mut() {
                    parent_sums.text_len += len;
                    parent_sums.commas += commas;
                }
                cur = match tree.prev_sibling(cur) {
                    Some(p) => descend(p, &mut path),
                    None => match tree.parent(cur) {
                        Some(p) => p,
                        None => break,
                    },
                };
                continue;
            }
            if let Some(key) = tree.element_name_key(cur) {
                let kind = table.kinds.get(key.index()).copied().unwrap_or(0);
                add_own(tree, cur, kind, &mut s);
            } else if let Some(t) = tree.text(cur) {
                // A text made after the cache (or too long to pack in it).
                let (len, commas) = measure(t);
                s.text_len = len;
                s.commas = commas;
            }
            if cur == scope || tree.is_element(cur) {
                table.store(cur, &s);
            }
            if cur == scope {
                break;
            }
            if let Some(parent_sums) = path.last_mut() {
                parent_sums.add(&s);
            }
            cur = match tree.prev_sibling(cur) {
                Some(p) => descend(p, &mut path),
                None => match tree.parent(cur) {
                    Some(p) => p,
                    None => break,
                },
            };
        }
        table
    }

    fn store(&mut self, id: NodeId, s: &Stats) {
        let packed = if *s == Stats::plain(s.text_len, s.commas) {
            pack_plain(s.text_len, s.commas)
        } else {
            None
        };
        // Full stats beyond `PLAIN` entries would be unaddressable; a page that large is far
        // past every size limit, and its remaining elements read as empty.
        let k = match packed {
            Some(k) => k,
            None if self.full.len() < PLAIN as usize => {
                self.full.push(*s);
                (self.full.len() - 1) as u32
            }
            None => NO_SLOT,
        };
        if id.index() >= self.slot.len() {
            // An element made after the computation (`count_wrapper`).
            self.slot.resize(id.index() + 1, NO_SLOT);
        }
        if let Some(slot) = self.slot.get_mut(id.index()) {
            *slot = k;
        }
    }

    /// True when `id` is an element that was under the scope at computation time.
    pub fn reached(&self, id: NodeId) -> bool {
        self.slot.get(id.index()).is_some_and(|&k| k != NO_SLOT)
    }

    /// The stats of an element (empty for a text node or a node outside the scope).
    pub fn get(&self, id: NodeId) -> Stats {
        match self.slot.get(id.index()) {
            Some(&NO_SLOT) | None => Stats::default(),
            Some(&k) if k & PLAIN != 0 => {
                let (text_len, commas) = unpack_plain(k);
                Stats::plain(text_len, commas)
            }
            Some(&k) => self.full.get(k as usize).copied().unwrap_or_default(),
        }
    }

    /// Keeps ancestors' stats true after `id`'s subtree is removed from the tree (call before
    /// detaching, while the ancestors are still reachable): each ancestor holds what a fresh
    /// computation without the subtree would give.
    pub fn forget_subtree(&mut self, tree: &Tree, id: NodeId) {
        let gone = match tree.text(id) {
            // A text has no entry: its measures went straight into its parent's sums.
            Some(t) => {
                let (len, commas) = measure(t);
                Stats::plain(len, commas)
            }
            None => self.get(id),
        };
        self.change_ancestors(tree, id, gone, Stats::default());
    }

    /// Gives `wrapper`, a new element that took the place of a run of siblings and holds them
    /// now, its entry. Its ancestors' sums are left as they are: the caller passes the change
    /// of the place up once for all its wrappers (`recount_place`).
    pub fn count_wrapper(&mut self, tree: &Tree, wrapper: NodeId, cache: &TextCache) {
        self.count_from_children(tree, wrapper, cache);
    }

    /// Keeps the table true after the element at a place changed below or in itself (renamed,
    /// given wrappers, or put there instead of what was), its children's entries being true:
    /// `id`'s entry is made again from them, and the difference from `counted`, what its
    /// ancestors' sums hold for the place, goes up to them.
    pub fn recount_place(&mut self, tree: &Tree, id: NodeId, counted: Stats, cache: &TextCache) {
        let s = self.count_from_children(tree, id, cache);
        self.change_ancestors(tree, id, counted, s);
    }

    /// Makes `id`'s entry again from its children's entries and texts; the entry.
    fn count_from_children(&mut self, tree: &Tree, id: NodeId, cache: &TextCache) -> Stats {
        let mut s = self.children_sums(tree, id, cache);
        add_own(tree, id, self.kind_of(tree, id), &mut s);
        self.put(id, &s);
        s
    }

    /// The sums of `id`'s children: their entries, and the measures of its texts.
    fn children_sums(&self, tree: &Tree, id: NodeId, cache: &TextCache) -> Stats {
        let mut sums = Stats::default();
        for c in tree.children(id) {
            match tree.text(c) {
                Some(t) => {
                    let (len, commas) = cache.get(c).unwrap_or_else(|| measure(t));
                    sums.text_len += len;
                    sums.commas += commas;
                }
                None => sums.add(&self.get(c)),
            }
        }
        sums
    }

    /// Passes a change of `id`'s stats (from `was` to `now`) up to its ancestors in the table,
    /// so that each holds what a fresh computation would give. The change itself changes on
    /// the way up where an ancestor sets a length from its own text (a link inside a list
    /// item, say), and ends where it comes to nothing.
    fn change_ancestors(&mut self, tree: &Tree, id: NodeId, mut was: Stats, mut now: Stats) {
        for a in tree.ancestors(id) {
            if was == now {
                break;
            }
            if !self.reached(a) {
                // Above the scope, or made after the computation: nothing of it to keep true.
                continue;
            }
            let old = self.get(a);
            let mut new = old;
            new.sub(&was);
            new.add(&now);
            set_own_lengths(tree, a, self.kind_of(tree, a), &mut new);
            (was, now) = (old, new);
            self.put(a, &new);
        }
    }

    /// What `id`'s element name counts for (nothing for other nodes).
    fn kind_of(&self, tree: &Tree, id: NodeId) -> u8 {
        tree.element_name_key(id)
            .map_or(0, |key| match self.kinds.get(key.index()) {
                Some(&kind) => kind,
                // A name first used after the computation.
                None => element_kind(tree.name(id)),
            })
    }

    /// Replaces the stats of an element already in the table, reusing its entry.
    fn put(&mut self, id: NodeId, s: &Stats) {
        match self.slot.get(id.index()) {
            Some(&k) if k != NO_SLOT && k & PLAIN == 0 => {
                if let Some(f) = self.full.get_mut(k as usize) {
                    *f = *s;
                }
            }
            _ => self.store(id, s),
        }
    }
}

/// Text measures (normalized length, commas) of every text node of a tree, taken once: the
/// stages compute statistics several times per attempt, and text never changes after preparation.
#[derive(Default)]
pub struct TextCache {
    /// By node index, 4 bytes a node: a text's length + 1 in the low `LEN_BITS` bits and its
    /// commas above; 0 for other nodes (the table starts as zeroed memory) and for the rare text
    /// too long or too comma-rich to pack, which is measured again when asked.
    measures: Vec<u32>,
}

const LEN_BITS: u32 = 22;

impl TextCache {
    pub fn build(tree: &Tree) -> TextCache {
        let mut measures = vec![0u32; tree.capacity()];
        // Texts not (yet) in the document are measured too: harmless, as texts never change.
        for (id, t) in tree.arena_texts() {
            let (len, commas) = measure(t);
            if len + 1 < (1 << LEN_BITS) && commas < (1 << (32 - LEN_BITS)) {
                if let Some(m) = measures.get_mut(id.index()) {
                    *m = (len + 1) | (commas << LEN_BITS);
                }
            }
        }
        TextCache { measures }
    }

    /// A text's normalized length, when measured.
    pub fn normalized_len(&self, id: NodeId) -> Option<u32> {
        self.get(id).map(|(len, _)| len)
    }

    fn get(&self, id: NodeId) -> Option<(u32, u32)> {
        match self.measures.get(id.index()) {
            Some(&m) if m != 0 => Some(((m & ((1 << LEN_BITS) - 1)) - 1, m >> LEN_BITS)),
            _ => None,
        }
    }
}

/// Normalized length and commas of a text. The normalized length is the text's characters
/// other than white space plus one for each white-space run between two of them, that is, its
/// non-space characters plus its words less one. Runs of ASCII (most of any page: indentation,
/// English prose) are counted eight bytes at a time; other characters are decoded where they
/// start.
fn measure(t: &str) -> (u32, u32) {
    let bytes = t.as_bytes();
    let mut count = Counts {
        prev_space: true,
        ..Counts::default()
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if let Some(word) = ascii_word(bytes, i) {
            count.add_word(word);
            i += 8;
        } else if b < 0x80 {
            count.add(is_ascii_space(b), b == b',');
            i += 1;
        } else {
            let c = t
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(' ');
            count.add(c.is_whitespace(), crate::text_util::is_comma(c));
            i += c.len_utf8();
        }
    }
    let len = count.solid + count.starts.saturating_sub(1);
    (to_u32(len), to_u32(count.commas))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What `measure` tallies: non-space characters, word starts (a non-space character after a
/// space or at the start), commas; and whether the last character was a space.
#[derive(Default)]
struct Counts {
    solid: usize,
    starts: usize,
    commas: usize,
    prev_space: bool,
}

impl Counts {
    fn add(&mut self, space: bool, comma: bool) {
        self.solid += usize::from(!space);
        self.starts += usize::from(!space && self.prev_space);
        self.commas += usize::from(comma);
        self.prev_space = space;
    }

    /// Eight ASCII bytes at once (little-endian: the first byte is the lowest). Each mask has
    /// the high bit of a byte set where the byte is what it says.
    fn add_word(&mut self, word: u64) {
        let space = ascii_space_mask(word);
        let solid = !space & HIGHS;
        // Whether each byte's predecessor is a space: the masks moved up one byte, the first
        // byte's predecessor being the last byte counted before.
        let after_space = (space << 8) | if self.prev_space { 0x80 } else { 0 };
        self.solid += count_marked(solid);
        self.starts += count_marked(solid & after_space);
        self.commas += count_marked(equal_bytes(word, b','));
        self.prev_space = space >> 63 == 1;
    }
}

/// Length of a text trimmed, with each inner whitespace run counted as one character.
/// (The one pass of `measure`; `plain_normalized_len` in the tests is the definition.)
pub fn normalized_len(t: &str) -> u32 {
    measure(t).0
}

#[cfg(test)]
fn plain_normalized_len(t: &str) -> u32 {
    let mut n = 0u32;
    let mut pending_space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            pending_space = n > 0;
        } else {
            n += 1 + u32::from(pending_space);
            pending_space = false;
        }
    }
    n
}

/// Lower-case `class id` of an element, the string the vocabularies are matched against.
/// Borrowed from the tree when it is the class alone and already lower case (most elements with
/// a class): the walks ask it of every element, several times a page.
pub fn match_string(tree: &Tree, id: NodeId) -> Cow<'_, str> {
    let Some(e) = tree.element(id) else {
        return Cow::Borrowed("");
    };
    let (class, id_attr) = (e.attr("class"), e.attr("id"));
    match (class, id_attr) {
        (Some(c), None) => text_util::ascii_lowercase(c),
        (None, None) => Cow::Borrowed(""),
        _ => {
            let len = class.map_or(0, str::len) + id_attr.map_or(0, |i| 1 + i.len());
            let mut s = String::with_capacity(len);
            if let Some(c) = class {
                s.push_str(c);
            }
            if let Some(i) = id_attr {
                s.push(' ');
                s.push_str(i);
            }
            s.make_ascii_lowercase();
            Cow::Owned(s)
        }
    }
}

/// The class/id weight of an element: +25 per positive hint, -25 per negative one, judged
/// separately for class and id.
pub fn class_weight(tree: &Tree, id: NodeId) -> f32 {
    let Some(e) = tree.element(id) else {
        return 0.0;
    };
    let mut w = 0.0;
    for value in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        if value.is_empty() {
            continue;
        }
        let lower = text_util::ascii_lowercase(value);
        if patterns::NEGATIVE.found_in(&lower)
            || patterns::has_token(&lower, patterns::NEGATIVE_TOKENS)
        {
            w -= patterns::CLASS_WEIGHT;
        }
        if patterns::POSITIVE.found_in(&lower) {
            w += patterns::CLASS_WEIGHT;
        }
    }
    w
}

/// The starting score of a candidate by its tag: containers of prose start higher, lists and
/// headings lower.
pub fn tag_base_score(name: &str) -> f32 {
    match name {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The evidence one scored block gives: 1, plus one per comma-separated part, plus one per 100 characters (up to 3).
pub fn block_score(text_len: u32, commas: u32) -> f32 {
    2.0 + commas as f32 + (text_len / 100).min(3) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_measure_agrees_with_the_plain_definitions() {
        for t in [
            "",
            "  ",
            " a  b\n c ",
            "Hello, world, again.",
            "東京、大阪，京都",
            "x\u{a0}\u{a0}y،z",
            "\u{2003}é, ü ",
            "\n      \t  <tag-free text>,, and more,\u{a0}\u{a0}x \x0b\x0c\r\n",
            "a\u{a0}b, c\u{3001}d\u{ff0c}e  ,f",
            "\x1c\x1f control, not space",
            "   ",
            "é",
        ] {
            assert_eq!(
                measure(t),
                (
                    plain_normalized_len(t),
                    crate::text_util::count_commas(t) as u32
                ),
                "{t:?}"
            );
        }
    }

    /// The same on random texts, ASCII ones (counted a word at a time) and mixed ones.
    #[test]
    fn measure_agrees_with_the_plain_definitions_on_random_texts() {
        let texts = crate::text_util::random_texts(0x5eed_4d3a, 20_000, 12);
        assert!(texts.iter().filter(|t| t.is_ascii()).count() > 1_000);
        for t in &texts {
            let expected = (
                plain_normalized_len(t),
                crate::text_util::count_commas(t) as u32,
            );
            assert_eq!(measure(t), expected, "{t:?}");
        }
    }

    /// The grab's blank-text test reads the measure: a text is blank exactly when its normalized
    /// length is 0.
    #[test]
    fn a_text_measures_zero_exactly_when_it_is_blank() {
        let pieces = [
            " ", "\t", "\n", "\r", "\x0b", "\x0c", "\u{a0}", "\u{2003}", "\u{3000}", "\u{85}",
            "\u{200b}", "\x1c", "\x00", "a", ",", "é", "、",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            let t = crate::dom::test_random_text(&mut state, 6, &pieces);
            assert_eq!(measure(&t).0 == 0, crate::text_util::is_blank(&t), "{t:?}");
        }
    }

    /// Random pages with links (to the page and elsewhere), list items and headings nested in
    /// each other: after subtrees are forgotten and detached one by one, every element left
    /// has the stats a fresh computation gives.
    #[test]
    fn forgetting_subtrees_matches_a_fresh_computation() {
        let pieces = [
            "<div>",
            "</div>",
            "<a href=\"#n\">",
            "<a href=\"/x\">",
            "</a>",
            "<li>",
            "</li>",
            "<h2>",
            "</h2>",
            "<p>",
            "<span>",
            "</span>",
            "<img>",
            "<video></video>",
            "one, two ",
            "three ",
            "\u{e9}t\u{e9}, ",
            " ",
        ];
        let mut state = 0x5eed_f0e7_u64;
        for _ in 0..400 {
            let page = crate::dom::test_random_text(&mut state, 60, &pieces);
            let mut t = crate::dom::html::parse_html(&format!("<body>{page}</body>"));
            let Some(body) = t.body() else { continue };
            let cache = TextCache::build(&t);
            let mut stats = StatsTable::compute_with(&t, body, &cache);
            for _ in 0..4 {
                let nodes: Vec<NodeId> = t.descendants(body).filter(|&d| d != body).collect();
                if nodes.is_empty() {
                    break;
                }
                let gone = nodes[crate::dom::test_random_below(&mut state, nodes.len())];
                stats.forget_subtree(&t, gone);
                t.detach(gone);
                let fresh = StatsTable::compute_with(&t, body, &cache);
                for e in t.descendants(body).filter(|&d| t.is_element(d)) {
                    assert_eq!(
                        stats.get(e),
                        fresh.get(e),
                        "{page:?} without {gone:?}, at {e:?}"
                    );
                }
            }
        }
    }

    /// Plain elements (packed into their slot) and full ones read back the same stats, and
    /// forgetting a subtree updates both kinds of ancestor.
    #[test]
    fn packed_and_full_stats_agree() {
        let t = crate::dom::html::parse_html(
            "<div><section><span>one, two</span><b>three</b></section><p>A paragraph, here.</p></div>",
        );
        let body = t.body().unwrap();
        let stats = StatsTable::compute_with(&t, body, &TextCache::build(&t));
        let find = |name: &str| t.find_first(body, name).unwrap();
        let (section, span, p, div) = (find("section"), find("span"), find("p"), find("div"));
        assert_ne!(stats.slot[section.index()] & PLAIN, 0, "section is plain");
        assert_eq!(stats.slot[p.index()] & PLAIN, 0, "p is full");
        assert_eq!((stats.get(span).text_len, stats.get(span).commas), (8, 1));
        assert_eq!(stats.get(section).text_len, 13);
        assert_eq!(stats.get(div).text_len, 31);
        assert_eq!(stats.get(div).paragraphs, 1);
        let mut stats = stats;
        stats.forget_subtree(&t, span);
        assert_eq!(
            (stats.get(section).text_len, stats.get(section).commas),
            (5, 0)
        );
        assert_eq!((stats.get(div).text_len, stats.get(div).commas), (23, 1));
        assert_eq!(pack_plain(PLAIN_MAX_LEN + 1, 0), None);
        assert_eq!(
            unpack_plain(pack_plain(PLAIN_MAX_LEN, 1023).unwrap()),
            (PLAIN_MAX_LEN, 1023)
        );
        assert!(pack_plain(PLAIN_MAX_LEN, 1023).unwrap() < NO_SLOT);
    }
}
