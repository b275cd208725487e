//! Every vocabulary and threshold the extraction uses, in one place, each with its reason.
//!
//! Class/id vocabularies are matched as lower-case substrings of `class + " " + id`, the way
//! readers since Arc90's Readability have done: sites name their boilerplate consistently
//! ("sidebar", "comment", "share"), and substring matching catches "post-sidebar-left" too.

use std::sync::OnceLock;

/// Words in a class/id that mark a block as probably not the article (navigation, sidebars,
/// comments, share bars, ads, cookie banners, "related"/"trending"/"most read" lists).
pub static UNLIKELY: Vocabulary = Vocabulary::new(&[
    "-ad-",
    "ad-break",
    "adbox",
    "advert",
    "agegate",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "consent",
    "cookie",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "most-read",
    "mostread",
    "most-popular",
    "newsletter",
    "outbrain",
    "pager",
    "pagination",
    "popup",
    "promo",
    "related",
    "remark",
    "replies",
    "rss",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "subscribe",
    "taboola",
    "trending",
    "yom-remote",
]);

/// Words that rescue a block matched by `UNLIKELY` ("main-header" is not a site header when it
/// says "article"; "comment" inside "article-body" classes should not drop the body).
pub static MAYBE_CANDIDATE: Vocabulary = Vocabulary::new(&[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow", "story", "embed",
    "tweet",
]);

/// ARIA roles of blocks that are never the article.
pub const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
    "search",
    "banner",
    "contentinfo",
];

/// Class/id words that raise a candidate's score (by `CLASS_WEIGHT`).
pub static POSITIVE: Vocabulary = Vocabulary::new(&[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
    "prose",
]);

/// Class/id words that lower a candidate's score (by `CLASS_WEIGHT`).
pub static NEGATIVE: Vocabulary = Vocabulary::new(&[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "trending",
    "newsletter",
    "subscribe",
    "cookie",
    "consent",
]);

/// Exact-word class names that are negative only as whole tokens ("hid" would hit "hide-x"...).
pub const NEGATIVE_TOKENS: &[&str] = &["hid", "ad", "ads", "nav", "sr-only", "visually-hidden"];

/// Class/id words of in-page bylines.
pub static BYLINE: Vocabulary =
    Vocabulary::new(&["byline", "author", "dateline", "writtenby", "p-author"]);

/// Class/id words of share and social-button bars (cleaned out of the article when short)...
pub static SHARE_BAR: Vocabulary = Vocabulary::new(&["share", "sharing", "social"]);
/// ...unless they name an embedded post ("social-media-embed", "twitter-tweet"): quoted content.
pub static EMBEDDED_POST: Vocabulary = Vocabulary::new(&["embed", "tweet"]);

/// How much one class/id vocabulary hit moves a candidate's score.
pub const CLASS_WEIGHT: f32 = 25.0;

/// Blocks that are scored directly: their text is the evidence for their ancestors.
pub const TAGS_TO_SCORE: &[&str] = &["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"];

/// Elements removed before anything else: they never carry readable content.
pub const NEVER_CONTENT: &[&str] = &[
    "script", "style", "template", "link", "meta", "noscript", "base", "title", "head", "button",
    "input", "select", "textarea", "option", "optgroup", "datalist", "dialog", "frame", "frameset",
    "applet", "object", "embed", "param", "canvas", "portal", "slot",
];

/// Elements that are block-level for the purpose of "does this div hold only phrasing content?".
pub const DIV_TO_P_BLOCKERS: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
    "figure",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "select",
    "form",
    "picture",
    "video",
    "audio",
    "iframe",
    "hr",
    "main",
    "nav",
    "details",
];

/// Phrasing (inline) content elements, per the HTML standard: runs of these get wrapped in `<p>`.
pub const PHRASING: &[&str] = &[
    "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em",
    "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object",
    "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong",
    "sub", "sup", "textarea", "time", "var", "wbr", "a", "del", "ins", "map", "u", "s", "font",
    "big", "tt", "strike", "svg",
];

