//! Small text helpers shared by the stages: whitespace, counting, decoding.

use std::borrow::Cow;

use crate::error::Error;

/// `s` with ASCII letters lower-cased; borrowed when it has no upper-case ASCII letter (most
/// class names, ids and attribute values), so asking costs no copy.
pub fn ascii_lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// How the byte-at-a-time text scanners (`is_blank`, the plain-text writer) read a byte: an
/// ASCII character that counts, an ASCII comma, ASCII white space (what `char::is_whitespace`
/// says of it, vertical tab included), or a byte of a non-ASCII character.
pub const BYTE_PLAIN: u8 = 0;
pub const BYTE_COMMA: u8 = 1;
pub const BYTE_SPACE: u8 = 2;
pub const BYTE_OTHER: u8 = 3;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [BYTE_OTHER; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = match b as u8 {
            b',' => BYTE_COMMA,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => BYTE_SPACE,
            _ => BYTE_PLAIN,
        };
        b += 1;
    }
    t
};

/// The class of a byte (see `BYTE_CLASS`).
#[inline]
pub fn byte_class(b: u8) -> u8 {
    BYTE_CLASS[usize::from(b)]
}

/// True when `s` is empty or white space only (`s.trim().is_empty()`): ASCII bytes judged through
/// the byte table, other characters decoded only where they start. Indentation between tags is
/// a large share of a page's text nodes, and the stages ask this of many of them.
pub fn is_blank(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match byte_class(b) {
            BYTE_SPACE => i += 1,
            BYTE_OTHER => {
                let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                    return false;
                };
                if !c.is_whitespace() {
                    return false;
                }
                i += c.len_utf8();
            }
            _ => return false,
        }
    }
    true
}

/// Collapses runs of whitespace to single spaces and trims.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for_each_word(s, |word| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    });
    out
}

/// Calls `f` with each run of non-white-space characters of `s`, in order (what
/// `split_whitespace` yields). ASCII bytes are judged through the byte table; other characters
/// are decoded only where they start.
pub fn for_each_word(s: &str, mut f: impl FnMut(&str)) {
    let bytes = s.as_bytes();
    let (mut i, mut word_start) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        let (is_space, width) = match byte_class(b) {
            BYTE_SPACE => (true, 1),
            BYTE_OTHER => {
                let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            }
            _ => (false, 1),
        };
        if is_space {
            if word_start < i {
                f(s.get(word_start..i).unwrap_or(""));
            }
            word_start = i + width;
        }
        i += width;
    }
    if word_start < bytes.len() {
        f(s.get(word_start..).unwrap_or(""));
    }
}

/// How `count_words` reads an ASCII byte: a letter or digit, white space (vertical tab
/// included, as `char::is_whitespace` says), or anything else, which neither starts nor ends a
/// word; non-ASCII bytes are decoded.
const WORD_LETTER: u8 = 0;
const WORD_SPACE: u8 = 1;
const WORD_NEUTRAL: u8 = 2;
const WORD_NON_ASCII: u8 = 3;
static WORD_CLASS: [u8; 256] = {
    let mut t = [WORD_NON_ASCII; 256];
    let mut b = 0;
    while b < 0x80 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            WORD_LETTER
        } else if c.is_ascii_whitespace() || c == 0x0b {
            WORD_SPACE
        } else {
            WORD_NEUTRAL
        };
        b += 1;
    }
    t
};

/// Words in a text, counting each CJK character as a word (those scripts have no spaces).
/// ASCII (most of most texts) is read through a byte table without a branch on what the byte
/// is, which the processor could not foresee at every word's edges; other characters are
/// decoded where they start. (`plain_count_words` in the tests is the definition.)
pub fn count_words(s: &str) -> usize {
    let mut counter = WordCounter::default();
    counter.feed(s);
    counter.words()
}

/// `count_words` over a text that arrives in pieces: the count of the pieces joined, whatever
/// the cuts (a word cut in two is one word).
#[derive(Default, Clone, Copy)]
pub struct WordCounter {
    words: usize,
    in_word: bool,
}

