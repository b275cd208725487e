//! The article's outputs: sanitized HTML, plain text, Markdown.
//!
//! - [`sanitize`] rewrites the article subtree in place to an allowlist of tags and attributes
//!   with safe, absolute URLs (`allowlist`, `urls`, `sanitize`) and seats table parts the grab
//!   took out of their table (`table_parts`);
//! - [`to_text`] renders it as plain text (`text`), [`to_markdown`] as CommonMark/GFM
//!   (`markdown`); both share the walker (`walk`) and the block/table rules (`blocks`);
//! - [`text_document`] and [`markdown_document`] put the headline and a metadata line above
//!   the body, for exports (`document`).

mod allowlist;
mod blocks;
mod document;
mod markdown;
mod sanitize;
mod table_parts;
mod text;
mod urls;
mod walk;

pub use document::{markdown_document, text_document};
pub use text::TextTally;

use crate::dom::{NodeId, Tree};
use url::Url;

/// Rewrites the subtree under `root` in place so that it holds only allowlisted tags and
/// attributes, absolute URLs and nothing that can run script; table parts left outside a table
/// get the table they need, so that the content parses back to this tree.
pub fn sanitize(tree: &mut Tree, root: NodeId, base: Option<&Url>) {
    sanitize::sanitize(tree, root, base);
    table_parts::seat_table_parts(tree, root);
}

/// The children of `root` as plain text: blank line between blocks, list items on their own lines.
pub fn to_text(tree: &Tree, root: NodeId) -> String {
    text::to_text(tree, root)
}

/// What `to_text` would give, without writing it: its word count and whether it is blank.
pub fn tally_text(tree: &Tree, root: NodeId) -> TextTally {
    text::tally_text(tree, root)
}

/// The children of `root` as Markdown.
pub fn to_markdown(tree: &Tree, root: NodeId) -> String {
    markdown::to_markdown(tree, root)
}

/// The Markdown of an article from its `content` HTML parsed into `tree` (by either front end):
/// the parser puts the content in `<body>`.
pub fn content_markdown(tree: &Tree) -> String {
    to_markdown(tree, tree.body().unwrap_or_else(|| tree.root()))
}
