//! The fast browser front end: a DOM walked in JavaScript (`extension/shared/encode.js`) arrives
//! as two values, a shape (numbers) and the concatenation of every string in walk order, and is
//! decoded here into the arena `Tree`.
//!
//! Why: walking the DOM from WASM through web-sys costs about ten JS↔WASM crossings and two
//! string conversions per element; the browser benchmark measured the walk at about a third of
//! Folio's time. Walked in JavaScript, the page crosses the boundary once as one typed array
//! and once as one string. The web-sys walk (`browser.rs`) stays as the reference: the parity
//! test checks that both give the same article on every corpus page.
//!
//! The shape, as `u32`s (string lengths in UTF-16 units, as JavaScript counts them):
//! - `ELEMENT, namespace, name, attr_count, (attr_name, attr_value_len) × attr_count`, then the
//!   element's children, then `END`;
//! - `TEXT, len`.
//!
//! A name (of an element or an attribute) is a number: the document's distinct names are
//! numbered in the order the walk meets them. A name met before is its number alone; a new one
//! is the next number followed by its length, and its string is the next in the text. A page
//! has a few hundred distinct names and tens of thousands of uses: each is sent, read and
//! hashed into the tree's name table once, instead of once per element and attribute.
//!
//! The strings arrive as UTF-8 (wasm-bindgen's conversion, which turns lone surrogates into
//! U+FFFD). A lone high surrogate at the end of one string followed by a lone low one at the
//! start of the next became one character in the concatenation: it is split back into two
//! U+FFFD, one for each string, which is what converting each string alone gives.
//!
//! Malformed input (a shape that ends early, lengths past the end of the text, an unknown
//! code) gives an error, never a panic; unclosed elements at the end are closed.

use thin_vec::ThinVec;

use std::rc::Rc;

use super::tree::{Attribute, Name, NameKey, NodeId, Tree};
use super::Namespace;

pub const END: u32 = 0;
pub const ELEMENT: u32 = 1;
pub const TEXT: u32 = 2;

/// Why an encoded document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

/// Builds a `Tree` from an encoded document.
pub fn tree_from_encoded(shape: &[u32], text: &str) -> Result<Tree, DecodeError> {
    let mut tree = Tree::with_capacity(shape.len() / 3 + 16);
    let mut strings = Strings::new(text);
    let mut names = NameTable::default();
    let mut nums = shape.iter().copied();
    let root = tree.root();
    let mut open: Vec<NodeId> = Vec::new();
    // The end of the shape closes what is still open.
    while let Some(code) = nums.next() {
        let mut next = |what: &str| {
            nums.next()
                .ok_or_else(|| DecodeError(format!("the shape ends inside {what}")))
        };
        let parent = open.last().copied().unwrap_or(root);
        match code {
            ELEMENT => {
                let namespace = match next("an element")? {
                    0 => Namespace::Html,
                    1 => Namespace::Svg,
                    2 => Namespace::MathMl,
                    _ => Namespace::Other,
                };
                let name = names.read(&mut next, &mut strings, &mut tree)?;
                let key = names.element_key(name, &mut tree);
                let count = next("an element")?;
                let mut attrs = ThinVec::with_capacity(count.min(64) as usize);
                for _ in 0..count {
                    let attr_name = names.read(&mut next, &mut strings, &mut tree)?;
                    let value_len = next("an attribute")?;
                    attrs.push(Attribute {
                        name: Rc::clone(&names.entries[attr_name].0),
                        value: strings.take(value_len)?.into(),
                    });
                }
                let id = tree.new_element_keyed(key, namespace, attrs);
                tree.append(parent, id);
                open.push(id);
            }
            TEXT => {
                let len = next("a text")?;
                let t = strings.take(len)?;
                if !t.is_empty() {
                    tree.append_text(parent, t);
                }
            }
            END => {
                if open.pop().is_none() {
                    return Err(DecodeError("an end with no element open".into()));
                }
            }
            other => return Err(DecodeError(format!("unknown code {other} in the shape"))),
        }
    }
    if !strings.at_end() {
        return Err(DecodeError("text left over after the shape".into()));
    }
    Ok(tree)
}

