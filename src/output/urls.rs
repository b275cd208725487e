//! URL policy for the sanitizer: resolve against the page address, allow only safe schemes.

use std::borrow::Cow;

use url::{Position, Url};

/// What a URL attribute points at; each kind allows its own schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlKind {
    /// `a[href]`: http, https, mailto. Fragment-only links are dropped (they would point into
    /// the reader view, not the page).
    Link,
    /// `img[src]`, `source[srcset]` in `<picture>`, `video[poster]`: http, https and raster
    /// `data:image/...` (never SVG, which can carry script when opened on its own).
    Image,
    /// `video/audio/source/track[src]`, `blockquote/q/del/ins[cite]`: http and https only.
    Web,
}

/// Raster image types allowed as `data:` URIs.
const DATA_IMAGE_TYPES: &[&str] = &["png", "jpeg", "jpg", "gif", "webp", "avif"];

/// The attribute value with every ASCII whitespace and control character removed. Browsers
/// drop tabs and newlines anywhere in a URL and C0 controls/spaces at its ends, so
/// `jav\tascript:` means `javascript:`; removing them everywhere before the scheme check
/// covers every such variant (real URLs do not contain them).
fn strip_ascii_noise(raw: &str) -> Cow<'_, str> {
    let noise = |c: char| c.is_ascii_whitespace() || c.is_ascii_control();
    // Most addresses have none: no copy then. (A noise character is ASCII, so the bytes can be
    // tested: no byte of a multi-byte character is ASCII.)
    if !raw.bytes().any(|b| noise(char::from(b))) {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(raw.chars().filter(|&c| !noise(c)).collect())
}

