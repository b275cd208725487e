//! Character references in text no HTML parser has decoded: metadata text (JSON-LD strings are
//! raw script text; some sites escape meta values twice, e.g. `&amp;quot;`), the `<img>` tags
//! of a `<noscript>`'s raw text (`media`), and the browser's serialization of a page
//! (`dom::markup`, where every `&` starts a reference: `&amp;`, `&lt;`, `&gt;`, `&quot;`,
//! `&nbsp;`, or a numeric one from an XML serializer).

/// Decodes the XML entities, `&nbsp;`, common punctuation entities (`&mdash;`, `&rsquo;`,
/// `&bull;`...) and numeric references (`&#233;`, `&#xE9;`)
/// in one pass; invalid code points become U+FFFD and anything else stays as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match decode_one(tail) {
            Some((c, len)) => {
                out.push(c);
                rest = tail.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The reference at the start of `s` (which begins with `&`) and its length in bytes. The `;`
/// is looked for in the first 16 bytes only, so a text of many `&` costs no more than its
/// length.
pub(crate) fn decode_one(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(16).position(|b| b == b';')?;
    let entity = s.get(1..end)?;
    let c = match entity {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "bull" => '•',
        "middot" => '·',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        _ => {
            let num = entity.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).unwrap_or(u32::MAX)
                }
                None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => {
                    num.parse().unwrap_or(u32::MAX)
                }
                _ => return None,
            };
            match code {
                0 => '\u{fffd}',
                _ => char::from_u32(code).unwrap_or('\u{fffd}'),
            }
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::decode_entities;

    #[test]
    fn decodes_one_level() {
        assert_eq!(
            decode_entities("a &amp;amp; b &#233; &#x41; & c &zz; &#xg;"),
            "a &amp; b é A & c &zz; &#xg;"
        );
        assert_eq!(
            decode_entities("&#x1F62D; &#xFFFFFFFF; &#x0; &#55296;"),
            "😭 \u{fffd} \u{fffd} \u{fffd}"
        );
        assert_eq!(decode_entities("no refs"), "no refs");
    }
}