/// Video hosts whose embeds are kept.
pub const VIDEO_HOSTS: &[&str] = &[
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "player.vimeo.com",
    "vimeo.com",
    "dailymotion.com",
    "player.twitch.tv",
    "bilibili.com",
    "v.qq.com",
    "archive.org",
    "upload.wikimedia.org",
    "player.bilibili.com",
    "embed.ted.com",
];

/// A scored block needs at least this many characters to count as evidence.
pub const MIN_SCORED_TEXT: usize = 25;

/// Ancestors that receive a share of a block's score (parent, grandparent, and further up with
/// a shrinking share).
pub const SCORE_ANCESTOR_LEVELS: usize = 5;

/// A sibling of the top candidate joins the article when its score reaches this share of the
/// top score (or `SIBLING_MIN_SCORE`, whichever is higher).
pub const SIBLING_SCORE_SHARE: f32 = 0.2;
pub const SIBLING_MIN_SCORE: f32 = 10.0;

/// Candidates at least this share of the top score that share an ancestor with it suggest the
/// article is that ancestor (the body split into several scored sections).
pub const ALTERNATIVE_SHARE: f32 = 0.75;
pub const MIN_ALTERNATIVES: usize = 3;

/// Words per sentence-ending punctuation; used by text helpers.
pub const SENTENCE_END: &[char] = &['.', '!', '?', '。', '！', '？', '"', '”', '»', ':'];

/// Tags that block conditional cleaning from touching content inside them.
pub const PRESERVE_INSIDE: &[&str] = &["pre", "code", "math", "table"];

/// Class tokens that name an advertisement slot: "ad", "ads", "ad-slot", "ads_top",
/// "advert...". Checked per token because "ad" as a substring is in "read", "header", "lead".
pub fn is_ad_token(token: &str) -> bool {
    // ASCII case ignored, as a lower-cased copy would, without making one per token.
    let t = token.as_bytes();
    let is = |w: &[u8]| t.eq_ignore_ascii_case(w);
    let starts = |p: &[u8]| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let ends = |p: &[u8]| t.len() >= p.len() && t[t.len() - p.len()..].eq_ignore_ascii_case(p);
    is(b"ad")
        || is(b"ads")
        || starts(b"ad-")
        || starts(b"ad_")
        || starts(b"ads-")
        || starts(b"ads_")
        || starts(b"advert")
        || ends(b"-ad")
        || ends(b"_ad")
        || ends(b"-ads")
}

/// The vocabulary rule for boilerplate: a lower-case `class id` string that names an unlikely
/// block and nothing that rescues it. Shared by the readerable check and the extraction walk.
pub fn sounds_unlikely(match_string: &str) -> bool {
    UNLIKELY.found_in(match_string) && !MAYBE_CANDIDATE.found_in(match_string)
}

/// A class/id vocabulary: its words are matched as substrings of a lower-case `class id`
/// string. Every element of every page is checked against several vocabularies, so the search
/// is one pass over the haystack: at each byte, only when some word starts with that byte and
/// the next are the words starting with it compared. (An Aho-Corasick automaton was measured
/// too: building it costs more than a whole page's searches, and the reader view starts fresh
/// on every click.)
pub struct Vocabulary {
    words: &'static [&'static str],
    /// Built on first use: a few dozen pushes and an 8 KiB bit set.
    index: OnceLock<VocabularyIndex>,
}

struct VocabularyIndex {
    /// For each byte, the words that start with it.
    by_first_byte: Vec<Vec<&'static [u8]>>,
    /// One bit per pair of bytes (first byte high): set when a word starts with the pair, or
    /// with the first byte alone (a one-byte word). Most positions of a haystack start no
    /// word, and this tells so in one test.
    starts: Box<[u64; 1024]>,
}

fn pair_bit(first: u8, second: u8) -> (usize, u64) {
    let pair = usize::from(first) << 8 | usize::from(second);
    (pair / 64, 1 << (pair % 64))
}