/// The URL as a browser reads it: C0 controls and spaces trimmed from both ends, tabs and
/// newlines removed anywhere, other controls dropped and inner spaces percent-encoded (so the
/// written attribute means the same address without relying on the reader's leniency).
fn normalize_for_use(raw: &str) -> String {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        match c {
            ' ' => out.push_str("%20"),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The scheme of `s` in lower case, when `s` starts with one (`letter *(alnum / + - .) ":"`
/// before any `/`, `?` or `#`); `None` for relative references.
fn scheme_of(s: &str) -> Option<String> {
    let colon = s.find(':')?;
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    if chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
        Some(scheme.to_ascii_lowercase())
    } else {
        None
    }
}

/// True for `data:image/png;base64,...` and the other raster types (not `svg+xml`).
fn is_safe_data_image(s: &str) -> bool {
    let Some(rest) = s.get(..s.len().min(32)).map(str::to_ascii_lowercase) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix("data:image/") else {
        return false;
    };
    DATA_IMAGE_TYPES.iter().any(|t| {
        rest.strip_prefix(t)
            .is_some_and(|after| after.starts_with(';') || after.starts_with(','))
    })
}

fn scheme_allowed(kind: UrlKind, scheme: &str) -> bool {
    match kind {
        UrlKind::Link => matches!(scheme, "http" | "https" | "mailto"),
        UrlKind::Image | UrlKind::Web => matches!(scheme, "http" | "https"),
    }
}

/// The cleaned, absolute (when `base` is given) form of a URL attribute, or `None` when the
/// attribute must be dropped.
pub fn clean_url(raw: &str, base: Option<&Url>, kind: UrlKind) -> Option<String> {
    // The scheme is judged on the form with every whitespace and control character gone, so
    // no obfuscation can hide it; the address itself is resolved from the browser's reading.
    let s = strip_ascii_noise(raw);
    if s.is_empty() {
        return None;
    }
    // The browser's reading differs from the attribute only where the attribute holds white
    // space or a control character: most hold none, and are then used as they stand.
    let readable = || match s {
        Cow::Borrowed(_) => Cow::Borrowed(raw),
        Cow::Owned(_) => Cow::Owned(normalize_for_use(raw)),
    };
    if kind == UrlKind::Link && s.starts_with('#') {
        return None;
    }
    match scheme_of(&s) {
        Some(scheme) if scheme == "data" => {
            // Kept verbatim: large data URIs need no re-serialization.
            (kind == UrlKind::Image && is_safe_data_image(&s)).then(|| s.into_owned())
        }
        Some(scheme) => {
            if !scheme_allowed(kind, &scheme) {
                return None;
            }
            let reference = readable();
            if let Some(plain) = resolve_plain(&reference, base) {
                return Some(plain); // http or https, allowed for every kind
            }
            let url = match base {
                Some(b) => b.join(&reference).ok()?,
                None => Url::parse(&reference).ok()?,
            };
            scheme_allowed(kind, url.scheme()).then(|| String::from(url))
        }
        None => match base {
            Some(b) => {
                let reference = readable();
                if let Some(plain) = resolve_plain(&reference, base) {
                    let same_page = kind == UrlKind::Link
                        && plain
                            .split_once('#')
                            .is_some_and(|(before, _)| before == &b[..Position::AfterQuery]);
                    return (!same_page).then_some(plain);
                }
                let url = b.join(&reference).ok()?;
                if !scheme_allowed(kind, url.scheme()) {
                    return None;
                }
                if kind == UrlKind::Link && is_same_page_fragment(&url, b) {
                    return None;
                }
                Some(String::from(url))
            }
            // No page address: a relative reference can only resolve against the reader view's
            // own origin, which is harmless; keep it as written.
            None => Some(readable().into_owned()),
        },
    }
}

/// What the URL parser makes of `reference` against `base`, worked out without it for the
/// shapes most article links and images have: an absolute http(s) address already in the form
/// the parser writes ("https://example.com/a/b.jpg?w=640"), a path from the root ("/a/b.jpg")
/// or a protocol-relative address ("//cdn.example.com/b.jpg") against an http(s) page. The
/// host must be plain (lower-case letters, digits, inner hyphens, dots between labels, a name
/// not a number) and the rest hold nothing the parser encodes or rewrites (no dot segments,
/// no quotes, brackets or backslashes, nothing beyond ASCII). `None` for anything else, which
/// the parser then reads. (Parsing was about 3,800 instructions an address.)
fn resolve_plain(reference: &str, base: Option<&Url>) -> Option<String> {
    let absolute = reference
        .strip_prefix("https://")
        .or_else(|| reference.strip_prefix("http://"));
    if let Some(rest) = absolute {
        return plain_host_and_path(rest).then(|| reference.to_string());
    }
    let base = base.filter(|b| matches!(b.scheme(), "http" | "https"))?;
    if let Some(rest) = reference.strip_prefix("//") {
        return plain_host_and_path(rest).then(|| format!("{}:{reference}", base.scheme()));
    }
    (reference.starts_with('/') && plain_path(reference))
        .then(|| format!("{}{reference}", &base[..Position::BeforePath]))
}

/// `host/path...` with a plain host and a plain path after it (see [`resolve_plain`]).
fn plain_host_and_path(rest: &str) -> bool {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(end);
    plain_host(host) && path.starts_with('/') && plain_path(path)
}

/// A host the parser leaves as written: dot-separated labels of lower-case ASCII letters,
/// digits and inner hyphens (never two in a row, so no `xn--` label to decode), the last one
/// starting with a letter (so not an IPv4 address in any of its spellings). No port, no user.
/// One pass over the bytes.
fn plain_host(host: &str) -> bool {
    // The byte before, a dot at the start: a label may not start or end with a hyphen or a
    // dot, so nor can the host.
    let mut prev = b'.';
    let mut last_label_start = b'.';
    for &c in host.as_bytes() {
        let ok = match c {
            b'a'..=b'z' | b'0'..=b'9' => true,
            b'-' | b'.' => prev != b'.' && prev != b'-',
            _ => false,
        };
        if !ok {
            return false;
        }
        if prev == b'.' {
            last_label_start = c;
        }
        prev = c;
    }
    prev != b'.' && prev != b'-' && last_label_start.is_ascii_lowercase()
}

/// Bytes a path, query or fragment may hold for [`plain_path`]: printable ASCII other than what
/// the parser percent-encodes or reads specially somewhere in an http(s) address.
const PLAIN_URL_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x21;
    while b < 0x7f {
        table[b] = !matches!(
            b as u8,
            b'"' | b'\'' | b'<' | b'>' | b'`' | b'{' | b'}' | b'\\' | b'^' | b'|' | b'[' | b']'
        );
        b += 1;
    }
    table
};

/// A path (with its query and fragment) the parser leaves as written: only `PLAIN_URL_BYTES`,
/// no dot segment ("." or ".." between slashes) and no "%2e", which the parser reads as a dot.
/// One pass over the bytes.
fn plain_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    let dot_segment = |s: &[u8]| s == b"." || s == b"..";
    let mut in_path = true;
    let mut segment_start = 0;
    for (i, &c) in bytes.iter().enumerate() {
        if !PLAIN_URL_BYTES[usize::from(c)] {
            return false;
        }
        match c {
            b'%' if bytes.get(i + 1) == Some(&b'2')
                && bytes
                    .get(i + 2)
                    .is_some_and(|e| e.eq_ignore_ascii_case(&b'e')) =>
            {
                return false;
            }
            b'/' | b'?' | b'#' if in_path => {
                if dot_segment(&bytes[segment_start..i]) {
                    return false;
                }
                segment_start = i + 1;
                in_path = c == b'/';
            }
            _ => {}
        }
    }
    !(in_path && dot_segment(&bytes[segment_start..]))
}

