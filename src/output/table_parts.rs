//! Table parts outside their table: wrapped in the table they need.
//!
//! The grab can choose a table's body or row as the article (a list of citations, a product's
//! specification rows), so the content can begin with `<tbody>` or `<tr>` and no `<table>`. An
//! HTML parser ignores such tags outside a table and keeps only their content, so the reader view
//! (the browser parses `content`) and the Markdown export (read back from `content`) would see the
//! cells' texts run together, while the text made from the tree kept them apart. Wrapping each
//! run of orphaned parts in the elements they need makes the content parse back to this tree.

use crate::dom::{Namespace, NodeId, Tree};
use crate::text_util;

/// The elements a table part needs around it, outermost first; empty when it is no table part.
fn needs(tree: &Tree, id: NodeId) -> &'static [&'static str] {
    tree.element(id)
        .filter(|e| e.namespace == Namespace::Html)
        .map_or(&[], |e| wrappers_for(e.name))
}

/// `needs` by an HTML element's name.
fn wrappers_for(name: &str) -> &'static [&'static str] {
    match name {
        "td" | "th" => &["table", "tbody", "tr"],
        "tr" => &["table", "tbody"],
        "tbody" | "thead" | "tfoot" | "caption" | "colgroup" | "col" => &["table"],
        _ => &[],
    }
}

/// Whether a table part sits where a parser keeps it. The root's own tag is not written out
/// (the content is its inner HTML), so its children have no parent to lean on.
fn seated(tree: &Tree, id: NodeId, root: NodeId) -> bool {
    let Some(parent) = tree.parent(id).filter(|&p| p != root) else {
        return false;
    };
    let parent_is = |names: &[&str]| names.iter().any(|n| tree.is(parent, n));
    match tree.element(id).map(|e| e.name) {
        // A parser makes the row (and body) a cell in a table or body lacks.
        Some("td" | "th") => parent_is(&["tr", "table", "tbody", "thead", "tfoot"]),
        Some("tr") => parent_is(&["table", "tbody", "thead", "tfoot"]),
        Some("col") => parent_is(&["table", "colgroup"]),
        _ => parent_is(&["table"]),
    }
}

/// Wraps every run of table parts outside their context under `root` in what they need: cells
/// in a table, a body and a row; rows in a table and a body; bodies, captions and column groups
/// in a table. A run is consecutive siblings needing the same wrappers, with only white space
/// between them.
pub fn seat_table_parts(tree: &mut Tree, root: NodeId) {
    // Each name of the tree judged once; elements are then told apart by their name's key.
    // (Names made after this, by the wrappers, are judged by `needs` itself.)
    let part_names: Vec<bool> = tree
        .names_by_key()
        .map(|n| !wrappers_for(n).is_empty())
        .collect();
    let mut cur = tree.first_child(root);
    while let Some(id) = cur {
        let maybe_part = tree
            .html_element_name_key(id)
            .is_some_and(|key| part_names.get(key.index()).copied().unwrap_or(true));
        if !maybe_part {
            cur = tree.next_in_order(id, root, false);
            continue;
        }
        let chain = needs(tree, id);
        if chain.is_empty() || seated(tree, id, root) {
            cur = tree.next_in_order(id, root, false);
            continue;
        }
        let last = run_end(tree, id, chain);
        // Innermost wrapper first: each wraps what the previous one made.
        let (mut first, mut end) = (id, last);
        for name in chain.iter().rev() {
            let wrapper = tree.new_element(name, Namespace::Html, std::iter::empty());
            tree.wrap_run(first, end, wrapper);
            (first, end) = (wrapper, wrapper);
        }
        let outer = first;
        // The run's parts are seated now; their descendants are walked as usual.
        cur = tree.next_in_order(outer, root, false);
    }
}