/// The document's names by number, in the order the walk first met them (see the module note):
/// each name is read, interned and hashed once per document rather than once per use.
#[derive(Default)]
struct NameTable {
    /// The tree's copy of each name, and its element-name key once an element has used it.
    entries: Vec<(Name, Option<NameKey>)>,
}

impl NameTable {
    /// Reads a name reference from the shape: a known number, or the next number with the new
    /// name's length after it (the name itself is the next string). Returns the entry's index.
    fn read(
        &mut self,
        next: &mut impl FnMut(&str) -> Result<u32, DecodeError>,
        strings: &mut Strings<'_>,
        tree: &mut Tree,
    ) -> Result<usize, DecodeError> {
        let number = next("a name")? as usize;
        if number < self.entries.len() {
            return Ok(number);
        }
        if number > self.entries.len() {
            return Err(DecodeError(format!(
                "name number {number} skips ahead of {}",
                self.entries.len()
            )));
        }
        let len = next("a name")?;
        let name = tree.intern(strings.take(len)?);
        self.entries.push((name, None));
        Ok(number)
    }

    fn element_key(&mut self, index: usize, tree: &mut Tree) -> NameKey {
        let (name, key) = &mut self.entries[index];
        *key.get_or_insert_with(|| tree.name_key(name))
    }
}

/// Reads consecutive strings out of the concatenation, by UTF-16 lengths.
struct Strings<'a> {
    text: &'a str,
    /// Byte position of the next string.
    pos: usize,
    /// The previous string ended in the middle of a surrogate pair (see the module note).
    split_pair: bool,
    /// Where a string split from a pair is assembled.
    scratch: String,
}

impl<'a> Strings<'a> {
    fn new(text: &'a str) -> Self {
        Strings {
            text,
            pos: 0,
            split_pair: false,
            scratch: String::new(),
        }
    }

    fn at_end(&self) -> bool {
        self.pos == self.text.len() && !self.split_pair
    }

