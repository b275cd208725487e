//! An iterative enter/leave walk over a subtree, for renderers that need both events.

use crate::dom::{NodeId, Tree};

/// One step of the walk: a node is entered, later left (text nodes too, right away).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Enter(NodeId),
    Leave(NodeId),
}

/// Walks the nodes below `root` (not `root` itself) in document order, with no stack: the
/// next step follows from the tree's links. Call [`Walk::skip_children`] right after an
/// `Enter` to go straight to that node's `Leave`.
pub struct Walk {
    root: NodeId,
    next: Option<Step>,
}

impl Walk {
    pub fn new(tree: &Tree, root: NodeId) -> Self {
        Walk {
            root,
            next: tree.first_child(root).map(Step::Enter),
        }
    }

    /// The next step, or `None` when the subtree is done.
    pub fn next_step(&mut self, tree: &Tree) -> Option<Step> {
        let step = self.next?;
        self.next = match step {
            Step::Enter(id) => Some(match tree.first_child(id) {
                Some(c) => Step::Enter(c),
                None => Step::Leave(id),
            }),
            Step::Leave(id) => match tree.next_sibling(id) {
                Some(s) => Some(Step::Enter(s)),
                None => tree.parent(id).filter(|&p| p != self.root).map(Step::Leave),
            },
        };
        Some(step)
    }

    /// After `Enter(id)`, skips `id`'s children: the next step is `Leave(id)`.
    pub fn skip_children(&mut self, id: NodeId) {
        self.next = Some(Step::Leave(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enters_and_leaves_in_order() {
        let mut t = Tree::new();
        let root = t.new_html_element("div");
        let a = t.new_html_element("p");
        let b = t.new_html_element("p");
        t.append(root, a);
        t.append(root, b);
        t.append_text(a, "x");
        let x = t.first_child(a).unwrap();
        let mut w = Walk::new(&t, root);
        let mut steps = Vec::new();
        while let Some(s) = w.next_step(&t) {
            steps.push(s);
        }
        use Step::*;
        assert_eq!(
            steps,
            [Enter(a), Enter(x), Leave(x), Leave(a), Enter(b), Leave(b)]
        );
        let mut w = Walk::new(&t, root);
        assert_eq!(w.next_step(&t), Some(Enter(a)));
        w.skip_children(a);
        assert_eq!(w.next_step(&t), Some(Leave(a)));
        assert_eq!(w.next_step(&t), Some(Enter(b)));
    }
}