/// True when `url` is `base` plus a fragment (a link into the page itself): the two agree up
/// to their fragments (compared in place, without copies of either).
fn is_same_page_fragment(url: &Url, base: &Url) -> bool {
    url.fragment().is_some() && url[..Position::AfterQuery] == base[..Position::AfterQuery]
}

/// Frame hosts whose embeds are video players, with the path prefix their players live under.
const VIDEO_FRAME_HOSTS: &[(&str, &str)] = &[
    ("www.youtube.com", "/embed/"),
    ("youtube.com", "/embed/"),
    ("m.youtube.com", "/embed/"),
    ("www.youtube-nocookie.com", "/embed/"),
    ("youtube-nocookie.com", "/embed/"),
    ("player.vimeo.com", "/video/"),
    ("www.dailymotion.com", "/embed/"),
    ("dailymotion.com", "/embed/"),
    ("geo.dailymotion.com", "/player"),
    ("player.twitch.tv", "/"),
    ("clips.twitch.tv", "/embed"),
    ("embed.ted.com", "/talks/"),
    ("player.bilibili.com", "/player.html"),
    ("www.loom.com", "/embed/"),
    ("streamable.com", "/e/"),
    ("fast.wistia.net", "/embed/"),
];

/// The https address of a known video player frame, or `None` for any other frame.
/// Protocol-relative and http addresses of those hosts are upgraded to https.
pub fn video_frame_url(raw: &str, base: Option<&Url>) -> Option<String> {
    let s = strip_ascii_noise(raw);
    let absolute = if s.starts_with("//") {
        Cow::Owned(format!("https:{s}"))
    } else {
        s
    };
    let mut url = match base {
        Some(b) => b.join(&absolute).ok()?,
        None => Url::parse(&absolute).ok()?,
    };
    match url.scheme() {
        "https" => {}
        "http" => url.set_scheme("https").ok()?,
        _ => return None,
    }
    if url.username() != "" || url.password().is_some() || url.port().is_some() {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    let path = url.path();
    VIDEO_FRAME_HOSTS
        .iter()
        .any(|(h, prefix)| *h == host && path.starts_with(prefix))
        .then(|| String::from(url))
}

/// One `srcset` candidate: the URL and its descriptor (`2x`, `640w`, or empty).
#[derive(Debug, PartialEq, Eq)]
pub struct SrcsetCandidate<'a> {
    pub url: &'a str,
    pub descriptor: &'a str,
}

/// Splits a `srcset` value into candidates the way browsers do: a URL runs to the next
/// whitespace (so commas inside `data:` URIs stay in the URL); trailing commas end it; the
/// descriptor runs to the next comma outside parentheses.
pub fn parse_srcset(value: &str) -> Vec<SrcsetCandidate<'_>> {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut end = i;
        let mut ended_by_comma = false;
        while end > start && bytes[end - 1] == b',' {
            end -= 1;
            ended_by_comma = true;
        }
        let url = &value[start..end];
        let mut descriptor = "";
        if !ended_by_comma {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let d_start = i;
            let mut depth = 0usize;
            while i < bytes.len() {
                match bytes[i] {
                    b'(' => depth += 1,
                    b')' => depth = depth.saturating_sub(1),
                    b',' if depth == 0 => break,
                    _ => {}
                }
                i += 1;
            }
            descriptor = value[d_start..i].trim();
            i += 1; // past the comma
        }
        if !url.is_empty() {
            out.push(SrcsetCandidate { url, descriptor });
        }
    }
    out
}