    fn take(&mut self, units: u32) -> Result<&str, DecodeError> {
        let mut remaining = units as usize;
        // This string's first unit is the low half of a pair the previous string began: the
        // pair's character was left for it to skip.
        let starts_split = std::mem::take(&mut self.split_pair);
        if starts_split {
            self.pos += self.text[self.pos..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            remaining = remaining.saturating_sub(1);
        }
        let start = self.pos;
        let bytes = self.text.as_bytes();
        // Most strings are ASCII (names, attributes, most texts, every string of most pages):
        // then the UTF-16 length is the byte length.
        if !starts_split {
            if let Some(chunk) = bytes.get(start..start + remaining).filter(|b| b.is_ascii()) {
                self.pos += chunk.len();
                return Ok(&self.text[start..start + remaining]);
            }
        }
        // Otherwise count units from the UTF-8 lead bytes (the text is valid UTF-8, so each
        // step lands on a character boundary): four-byte characters are two UTF-16 units.
        let mut end = start;
        let mut ends_split = false;
        while remaining > 0 {
            let Some(&lead) = bytes.get(end) else {
                break;
            };
            let (width, units) = match lead {
                0x00..=0x7f => (1, 1),
                0x80..=0xdf => (2, 1),
                0xe0..=0xef => (3, 1),
                _ => (4, 2),
            };
            if units > remaining {
                // A pair made of this string's last unit and the next string's first.
                ends_split = true;
                self.split_pair = true;
                remaining = 0;
                break;
            }
            remaining -= units;
            end += width;
        }
        if remaining > 0 {
            return Err(DecodeError("a length runs past the end of the text".into()));
        }
        self.pos = end;
        if !starts_split && !ends_split {
            return Ok(&self.text[start..end]);
        }
        self.scratch.clear();
        if starts_split {
            self.scratch.push('\u{FFFD}');
        }
        self.scratch.push_str(&self.text[start..end]);
        if ends_split {
            self.scratch.push('\u{FFFD}');
        }
        Ok(&self.scratch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::serialize::inner_html;

    /// A test encoder over (shape, strings) written by hand.
    fn enc(parts: &[(&[u32], &str)]) -> (Vec<u32>, String) {
        let mut shape = Vec::new();
        let mut text = String::new();
        for (s, t) in parts {
            shape.extend_from_slice(s);
            text.push_str(t);
        }
        (shape, text)
    }

    fn html(shape: &[u32], text: &str) -> String {
        let tree = tree_from_encoded(shape, text).expect("decodes");
        inner_html(&tree, tree.root())
    }

    #[test]
    fn elements_attributes_and_text() {
        let (shape, text) = enc(&[
            // Names 0 "p", 1 "class", 2 "id", given as they are met.
            (&[ELEMENT, 0, 0, 1, 2, 1, 5, 4, 2, 2, 1], "pclassleadidx"),
            (&[TEXT, 5], "Hello"),
            (&[ELEMENT, 0, 3, 1, 0], "b"),
            (&[TEXT, 6], " world"),
            (&[END, END], ""),
            // "p" and "class" again, by number alone.
            (&[ELEMENT, 0, 0, 1, 1, 2, END], "hi"),
            (&[TEXT, 1], "!"),
        ]);
        assert_eq!(
            html(&shape, &text),
            "<p class=\"lead\" id=\"x\">Hello<b> world</b></p><p class=\"hi\"></p>!"
        );
    }

    #[test]
    fn non_ascii_lengths_are_utf16_units() {
        // "é" is one unit, "😀" two; the name after them must still be found.
        let (shape, text) = enc(&[(&[TEXT, 4], "é😀a"), (&[ELEMENT, 0, 0, 2, 0, END], "hr")]);
        assert_eq!(html(&shape, &text), "é😀a<hr>");
    }

    #[test]
    fn a_pair_split_between_two_strings_gives_two_replacement_characters() {
        // JS: text "a\uD83D" then text "\uDE00b", joined into "a😀b".
        let (shape, text) = enc(&[(&[ELEMENT, 0, 0, 1, 0, TEXT, 2, END, TEXT, 2], "pa😀b")]);
        assert_eq!(html(&shape, &text), "<p>a\u{FFFD}</p>\u{FFFD}b");
        // A string that both starts and ends inside pairs: JS strings "x\uD83D", "\uDE00\uD83D"
        // and "\uDE00y" (an attribute name, its value, a text) joined into "x😀😀y".
        let tree = tree_from_encoded(&[ELEMENT, 0, 0, 1, 1, 1, 2, 2, TEXT, 2, END], "px😀😀y")
            .expect("decodes");
        let p = tree.first_child(tree.root()).expect("p");
        let attr = &tree.element(p).expect("element").attrs[0];
        assert_eq!(
            (&*attr.name, attr.value.as_str()),
            ("x\u{FFFD}", "\u{FFFD}\u{FFFD}")
        );
        assert_eq!(tree.text_content(p), "\u{FFFD}y");
    }

    #[test]
    fn malformed_shapes_are_errors_not_panics() {
        for (shape, text) in [
            (&[ELEMENT, 0, 0, 9, 0][..], "p"),
            (&[ELEMENT, 0, 1, 1, 0][..], "p"),
            (&[ELEMENT, 0, 0, 1, 1, 2, 0][..], "p"),
            (&[TEXT][..], ""),
            (&[7][..], ""),
            (&[END][..], ""),
            (&[TEXT, 1][..], "ab"),
            (&[ELEMENT, 0, 0, 1][..], "p"),
            (&[TEXT, 1][..], "é"),
        ] {
            let _ = tree_from_encoded(shape, text);
        }
        assert!(tree_from_encoded(&[ELEMENT, 0, 0, 9, 0], "p").is_err());
        // A number that skips ahead of the names given so far.
        assert!(tree_from_encoded(&[ELEMENT, 0, 1, 1, 0], "p").is_err());
        assert!(tree_from_encoded(&[ELEMENT, 0, 0, 1, 1, 2, 0], "p").is_err());
        assert!(tree_from_encoded(&[TEXT, 1], "ab").is_err());
        assert!(tree_from_encoded(&[END], "").is_err());
        // Unclosed elements at the end are closed.
        assert_eq!(html(&[ELEMENT, 0, 0, 1, 0, TEXT, 1], "px"), "<p>x</p>");
    }
}
