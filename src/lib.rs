//! Folio's extraction core: from a web page to a clean article with its metadata.
//!
//! The core works on an owned document tree ([`dom::Tree`]) and knows nothing about browsers.
//! Natively html5ever fills the tree ([`extract_html`]); in the browser the DOM is walked into it
//! (see `wasm.rs`). Either way [`extract_tree`] runs the same pipeline:
//!
//! 1. read the metadata (JSON-LD, OpenGraph, meta tags, title) from the untouched page;
//! 2. prepare: drop what is never content (scripts, styles, forms, hidden nodes) and give
//!    lazy images their real address;
//! 3. grab: strip unlikely blocks, score paragraphs into their ancestors, pick the article root
//!    and its siblings, clean conditionally; retry with relaxed flags if too little survives;
//! 4. post-process and sanitize; render as HTML, text and Markdown.

pub mod article;
mod ascii_word;
mod boilerplate;
mod clean;
pub mod dom;
mod entities;
pub mod error;
mod extract;
mod grab;
pub mod media;
pub mod metadata;
pub mod options;
pub mod output;
pub mod patterns;
mod prep;
pub mod readerable;
mod score;
mod text_util;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use article::Article;
pub use error::Error;
pub use extract::extract_tree;
pub use options::{Flags, Options};

/// Parses `html` with html5ever and extracts its article.
#[cfg(feature = "native")]
pub fn extract_html(html: &str, url: Option<&str>, options: &Options) -> Result<Article, Error> {
    let tree = dom::html::parse_html(html);
    extract_tree(tree, url, options)
}

/// Decodes page bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, or the charset the
/// page declares in its first bytes. Binary data is refused.
pub fn decode_page(bytes: &[u8]) -> Result<String, Error> {
    text_util::decode_page(bytes)
}
