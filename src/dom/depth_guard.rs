//! Guards the native parser against pathological nesting.
//!
//! The HTML tree-construction algorithm scans the stack of open elements for many start tags
//! ("is there a `<p>` in button scope?"), so parsing cost grows with depth × tags: 100,000 nested
//! `<div>`s take minutes. Browsers avoid this by capping depth (Chromium attaches elements past
//! depth 512 to the element at the cap). `DepthWatch` does the equivalent for html5ever, on the
//! tokens on their way from the tokenizer to the tree builder, with a model of the open elements
//! that errs on the deep side (`Nesting`). A page is parsed once, watched: ordinary pages are
//! never nested anywhere near `TRIGGER` and are left exactly as they are. Past it, the parse is
//! abandoned and the page parsed again, flattened: the start and end tags of elements the model
//! puts deeper than `MAX_DEPTH` are not passed on (their text still is).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, LocalName};

use super::html::AtomHashing;

/// Elements nested deeper than this lose their tags when a page is flattened.
pub const MAX_DEPTH: usize = 512;
/// Nesting at which a page is flattened at all; well beyond real pages.
pub const TRIGGER: usize = 2048;

/// What the watch does with a page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Guard {
    /// Passes every token on; stops the parse once the nesting passes `TRIGGER`.
    Watch,
    /// Leaves out the tags of elements nested deeper than `MAX_DEPTH`; never stops.
    Flatten,
}

/// Whether a tag (as the tokenizer names it: lower case, an atom, compared as an integer) opens
/// a level of nesting. Not: elements without end tags, and those whose start tag closes an open
/// one of their kind (`<p>`, `<li>`, `<td>`...), which cannot nest without a nesting element
/// between them.
fn nests(name: &LocalName) -> bool {
    !matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("p")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("rb")
            | local_name!("rt")
            | local_name!("rp")
            | local_name!("param")
            | local_name!("keygen")
            | local_name!("image")
    )
}

/// The model of the open elements: how many of each nesting name are open, and passed on or
/// left out. It errs on the deep side: an end tag closes one level, and only if an element of
/// its name is open (the tree builder ignores the others, so a page of stray end tags cannot
/// hide its depth); an element the tree builder closes implicitly stays open here. Where the
/// tree builder ignores an end tag the model honours (one behind a table, say), the real stack
/// grows a few elements per level the model counts; the tests hold such pages to 4 × `MAX_DEPTH`.
struct Nesting {
    /// Open elements passed on to the tree builder, by name; `depth` is their sum.
    open: HashMap<LocalName, u32, AtomHashing>,
    depth: usize,
    /// Open elements whose tags were left out (flattening), by name.
    left_out: HashMap<LocalName, u32, AtomHashing>,
}

/// Adds one to `name`'s count in `counts` (the name is copied only the first time).
fn open_one(counts: &mut HashMap<LocalName, u32, AtomHashing>, name: &LocalName) {
    match counts.get_mut(name) {
        Some(n) => *n += 1,
        None => {
            counts.insert(name.clone(), 1);
        }
    }
}

/// Takes one off `name`'s count in `counts`; false if none was open.
fn close_one(counts: &mut HashMap<LocalName, u32, AtomHashing>, name: &LocalName) -> bool {
    match counts.get_mut(name) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    }
}

/// A token sink in front of `inner` that keeps the nesting model over the tags going by and
/// applies `guard`. Stopping empties `input`, so the tokenizer finishes at once, and nothing
/// more is passed on.
pub struct DepthWatch<'q, S> {
    pub inner: S,
    input: &'q BufferQueue,
    guard: Guard,
    nesting: RefCell<Nesting>,
    stopped: Cell<bool>,
}

impl<'q, S> DepthWatch<'q, S> {
    pub fn new(inner: S, input: &'q BufferQueue, guard: Guard) -> Self {
        DepthWatch {
            inner,
            input,
            guard,
            nesting: RefCell::new(Nesting {
                // A page uses a few dozen nesting names.
                open: HashMap::with_capacity_and_hasher(64, AtomHashing::default()),
                depth: 0,
                left_out: HashMap::default(),
            }),
            stopped: Cell::new(false),
        }
    }

    /// Whether the parse was stopped (nested past `TRIGGER`): its tree is incomplete.
    pub fn stopped(&self) -> bool {
        self.stopped.get()
    }

    /// Whether the tag is passed on to the tree builder; stops the parse when watching.
    fn pass_on(&self, kind: TagKind, name: &LocalName) -> bool {
        let mut model = self.nesting.borrow_mut();
        let Nesting {
            open,
            depth,
            left_out,
        } = &mut *model;
        match kind {
            TagKind::StartTag => match self.guard {
                Guard::Watch if *depth >= TRIGGER => {
                    self.stopped.set(true);
                    while self.input.pop_front().is_some() {}
                    false
                }
                Guard::Flatten if *depth >= MAX_DEPTH => {
                    open_one(left_out, name);
                    false
                }
                _ => {
                    open_one(open, name);
                    *depth += 1;
                    true
                }
            },
            TagKind::EndTag => {
                // The innermost element of the name first: left out ones are deeper.
                if close_one(left_out, name) {
                    false
                } else {
                    if close_one(open, name) {
                        *depth -= 1;
                    }
                    true
                }
            }
        }
    }
}

impl<S: TokenSink> TokenSink for DepthWatch<'_, S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if self.stopped.get() {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token {
            if !tag.self_closing && nests(&tag.name) && !self.pass_on(tag.kind, &tag.name) {
                return TokenSinkResult::Continue;
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// About how many nodes the parser will make from `html`: one per `<` (a start tag makes an
/// element; after an end tag a run of text usually follows), and never more than one per two
/// bytes, which no page's tree reaches. The tree reserves this much (with a margin) up front:
/// growing a vector of millions of nodes by doubling briefly holds the old and the new block,
/// which on a page of a million tiny elements was a tenth of the peak memory.
pub fn node_estimate(html: &str) -> usize {
    memchr::memchr_iter(b'<', html.as_bytes())
        .count()
        .min(html.len() / 2)
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn void_and_self_closing_kinds_do_not_nest() {
        for name in ["p", "li", "td", "br", "img", "image", "keygen", "optgroup"] {
            assert!(!nests(&LocalName::from(name)), "{name}");
        }
        for name in [
            "div",
            "span",
            "b",
            "table",
            "svg",
            "script",
            "custom-element",
        ] {
            assert!(nests(&LocalName::from(name)), "{name}");
        }
    }

    #[test]
    fn the_estimate_counts_openers_up_to_one_per_two_bytes() {
        assert_eq!(node_estimate("<p>a</p><!-- c -->"), 4);
        assert_eq!(node_estimate("<<<<<<<<"), 5);
        assert_eq!(node_estimate(""), 1);
    }
}