/// The last node of the run that starts at `first`: siblings needing the same wrappers, with
/// white-space text allowed between them (never at the end).
fn run_end(tree: &Tree, first: NodeId, chain: &[&str]) -> NodeId {
    let mut last = first;
    let mut cur = tree.next_sibling(first);
    while let Some(id) = cur {
        if tree.text(id).is_some_and(text_util::is_blank) {
            cur = tree.next_sibling(id);
            continue;
        }
        if needs(tree, id) != chain {
            break;
        }
        last = id;
        cur = tree.next_sibling(id);
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;
    use crate::dom::serialize::inner_html;
    use crate::output::to_text;

    /// `<div>` (the root) holding what `shape` makes under it, built by hand: a parser would not
    /// leave table parts outside a table.
    fn root_with(shape: impl FnOnce(&mut Tree, NodeId)) -> (Tree, NodeId) {
        let mut tree = Tree::with_capacity(16);
        let root = tree.new_element("div", Namespace::Html, std::iter::empty());
        let doc = tree.root();
        tree.append(doc, root);
        shape(&mut tree, root);
        (tree, root)
    }

    fn element(tree: &mut Tree, parent: NodeId, name: &str, text: Option<&str>) -> NodeId {
        let id = tree.new_element(name, Namespace::Html, std::iter::empty());
        tree.append(parent, id);
        if let Some(t) = text {
            tree.append_text(id, t);
        }
        id
    }

    fn row(tree: &mut Tree, parent: NodeId, cells: &[&str]) -> NodeId {
        let tr = element(tree, parent, "tr", None);
        for c in cells {
            element(tree, tr, "td", Some(c));
        }
        tr
    }

    /// The content parsed as the browser and the CLI parse it has the tree's text.
    fn reads_back(tree: &Tree, root: NodeId) {
        let content = inner_html(tree, root);
        let back = parse_html(&content);
        let body = back.body().expect("a parsed page has a body");
        assert_eq!(to_text(&back, body), to_text(tree, root), "{content}");
    }

    #[test]
    fn orphaned_rows_share_one_table_and_body() {
        let (mut tree, root) = root_with(|t, r| {
            row(t, r, &["2012", "Deep learning"]);
            t.append_text(r, "\n  ");
            row(t, r, &["2015", "Nature"]);
            t.append_text(r, " ");
        });
        seat_table_parts(&mut tree, root);
        assert_eq!(
            inner_html(&tree, root),
            "<table><tbody><tr><td>2012</td><td>Deep learning</td></tr>\n  \
             <tr><td>2015</td><td>Nature</td></tr></tbody></table> "
        );
        reads_back(&tree, root);
    }

    #[test]
    fn a_body_gets_a_table_and_a_row_gets_its_body() {
        let (mut tree, root) = root_with(|t, r| {
            let body = element(t, r, "tbody", None);
            row(t, body, &["a", "b"]);
            element(t, r, "p", Some("between"));
            row(t, r, &["c", "d"]);
        });
        seat_table_parts(&mut tree, root);
        assert_eq!(
            inner_html(&tree, root),
            "<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table><p>between</p>\
             <table><tbody><tr><td>c</td><td>d</td></tr></tbody></table>"
        );
        reads_back(&tree, root);
    }

    #[test]
    fn cells_get_a_whole_table_and_a_row_root_does_not_count() {
        // The root itself is a row: its tag is never written, so its cells are orphans.
        let mut tree = Tree::with_capacity(16);
        let doc = tree.root();
        let root = row(&mut tree, doc, &["Compatible devices", "Phones, tablets"]);
        seat_table_parts(&mut tree, root);
        assert_eq!(
            inner_html(&tree, root),
            "<table><tbody><tr><td>Compatible devices</td><td>Phones, tablets</td></tr></tbody></table>"
        );
        reads_back(&tree, root);
    }

    #[test]
    fn parts_in_place_are_left_alone() {
        let (mut tree, root) = root_with(|t, r| {
            let table = element(t, r, "table", None);
            element(t, table, "caption", Some("Figures"));
            row(t, table, &["in a table"]);
            let body = element(t, table, "tbody", None);
            row(t, body, &["in a body"]);
            // A cell straight in a table: the parser makes its row, nothing is lost.
            element(t, body, "td", Some("loose cell"));
        });
        let before = inner_html(&tree, root);
        seat_table_parts(&mut tree, root);
        assert_eq!(inner_html(&tree, root), before);
        reads_back(&tree, root);
    }
}