/// A descriptor we pass on: empty, `<number>x`, `<int>w` or `<int>h` (nothing else).
fn descriptor_ok(d: &str) -> bool {
    if d.is_empty() {
        return true;
    }
    d.split_ascii_whitespace().all(|part| {
        // Not `split_at(len - 1)`: the last character may be more than one byte.
        part.strip_suffix(['x', 'w', 'h']).is_some_and(|num| {
            !num.is_empty() && num.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
    })
}

/// A `srcset` with every candidate's URL cleaned as an image URL; bad candidates are dropped.
/// `None` when no candidate survives.
pub fn clean_srcset(value: &str, base: Option<&Url>) -> Option<String> {
    let mut out = String::new();
    for c in parse_srcset(value) {
        if !descriptor_ok(c.descriptor) {
            continue;
        }
        let Some(url) = clean_url(c.url, base, UrlKind::Image) else {
            continue;
        };
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&url);
        if !c.descriptor.is_empty() {
            out.push(' ');
            out.push_str(c.descriptor);
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://example.com/a/page.html").unwrap()
    }

    /// The shortcut for plain addresses gives what the parser gives, wherever it answers.
    #[test]
    fn plain_addresses_resolve_as_the_parser_resolves_them() {
        let starts = ["https://", "http://", "HTTP://", "//", "/", "", "https:/"];
        let host_pieces = [
            "a", "z", "example", "com", ".", ".", "-", "--", "xn--", "0", "7", "0x7f", "B", ":80",
            "@", "%41", "é",
        ];
        // Plain pieces weigh more, so that many addresses are plain and the shortcut answers.
        let path_pieces = [
            "/", "/", "/", "a", "a", "z", "z", "B", "0", "_", ".jpg", "-", "=", "?", "#", "/", "/",
            "/", "a", "z", "B", "0", ".", ".", "..", "-", "%", "%2e", "%2E", "%41", "%zz", "?",
            "#", ":", "@", "'", "\"", "`", "^", "|", "[", "]", "\\", "~", "=", "&", "é", "%20",
            ";", "!", "*", "(", "+", "{",
        ];
        let bases = [
            Url::parse("https://example.com/news/story.html?x=1#top").unwrap(),
            Url::parse("http://user:pw@example.org:8080/a/b/").unwrap(),
        ];
        let mut state = 0x51ab_07e3_29c1_66f5_u64;
        let mut answered = 0;
        for i in 0..200_000 {
            let start = crate::dom::test_random_text(&mut state, 2, &starts);
            let host = crate::dom::test_random_text(&mut state, 4, &host_pieces);
            let rest = crate::dom::test_random_text(&mut state, 7, &path_pieces);
            let reference = format!("{start}{host}{rest}");
            let base = &bases[i % 2];
            if let Some(plain) = resolve_plain(&reference, Some(base)) {
                answered += 1;
                assert_eq!(
                    Some(plain),
                    base.join(&reference).ok().map(String::from),
                    "{reference:?} against {base}"
                );
            }
        }
        // Enough of the generated addresses take the shortcut for the check to mean something.
        assert!(answered > 6_000, "only {answered} answered");
    }

    #[test]
    fn resolves_relative_urls() {
        let b = base();
        assert_eq!(
            clean_url("img/x.png", Some(&b), UrlKind::Image).as_deref(),
            Some("https://example.com/a/img/x.png")
        );
        assert_eq!(
            clean_url("//cdn.example.net/y.jpg", Some(&b), UrlKind::Image).as_deref(),
            Some("https://cdn.example.net/y.jpg")
        );
        assert_eq!(
            clean_url("other.html#s2", Some(&b), UrlKind::Link).as_deref(),
            Some("https://example.com/a/other.html#s2")
        );
        assert_eq!(
            clean_url("x.png", None, UrlKind::Image).as_deref(),
            Some("x.png")
        );
        assert_eq!(
            clean_url(" my photo.png\n", Some(&b), UrlKind::Image).as_deref(),
            Some("https://example.com/a/my%20photo.png")
        );
        assert_eq!(
            clean_url("my\tphoto 2.png", None, UrlKind::Image).as_deref(),
            Some("myphoto%202.png")
        );
        assert_eq!(
            clean_url("HTTPS://Example.com/x y", None, UrlKind::Link).as_deref(),
            Some("https://example.com/x%20y")
        );
    }

    #[test]
    fn refuses_script_schemes_in_all_disguises() {
        let b = base();
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "jav\tascript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "chrome-extension://abc/options.html",
        ] {
            for kind in [UrlKind::Link, UrlKind::Image, UrlKind::Web] {
                assert_eq!(clean_url(bad, Some(&b), kind), None, "{bad:?} as {kind:?}");
                assert_eq!(clean_url(bad, None, kind), None, "{bad:?} as {kind:?}");
            }
        }
    }

    #[test]
    fn scheme_rules_per_kind() {
        assert!(clean_url("mailto:a@b.c", None, UrlKind::Link).is_some());
        assert!(clean_url("mailto:a@b.c", None, UrlKind::Image).is_none());
        assert!(clean_url("data:image/png;base64,iVBOR", None, UrlKind::Image).is_some());
        assert!(clean_url("data:image/png;base64,iVBOR", None, UrlKind::Link).is_none());
        assert!(clean_url("data:image/pngx,1", None, UrlKind::Image).is_none());
        assert!(clean_url("#top", Some(&base()), UrlKind::Link).is_none());
        assert!(clean_url("page.html#top", Some(&base()), UrlKind::Link).is_none());
    }

    /// A link is into the page itself only when everything before the fragment is the page's
    /// own address, query included, whatever fragment the page's address has.
    #[test]
    fn same_page_links_are_the_address_plus_a_fragment() {
        let b = Url::parse("https://example.com/a/page.html?x=1#intro").unwrap();
        let link = |s: &str| clean_url(s, Some(&b), UrlKind::Link);
        assert_eq!(link("page.html?x=1#s2"), None);
        assert_eq!(
            link("page.html?x=2#s2").as_deref(),
            Some("https://example.com/a/page.html?x=2#s2")
        );
        assert_eq!(
            link("page.html#s2").as_deref(),
            Some("https://example.com/a/page.html#s2")
        );
        assert_eq!(
            link("page.html?x=1").as_deref(),
            Some("https://example.com/a/page.html?x=1")
        );
        assert_eq!(
            link("other.html?x=1#s2").as_deref(),
            Some("https://example.com/a/other.html?x=1#s2")
        );
    }

    #[test]
    fn srcset_is_split_like_browsers_do() {
        let c = parse_srcset("a.jpg 1x, b.jpg 2x,c.jpg,, data:image/png;base64,AA,BB 3x");
        let urls: Vec<_> = c.iter().map(|c| c.url).collect();
        assert_eq!(
            urls,
            ["a.jpg", "b.jpg", "c.jpg", "data:image/png;base64,AA,BB"]
        );
        assert_eq!(c[1].descriptor, "2x");
        assert_eq!(c[3].descriptor, "3x");
        let b = base();
        assert_eq!(
            clean_srcset("s.jpg 480w, javascript:alert(1) 2x, l.jpg 1024w", Some(&b)).as_deref(),
            Some("https://example.com/a/s.jpg 480w, https://example.com/a/l.jpg 1024w")
        );
        assert_eq!(clean_srcset("x.jpg onerror=alert(1)", Some(&b)), None);
        // Regression (fuzz, extract target): a descriptor ending in a multi-byte character
        // panicked on a byte slice.
        assert_eq!(clean_srcset("x.jpg 2§", Some(&b)), None);
        assert_eq!(
            clean_srcset("x.jpg é, y.jpg 2x", Some(&b)).as_deref(),
            Some("https://example.com/a/y.jpg 2x")
        );
    }

    #[test]
    fn only_known_video_frames() {
        assert_eq!(
            video_frame_url("//www.youtube.com/embed/abc?rel=0", None).as_deref(),
            Some("https://www.youtube.com/embed/abc?rel=0")
        );
        assert!(video_frame_url("https://player.vimeo.com/video/1", None).is_some());
        assert!(video_frame_url("https://evil.com/embed/x", None).is_none());
        assert!(video_frame_url("https://www.youtube.com.evil.com/embed/x", None).is_none());
        assert!(video_frame_url("https://www.youtube.com/redirect?q=x", None).is_none());
        assert!(video_frame_url("javascript:alert(1)", None).is_none());
        assert!(video_frame_url("https://u:p@www.youtube.com/embed/x", None).is_none());
    }
}
