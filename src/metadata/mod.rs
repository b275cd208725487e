//! Metadata: each field from the best source the page offers.
//! (STUB — being written; the interface below is fixed.)

use crate::dom::{NodeId, Tree};
use url::Url;

/// What the page says about itself, before any extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub lead_image: Option<String>,
    pub canonical_url: Option<String>,
}

/// Reads every metadata source of the document (JSON-LD, OpenGraph, Twitter, Dublin Core,
/// `<meta>`, `<title>`, `<html lang dir>`, `<link rel=canonical>`, `<time>`).
pub fn read_metadata(tree: &Tree, page_url: Option<&Url>) -> Metadata {
    let _ = (tree, page_url);
    Metadata::default()
}

/// When `node` is an in-page byline (rel=author, itemprop=author, class/id "byline"/"author"...),
/// its cleaned text.
pub fn byline_of_node(tree: &Tree, node: NodeId) -> Option<String> {
    let _ = (tree, node);
    None
}
