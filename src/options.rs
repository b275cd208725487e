//! Options and the named heuristic flags.

/// The heuristics that can be relaxed when too little text survives. They are dropped one at a
/// time in the order of `Flags::RELAX_ORDER`, as Readability.js does, and the longest attempt is
/// kept if every attempt stays short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    /// Remove blocks whose class/id reads like boilerplate (nav, sidebar, comments...) before scoring.
    pub strip_unlikely: bool,
    /// Add or subtract score by class/id vocabulary.
    pub weight_classes: bool,
    /// Remove link-heavy, image-heavy or form-like blocks inside the chosen article.
    pub clean_conditionally: bool,
}

impl Flags {
    pub const ALL: Flags = Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
    };
}

impl Default for Flags {
    fn default() -> Self {
        Flags::ALL
    }
}

/// Settings for one extraction.
#[derive(Debug, Clone)]
pub struct Options {
    /// An attempt whose text is shorter than this (in characters) triggers the next, relaxed one.
    pub char_threshold: usize,
    /// How many top candidates are compared when choosing the article root.
    pub top_candidates: usize,
    /// Reading speed used for `reading_time_minutes`.
    pub words_per_minute: usize,
    /// Pages with more elements than this are refused with `Error::TooLarge`.
    pub max_elements: usize,
    /// Whether the article carries its plain `text`. Without it (the reader view, which needs
    /// the text only to copy or export and reads it back from `content` then), `text` is empty
    /// and the word count and the check for an empty article come from a tally of the same walk.
    pub with_text: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            char_threshold: 500,
            top_candidates: 5,
            words_per_minute: 230,
            max_elements: 5_000_000,
            with_text: true,
        }
    }
}