impl WordCounter {
    /// Counts on through `s`.
    pub fn feed(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let (mut words, mut in_word) = (self.words, self.in_word);
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let kind = WORD_CLASS[usize::from(b)];
            if kind == WORD_NON_ASCII {
                // `i` only ever moves by whole characters, so it is at the start of one.
                let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                count_char(c, &mut words, &mut in_word);
                continue;
            }
            // A letter or digit starts a word or goes on with one, white space ends it,
            // anything else leaves it as it is.
            let letter = kind == WORD_LETTER;
            words += usize::from(letter & !in_word);
            in_word = letter | (in_word & (kind == WORD_NEUTRAL));
            i += 1;
        }
        (self.words, self.in_word) = (words, in_word);
    }

    /// The words so far.
    pub fn words(&self) -> usize {
        self.words
    }
}

/// One character's part in `count_words`: a CJK character is a word of its own, a letter or
/// digit starts or continues one, white space ends one, anything else does neither.
#[inline]
fn count_char(c: char, words: &mut usize, in_word: &mut bool) {
    if is_cjk(c) {
        *words += 1;
        *in_word = false;
    } else if c.is_alphanumeric() {
        *words += usize::from(!*in_word);
        *in_word = true;
    } else if c.is_whitespace() {
        *in_word = false;
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// Number of commas (Latin and CJK) in a text; a signal of prose. (The stages count them in
/// `score::measure`, in the same pass as the length; this is the plain definition tests use.)
#[cfg(test)]
pub fn count_commas(s: &str) -> usize {
    s.chars().filter(|&c| is_comma(c)).count()
}

/// Commas of the world's scripts (Latin, CJK, Arabic and their compatibility forms).
pub fn is_comma(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | '、' | '،' | '﹐' | '︐' | '︑' | '⹁' | '⸴' | '⸲'
    )
}

/// Decodes page bytes to a string; see `crate::decode_page`.
#[cfg(feature = "native")]
pub fn decode_page(bytes: &[u8]) -> Result<String, Error> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if looks_binary(head) {
        return Err(Error::NotText("the input looks like binary data".into()));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let declared = declared_charset(&bytes[..bytes.len().min(4096)]);
    let enc = declared
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _, _) = enc.decode(bytes);
    Ok(text.into_owned())
}

