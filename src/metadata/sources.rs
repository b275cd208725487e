//! The elements the metadata sources live in, found in one walk of the document.
//!
//! The `<meta>`, `<link>` and `<title>` tags, the JSON-LD scripts and the `<h1>`/`<h2>`
//! headings are each read by their own reader; walking the whole page once per reader cost as
//! much as all of their reading, so the page is walked once and each reader goes through the
//! elements of its names.

use crate::dom::{NodeId, Tree};

/// The element names the readers ask for.
const NAMES: [&str; 6] = ["meta", "link", "title", "script", "h1", "h2"];

/// The document's elements named in `NAMES` (of any namespace: each reader checks the one it
/// wants), in document order.
#[derive(Debug, Default)]
pub struct SourceElements {
    nodes: Vec<NodeId>,
}

impl SourceElements {
    pub fn find(tree: &Tree) -> Self {
        // Wanted names by key, looked up once: a page has a few hundred names, and a name no
        // element has is no key at all.
        let mut wanted = Vec::new();
        for key in NAMES.iter().filter_map(|n| tree.key_of(n)) {
            if wanted.len() <= key.index() {
                wanted.resize(key.index() + 1, false);
            }
            wanted[key.index()] = true;
        }
        let nodes = if wanted.is_empty() {
            Vec::new()
        } else {
            tree.descendants(tree.root())
                .filter(|&n| {
                    tree.element_name_key(n)
                        .is_some_and(|k| wanted.get(k.index()).copied().unwrap_or(false))
                })
                .collect()
        };
        SourceElements { nodes }
    }

    /// The elements named `name` (one of `NAMES`), of any namespace, in document order.
    pub fn named<'a>(&'a self, tree: &'a Tree, name: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        let key = tree.key_of(name);
        self.nodes
            .iter()
            .copied()
            .filter(move |&n| key.is_some() && tree.element_name_key(n) == key)
    }

    /// The elements named any of `names`, in document order.
    pub fn named_any<'a>(
        &'a self,
        tree: &'a Tree,
        names: &'a [&'a str],
    ) -> impl Iterator<Item = NodeId> + 'a {
        let keys: Vec<_> = names.iter().filter_map(|n| tree.key_of(n)).collect();
        self.nodes
            .iter()
            .copied()
            .filter(move |&n| tree.element_name_key(n).is_some_and(|k| keys.contains(&k)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    #[test]
    fn finds_each_name_in_document_order() {
        let tree = parse_html(
            r#"<title>T</title><meta name=a content=1><body><h2>B</h2><p>x</p>
            <svg><title>s</title></svg><h1>A</h1><script>1</script><link rel=x href=y>"#,
        );
        let found = SourceElements::find(&tree);
        let names = |name| {
            found
                .named(&tree, name)
                .map(|n| tree.text_content(n))
                .collect::<Vec<_>>()
        };
        assert_eq!(names("title"), ["T", "s"]);
        assert_eq!(names("meta"), [""]);
        assert_eq!(names("script"), [""]);
        let headings: Vec<_> = found
            .named_any(&tree, &["h1", "h2"])
            .map(|n| tree.text_content(n))
            .collect();
        assert_eq!(headings, ["B", "A"]);
        assert_eq!(found.named(&tree, "link").count(), 1);
    }
}
