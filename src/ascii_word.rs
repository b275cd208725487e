//! Eight ASCII bytes at a time: a text's bytes read as 64-bit words, each byte's answer in its
//! high bit. Most of a page's text is ASCII (indentation, English prose), and the text scanners
//! (`score::measure`, the plain-text writer's check for already collapsed text) go through it a
//! word at a time, falling back to one character at a time where a word holds anything else.
//! Little-endian: a word's first byte is its lowest. `find_first_of`, the byte search of the
//! markup reader and the serializer's escape, reads any bytes eight at a time, not only ASCII.

const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Where the first byte of `set` at or after `from` is, or the length. Eight bytes at a time,
/// any bytes, with the word test for a zero byte that memchr's portable code uses: most of a
/// page is long runs of text, attribute values and script with nothing to stop at.
pub(crate) fn find_first_of<const N: usize>(bytes: &[u8], from: usize, set: [u8; N]) -> usize {
    let spread = set.map(|b| ONES * u64::from(b));
    let mut i = from;
    while let Some(chunk) = i.checked_add(8).and_then(|end| bytes.get(i..end)) {
        let mut chunk_bytes = [0u8; 8];
        chunk_bytes.copy_from_slice(chunk);
        let word = u64::from_le_bytes(chunk_bytes);
        // A high bit for each byte equal to one of `set`; a byte after a true one may be
        // flagged falsely, never one before it, so the lowest flag is the first match.
        let found = spread.iter().fold(0, |found, s| {
            let x = word ^ s;
            found | (x.wrapping_sub(ONES) & !x)
        }) & HIGHS;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !set.contains(&bytes[i]) {
        i += 1;
    }
    i.min(bytes.len())
}

/// The eight bytes at `i` as a word, when they are all ASCII.
pub(crate) fn ascii_word(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(i..i.checked_add(8)?)?.try_into().ok()?;
    let word = u64::from_le_bytes(chunk);
    (word & HIGHS == 0).then_some(word)
}

/// The high bit of each byte of an ASCII word that is 0. Exact for bytes below 0x80: adding
/// 0x7f carries into the high bit exactly when the byte is not 0, and never into the next byte.
pub(crate) fn zero_bytes(word: u64) -> u64 {
    !(word + ONES * 0x7f) & HIGHS
}

pub(crate) fn equal_bytes(word: u64, b: u8) -> u64 {
    zero_bytes(word ^ (ONES * u64::from(b)))
}

/// ASCII white space as `char::is_whitespace` has it: space, and tab to carriage return
/// (vertical tab included).
pub(crate) fn is_ascii_space(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(b'\t') < 5
}

/// `is_ascii_space` for eight ASCII bytes: a byte is at least 9 when adding 0x77 reaches the
/// high bit, and at most 13 when adding 0x72 does not (no sum passes 0xff).
pub(crate) fn ascii_space_mask(word: u64) -> u64 {
    let tab_to_return = (word + ONES * 0x77) & !(word + ONES * 0x72) & HIGHS;
    equal_bytes(word, b' ') | tab_to_return
}

/// How many bytes of a mask have their high bit set (at most 8: the sum fits the top byte).
pub(crate) fn count_marked(mask: u64) -> usize {
    ((mask >> 7).wrapping_mul(ONES) >> 56) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_first_of_finds_the_first_match() {
        // Word at a time against byte at a time, on random bytes from a small alphabet (so
        // matches come often, next to each other and at every offset in a word).
        let mut state = 0x9e37_79b9_7f4a_7c15;
        let mut checked = 0;
        for _ in 0..5_000 {
            let len = crate::dom::test_random_below(&mut state, 40);
            let bytes: Vec<u8> = (0..len)
                .map(|_| b"<&a\x80\xff\x00\x01\xc2"[crate::dom::test_random_below(&mut state, 8)])
                .collect();
            let from = crate::dom::test_random_below(&mut state, len + 2);
            let plain = |set: &[u8]| {
                (from..bytes.len())
                    .find(|&i| set.contains(&bytes[i]))
                    .unwrap_or(bytes.len())
            };
            for (a, b) in [(b'<', b'&'), (b'<', b'<'), (0x80, 0xff), (0, 1)] {
                assert_eq!(find_first_of(&bytes, from, [a, b]), plain(&[a, b]));
                checked += usize::from(plain(&[a, b]) < bytes.len());
            }
            let four = [b'&', b'<', 0xc2, 0x01];
            assert_eq!(
                find_first_of(&bytes, from, four),
                plain(&four),
                "{bytes:?} from {from}"
            );
        }
        assert!(
            checked > 5_000,
            "too few matches to prove anything: {checked}"
        );
    }

    /// The word-at-a-time masks say of every ASCII byte, at every place in a word and beside
    /// either kind of neighbour, what the byte tests say.
    #[test]
    fn word_masks_agree_with_the_byte_tests() {
        for b in 0u8..0x80 {
            for place in 0..8 {
                for filler in [b'a', b' ', b'\r', 0] {
                    let mut bytes = [filler; 8];
                    bytes[place] = b;
                    let word = u64::from_le_bytes(bytes);
                    let bit = |mask: u64, at: usize| mask >> (8 * at + 7) & 1 == 1;
                    for (at, &byte) in bytes.iter().enumerate() {
                        assert_eq!(bit(ascii_space_mask(word), at), is_ascii_space(byte));
                        assert_eq!(bit(equal_bytes(word, b','), at), byte == b',');
                    }
                }
            }
        }
    }
}