impl Vocabulary {
    pub const fn new(words: &'static [&'static str]) -> Self {
        Vocabulary {
            words,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &VocabularyIndex {
        self.index.get_or_init(|| {
            let mut by_first_byte: Vec<Vec<&'static [u8]>> = vec![Vec::new(); 256];
            let mut starts = Box::new([0u64; 1024]);
            let mut mark = |first: u8, second: u8| {
                let (word, bit) = pair_bit(first, second);
                starts[word] |= bit;
            };
            for w in self.words.iter().map(|w| w.as_bytes()) {
                match *w {
                    [] => continue,
                    [only] => (0..=255).for_each(|second| mark(only, second)),
                    [first, second, ..] => mark(first, second),
                }
                by_first_byte[usize::from(w[0])].push(w);
            }
            VocabularyIndex {
                by_first_byte,
                starts,
            }
        })
    }

    /// True when any word of the vocabulary occurs in `haystack` (already lower-case).
    pub fn found_in(&self, haystack: &str) -> bool {
        let index = self.index();
        let h = haystack.as_bytes();
        (0..h.len()).any(|i| {
            if let Some(&next) = h.get(i + 1) {
                let (word, bit) = pair_bit(h[i], next);
                if index.starts[word] & bit == 0 {
                    return false;
                }
            }
            // Some word starts with this pair (or this byte alone). The words are short and
            // the others starting with the same byte mostly fail on their second: a plain loop
            // from there, not a call to memcmp per candidate.
            let rest = &h[i..];
            index.by_first_byte[usize::from(h[i])]
                .iter()
                .any(|w| rest.len() >= w.len() && w.iter().zip(rest).skip(1).all(|(a, b)| a == b))
        })
    }
}

/// True when any whitespace-separated token of `class_list` equals one of `tokens`.
pub fn has_token(class_list: &str, tokens: &[&str]) -> bool {
    class_list
        .split_ascii_whitespace()
        .any(|t| tokens.iter().any(|w| t.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_words_hold_no_space() {
        // The byline check matches class and id apart (metadata::byline::names_byline), which
        // is the same as matching "class id" only while no word can straddle the space.
        assert!(BYLINE.words.iter().all(|w| !w.contains(' ')));
    }

    #[test]
    fn vocabulary_finds_words_anywhere_and_nothing_else() {
        static V: Vocabulary = Vocabulary::new(&["sidebar", "-ad-", "share"]);
        assert!(V.found_in("post-sidebar-left"));
        assert!(V.found_in("top -ad- slot"));
        assert!(V.found_in("sharebar"));
        assert!(!V.found_in("article-body main"));
        assert!(!V.found_in(""));
        assert!(!V.found_in("side bar"));
    }

    #[test]
    fn vocabulary_search_agrees_with_contains_on_generated_strings() {
        static V: Vocabulary = Vocabulary::new(&["ab", "abc", "b-a", "cab", "a", "bb"]);
        let words = ["ab", "abc", "b-a", "cab", "a", "bb"];
        let alphabet = b"abc- ";
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let len = crate::dom::test_random_below(&mut state, 9);
            let s: String = (0..len)
                .map(|_| {
                    alphabet[crate::dom::test_random_below(&mut state, alphabet.len())] as char
                })
                .collect();
            let expected = words.iter().any(|w| s.contains(w));
            assert_eq!(V.found_in(&s), expected, "{s:?}");
        }
    }

    #[test]
    fn ad_tokens_are_matched_as_a_lower_cased_copy_would_be() {
        let by_copy = |token: &str| {
            let t = token.to_ascii_lowercase();
            t == "ad"
                || t == "ads"
                || ["ad-", "ad_", "ads-", "ads_", "advert"]
                    .iter()
                    .any(|p| t.starts_with(p))
                || ["-ad", "_ad", "-ads"].iter().any(|p| t.ends_with(p))
        };
        let tokens = [
            "ad",
            "AD",
            "Ads",
            "ad-slot",
            "AD_top",
            "ads-x",
            "ads_y",
            "Advertisement",
            "top-ad",
            "TOP_AD",
            "more-ADS",
            "add",
            "head",
            "a",
            "",
            "-",
            "ad\u{e9}",
            "\u{e9}-ad",
            "adverb",
            "shadow",
            "lead-ads",
            "ad-",
            "-ad",
        ];
        for t in tokens {
            assert_eq!(is_ad_token(t), by_copy(t), "{t:?}");
        }
    }
}
