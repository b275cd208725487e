//! Eight ASCII bytes at a time: a text's bytes read as 64-bit words, each byte's answer in its
//! high bit. Most of a page's text is ASCII (indentation, English prose), and the text scanners
//! (`score::measure`, the plain-text writer's check for already collapsed text) go through it a
//! word at a time, falling back to one character at a time where a word holds anything else.
//! Little-endian: a word's first byte is its lowest. (`ONES` and `HIGHS` serve the markup
//! reader's byte search too, which reads any bytes, not only ASCII.)

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

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
