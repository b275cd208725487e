//! Cleaning the chosen article: drop embeds, share bars, boilerplate headers and blocks that
//! look like navigation or ads ("conditional cleaning"), then tidy paragraphs and tables.

use crate::dom::{NodeId, Tree};
use crate::options::Flags;
use crate::patterns;
use crate::score::{self, StatsTable, TextCache};

/// Cleans the article under `article` in place; returns the characters of text left. One
/// statistics table serves every stage: each removal updates its ancestors' figures.
pub fn prep_article(tree: &mut Tree, article: NodeId, flags: Flags, cache: &TextCache) -> u32 {
    let data_tables = DataTables::mark(tree, article);
    remove_never_in_article(tree, article);
    let mut stats = StatsTable::compute_with(tree, article, cache);
    remove_share_blocks(tree, article, &mut stats);
    if flags.weight_classes {
        remove_negative_headers(tree, article, &mut stats);
    }
    if flags.clean_conditionally {
        clean_conditionally(tree, article, flags, &data_tables, &mut stats);
    }
    for h1 in tree.find_all(article, "h1").collect::<Vec<_>>() {
        tree.rename(h1, "h2");
    }
    crate::boilerplate::remove_boilerplate(tree, article, &mut stats);
    remove_empty_paragraphs(tree, article);
    unwrap_single_cell_tables(tree, article, &data_tables);
    stats.get(article).text_len
}

/// Tables that hold data (kept whole) as opposed to tables used for layout.
pub struct DataTables {
    is_data: Vec<bool>,
}

impl DataTables {
    pub fn mark(tree: &Tree, scope: NodeId) -> DataTables {
        let mut is_data = vec![false; tree.capacity()];
        for t in tree.find_all(scope, "table") {
            is_data[t.index()] = is_data_table(tree, t);
        }
        DataTables { is_data }
    }

    pub fn contains(&self, id: NodeId) -> bool {
        self.is_data.get(id.index()).copied().unwrap_or(false)
    }
}

fn is_data_table(tree: &Tree, table: NodeId) -> bool {
    if tree.attr(table, "role") == Some("presentation")
        || tree.attr(table, "datatable") == Some("0")
    {
        return false;
    }
    if tree
        .attr(table, "summary")
        .is_some_and(|s| !s.trim().is_empty())
    {
        return true;
    }
    let mut rows = 0usize;
    let mut max_cols = 0usize;
    for d in tree.descendants(table) {
        match tree.name(d) {
            "caption" if tree.first_child(d).is_some() => return true,
            "col" | "colgroup" | "tfoot" | "thead" | "th" => return true,
            "table" => return false,
            "tr" => {
                rows += 1;
                let cols: usize = tree
                    .element_children(d)
                    .filter(|&c| matches!(tree.name(c), "td" | "th"))
                    .map(|c| {
                        tree.attr(c, "colspan")
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .min(100)
                    })
                    .sum();
                max_cols = max_cols.max(cols);
            }
            _ => {}
        }
    }
    rows >= 10 || max_cols > 4 || rows * max_cols > 10
}

/// Embeds other than video players, and page furniture that can sit inside an article.
fn remove_never_in_article(tree: &mut Tree, article: NodeId) {
    let mut cur = tree.first_child(article);
    while let Some(id) = cur {
        let remove = match tree.name(id) {
            "object" | "embed" | "iframe" => !is_video_embed(tree, id),
            "footer" | "aside" | "nav" | "form" | "fieldset" | "link" | "input" | "textarea"
            | "select" | "button" => true,
            _ => false,
        };
        cur = tree.next_in_order(id, article, remove);
        if remove {
            tree.detach(id);
        }
    }
}

/// An iframe, embed or object whose address is on a known video host.
pub fn is_video_embed(tree: &Tree, id: NodeId) -> bool {
    let src = tree
        .attr(id, "src")
        .or_else(|| tree.attr(id, "data"))
        .unwrap_or("")
        .to_ascii_lowercase();
    patterns::VIDEO_HOSTS.iter().any(|h| src.contains(h))
}

/// Short blocks named like share bars ("share", "sharing") are buttons, not content.
fn remove_share_blocks(tree: &mut Tree, article: NodeId, stats: &mut StatsTable) {
    let mut cur = tree.first_child(article);
    while let Some(id) = cur {
        let remove = tree.is_element(id) && {
            let ms = score::match_string(tree, id);
            patterns::SHARE_BAR.found_in(&ms)
                && !patterns::EMBEDDED_POST.found_in(&ms)
                && stats.get(id).text_len < 500
        };
        cur = tree.next_in_order(id, article, remove);
        if remove {
            stats.forget_subtree(tree, id);
            tree.detach(id);
        }
    }
}

fn remove_negative_headers(tree: &mut Tree, article: NodeId, stats: &mut StatsTable) {
    let heads: Vec<NodeId> = tree
        .descendants(article)
        .filter(|&d| matches!(tree.name(d), "h1" | "h2"))
        .collect();
    for h in heads {
        if score::class_weight(tree, h) < 0.0 {
            stats.forget_subtree(tree, h);
            tree.detach(h);
        }
    }
}

