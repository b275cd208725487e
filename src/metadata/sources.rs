//! The elements the metadata sources live in, found in one walk of the document.
//!
//! The `<meta>`, `<link>` and `<title>` tags, the JSON-LD scripts and the `<h1>`/`<h2>`
//! headings are each read by their own reader. Each reader walking the whole page was about a
//! quarter of the metadata's instructions (40 mozilla pages), so the page is walked once and
//! each reader goes through the elements of its names.

use crate::dom::{NodeId, Tree};

/// The document's elements of the names the readers ask for (of any namespace: each reader
/// checks the one it wants), by reader, each list in document order.
#[derive(Debug, Default)]
pub struct SourceElements {
    /// `<meta>`, `<link>` and `<title>`.
    pub tags: Vec<NodeId>,
    /// `<script>`.
    pub scripts: Vec<NodeId>,
    /// `<h1>` and `<h2>`.
    pub headings: Vec<NodeId>,
}

impl SourceElements {
    pub fn find(tree: &Tree) -> Self {
        // Names compared as keys, looked up once (a name no element has is no key at all).
        let key = |name| tree.key_of(name);
        let tags = [key("meta"), key("link"), key("title")];
        let script = key("script");
        let headings = [key("h1"), key("h2")];
        let mut found = SourceElements::default();
        for node in tree.descendants(tree.root()) {
            let k = tree.element_name_key(node);
            if k.is_none() {
                continue;
            }
            if tags.contains(&k) {
                found.tags.push(node);
            } else if k == script {
                found.scripts.push(node);
            } else if headings.contains(&k) {
                found.headings.push(node);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    #[test]
    fn finds_each_readers_elements_in_document_order() {
        let tree = parse_html(
            r#"<title>T</title><meta name=a content=1><body><h2>B</h2><p>x</p>
            <svg><title>s</title></svg><h1>A</h1><script>1</script><link rel=x href=y>"#,
        );
        let found = SourceElements::find(&tree);
        let names = |nodes: &[NodeId]| nodes.iter().map(|&n| tree.name(n)).collect::<Vec<_>>();
        let texts = |nodes: &[NodeId]| {
            nodes
                .iter()
                .map(|&n| tree.text_content(n))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&found.tags), ["title", "meta", "title", "link"]);
        assert_eq!(texts(&found.tags), ["T", "", "s", ""]);
        assert_eq!(names(&found.scripts), ["script"]);
        assert_eq!(texts(&found.headings), ["B", "A"]);
    }
}
