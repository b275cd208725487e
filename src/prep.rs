//! Preparation: drop what is never content before any scoring. (first cut)

use crate::dom::Tree;
use crate::patterns;

/// Removes never-content elements in one pass over the document.
pub fn prepare(tree: &mut Tree) {
    let root = tree.root();
    let mut cur = tree.first_child(root);
    while let Some(id) = cur {
        let remove = tree
            .element(id)
            .is_some_and(|e| patterns::NEVER_CONTENT.contains(&&*e.name));
        cur = tree.next_in_order(id, root, remove);
        if remove {
            tree.detach(id);
        }
    }
}