#[cfg(not(feature = "native"))]
pub fn decode_page(bytes: &[u8]) -> Result<String, Error> {
    if looks_binary(&bytes[..bytes.len().min(8192)]) {
        return Err(Error::NotText("the input looks like binary data".into()));
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

/// NUL bytes or many control characters: not a text document.
fn looks_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > head.len().max(1)
}

/// The charset named by `<meta charset>` or `http-equiv` content in the first bytes.
#[cfg(feature = "native")]
fn declared_charset(head: &[u8]) -> Option<String> {
    let lower: String = head
        .iter()
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    let at = lower.find("charset=")?;
    let rest = &lower[at + 8..];
    let rest = rest.trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let label = &rest[..end];
    (!label.is_empty()).then(|| label.to_string())
}

/// Pieces of random texts for the tests here and of the text writer: ASCII letters, digits,
/// punctuation and white space (the vertical tab too), accented letters, CJK, non-ASCII spaces
/// and punctuation, a combining mark.
#[cfg(test)]
const TEXT_PIECES: &[&str] = &[
    "a",
    "Z",
    "7",
    "word",
    " ",
    "\t",
    "\n",
    "\u{b}",
    "\u{c}",
    ",",
    "-",
    "'",
    ".",
    "é",
    "straße",
    "日",
    "本語",
    "한",
    "\u{85}",
    "\u{a0}",
    "\u{2003}",
    "\u{3000}",
    "—",
    "«",
    "ß",
    "\u{1f600}",
    "x\u{301}",
];

/// `count` random texts of up to `max_pieces` of `TEXT_PIECES` each (or two spaces), the same
/// ones for the same `seed`: differential tests of the text helpers and the text writer.
#[cfg(test)]
pub(crate) fn random_texts(seed: u64, count: usize, max_pieces: usize) -> Vec<String> {
    let mut state = seed;
    let mut next = |n: usize| crate::dom::test_random_below(&mut state, n);
    (0..count)
        .map(|_| {
            let len = next(max_pieces + 1);
            (0..len)
                .map(|_| match next(TEXT_PIECES.len() + 1) {
                    k if k < TEXT_PIECES.len() => TEXT_PIECES[k],
                    _ => "  ",
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte table says "space" exactly where `char::is_whitespace` does, "comma" only for
    /// the comma, and sends every non-ASCII byte to the decoding path.
    #[test]
    fn blank_is_what_trim_leaves_empty() {
        for t in [
            "",
            " \t\n\r\u{b}\u{c}",
            "\u{a0}\u{3000} \u{85}",
            " x ",
            "\u{1c}",
            "é",
            " \u{200b}",
        ] {
            assert_eq!(is_blank(t), t.trim().is_empty(), "{t:?}");
        }
    }

    #[test]
    fn words_are_what_split_whitespace_gives() {
        for t in [
            "",
            "   ",
            "one",
            " a  b\tc\n",
            "x\u{a0}y\u{3000}z\u{85}w\u{b}v\u{c}u",
            "é ü\u{2009}日本 語 ",
            "\u{1c}control\u{1f}chars",
        ] {
            let mut words = Vec::new();
            for_each_word(t, |w| words.push(w.to_string()));
            assert_eq!(words, t.split_whitespace().collect::<Vec<_>>(), "{t:?}");
            assert_eq!(
                normalize_space(t),
                t.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
        for t in random_texts(0x2545_f491_4f6c_dd1d, 20_000, 15) {
            let mut words = Vec::new();
            for_each_word(&t, |w| words.push(w.to_string()));
            assert_eq!(words, t.split_whitespace().collect::<Vec<_>>(), "{t:?}");
        }
    }

    #[test]
    fn byte_classes_agree_with_the_char_predicates() {
        for b in 0..=255u8 {
            let expected = if b >= 0x80 {
                BYTE_OTHER
            } else if char::from(b).is_whitespace() {
                BYTE_SPACE
            } else if b == b',' {
                BYTE_COMMA
            } else {
                BYTE_PLAIN
            };
            assert_eq!(byte_class(b), expected, "byte {b:#x}");
        }
    }

    /// The ASCII shortcut of `count_words` classifies every ASCII character as the Unicode
    /// predicates do.
    #[test]
    fn ascii_shortcut_agrees_with_unicode_classes() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            assert_eq!(c.is_ascii_alphanumeric(), c.is_alphanumeric(), "{b:#x}");
            assert_eq!(
                c.is_ascii_whitespace() || c == '\u{b}',
                c.is_whitespace(),
                "{b:#x}"
            );
            assert!(!is_cjk(c));
        }
    }

    #[test]
    fn counts_words_in_spaced_and_cjk_text() {
        assert_eq!(count_words("Hello, big world."), 3);
        assert_eq!(count_words("日本語"), 3);
    }

    /// The definition `count_words` is fast for: every character, ASCII too, through
    /// `count_char` and its Unicode predicates.
    fn plain_count_words(s: &str) -> usize {
        let (mut words, mut in_word) = (0, false);
        for c in s.chars() {
            count_char(c, &mut words, &mut in_word);
        }
        words
    }

    /// Random texts (`random_texts`): the same count.
    #[test]
    fn a_text_counted_in_pieces_counts_as_one() {
        let texts = [
            "Hello, big world.",
            "日本語 and more",
            "a-b c\u{a0}d",
            "x\u{b}y",
            "  ",
        ];
        for text in texts {
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for &a in &cuts {
                for &b in cuts.iter().filter(|&&b| b >= a) {
                    let mut counter = WordCounter::default();
                    for piece in [&text[..a], &text[a..b], &text[b..]] {
                        counter.feed(piece);
                    }
                    assert_eq!(
                        counter.words(),
                        count_words(text),
                        "{text:?} cut at {a}, {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn count_words_agrees_with_its_definition() {
        for text in random_texts(0x9e37_79b9_7f4a_7c15, 20_000, 15) {
            assert_eq!(count_words(&text), plain_count_words(&text), "{text:?}");
        }
    }

    #[test]
    fn refuses_binary_and_reads_legacy_charsets() {
        assert!(decode_page(&[0, 1, 2, 3, 0, 255]).is_err());
        let latin1 = b"<meta charset=iso-8859-1><p>caf\xe9</p>";
        assert!(decode_page(latin1).unwrap().contains("café"));
    }
}
