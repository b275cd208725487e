//! The article's outputs: sanitized HTML, plain text, Markdown.
//! (STUB — being written; the interface below is fixed.)

use crate::dom::{NodeId, Tree};
use url::Url;

/// Rewrites the subtree under `root` in place so that it holds only allowlisted tags and
/// attributes, absolute URLs and nothing that can run script.
pub fn sanitize(tree: &mut Tree, root: NodeId, base: Option<&Url>) {
    let _ = (tree, root, base);
}

/// The children of `root` as plain text: blank line between blocks, list items on their own lines.
pub fn to_text(tree: &Tree, root: NodeId) -> String {
    tree.text_content(root)
}

/// The children of `root` as Markdown.
pub fn to_markdown(tree: &Tree, root: NodeId) -> String {
    tree.text_content(root)
}