/// Removes blocks that look like navigation, ad slots or widgets by their shape: link density,
/// few paragraphs against many images or list items, form inputs, short embeds. Visits deepest
/// blocks first, keeping the stats of ancestors true as blocks go.
fn clean_conditionally(
    tree: &mut Tree,
    article: NodeId,
    flags: Flags,
    data_tables: &DataTables,
    stats: &mut StatsTable,
) {
    let context = Context::mark(tree, article, data_tables);
    let targets: Vec<NodeId> = tree
        .descendants(article)
        .filter(|&d| {
            matches!(
                tree.name(d),
                "form" | "fieldset" | "table" | "ul" | "ol" | "div" | "section"
            )
        })
        .collect();
    for &id in targets.iter().rev() {
        if should_remove(tree, id, flags, data_tables, &context, stats) {
            stats.forget_subtree(tree, id);
            tree.detach(id);
        }
    }
}

/// What surrounds each node, computed top-down in one pass so no node asks its ancestors.
struct Context {
    /// Inside a data table, `<pre>`, `<code>` or `<math>`: part of that content, never cleaned.
    protected: Vec<bool>,
    in_figure: Vec<bool>,
}

impl Context {
    fn mark(tree: &Tree, scope: NodeId, data_tables: &DataTables) -> Context {
        let mut protected = vec![false; tree.capacity()];
        let mut in_figure = vec![false; tree.capacity()];
        for d in tree.descendants(scope) {
            let Some(p) = tree.parent(d) else { continue };
            let (pp, pf) = (protected[p.index()], in_figure[p.index()]);
            protected[d.index()] =
                pp || data_tables.contains(p) || matches!(tree.name(p), "pre" | "code" | "math");
            in_figure[d.index()] = pf || tree.is(p, "figure");
        }
        Context {
            protected,
            in_figure,
        }
    }
}

fn should_remove(
    tree: &Tree,
    id: NodeId,
    flags: Flags,
    data_tables: &DataTables,
    context: &Context,
    stats: &StatsTable,
) -> bool {
    let name = tree.name(id);
    if (name == "table" && data_tables.contains(id)) || context.protected[id.index()] {
        return false;
    }
    // An embedded post (a quoted tweet, a "social-media-embed" around a blockquote) is quoted
    // content, however link-heavy; ad slots named "embed" are already gone as unlikely blocks.
    let ms = score::match_string(tree, id);
    if ms.contains("tweet") || (ms.contains("embed") && tree.find_first(id, "blockquote").is_some())
    {
        return false;
    }
    let weight = if flags.weight_classes {
        score::class_weight(tree, id)
    } else {
        0.0
    };
    if weight < 0.0 {
        return true;
    }
    let s = stats.get(id);
    // Prose (many commas) and video players (non-video embeds are already gone) stay.
    if s.commas >= 10 || s.videos > 0 {
        return false;
    }
    let is_list = matches!(name, "ul" | "ol")
        || (s.text_len > 0 && s.list_len as f32 / s.text_len as f32 > 0.9);
    let in_figure = context.in_figure[id.index()];
    let p = s.paragraphs as f32;
    let img = s.images as f32;
    let li = s.list_items as f32 - 100.0;
    let inputs = s.inputs as f32;
    let heading_density = if s.text_len > 0 {
        s.heading_len as f32 / s.text_len as f32
    } else {
        0.0
    };
    let link_density = s.link_density();
    let content_len = s.text_len;

    let remove = (img > 1.0 && p / img < 0.5 && !in_figure)
        || (!is_list && li > p)
        || (inputs > (p / 3.0).floor())
        || (!is_list
            && heading_density < 0.9
            && content_len < 25
            && (img == 0.0 || img > 2.0)
            && !in_figure
            && s.media == 0)
        || (!is_list && weight < 25.0 && link_density > 0.2)
        || (weight >= 25.0 && link_density > 0.5);
    if remove && is_list {
        // An image gallery: every item is one image. Keep it.
        let items: Vec<NodeId> = tree.element_children(id).collect();
        if !items.is_empty()
            && items.iter().all(|&li| {
                let imgs = tree.descendants(li).filter(|&d| tree.is(d, "img")).count();
                imgs == 1 && tree.element_children(li).count() <= 1
            })
        {
            return false;
        }
    }
    remove
}

/// Paragraphs with neither text nor media.
fn remove_empty_paragraphs(tree: &mut Tree, article: NodeId) {
    let ps: Vec<NodeId> = tree.find_all(article, "p").collect();
    for p in ps {
        let has_content = tree.descendants(p).any(|d| match tree.text(d) {
            Some(t) => !crate::text_util::is_blank(t),
            None => matches!(
                tree.name(d),
                "img"
                    | "embed"
                    | "object"
                    | "iframe"
                    | "video"
                    | "audio"
                    | "svg"
                    | "math"
                    | "picture"
            ),
        });
        if !has_content {
            tree.detach(p);
        }
    }
}

/// A layout table of one cell is just its content.
fn unwrap_single_cell_tables(tree: &mut Tree, article: NodeId, data_tables: &DataTables) {
    let tables: Vec<NodeId> = tree.find_all(article, "table").collect();
    for table in tables {
        if data_tables.contains(table) {
            continue;
        }
        let rows: Vec<NodeId> = tree.find_all(table, "tr").collect();
        if rows.len() != 1 {
            continue;
        }
        let cells: Vec<NodeId> = tree.element_children(rows[0]).collect();
        if cells.len() != 1 || !matches!(tree.name(cells[0]), "td" | "th") {
            continue;
        }
        let cell = cells[0];
        let inline = tree
            .children(cell)
            .all(|c| crate::prep::is_phrasing(tree, c));
        tree.rename(cell, if inline { "p" } else { "div" });
        tree.replace(table, cell);
    }
}
