//! Grabbing the article: walk, score, choose the root and its siblings, clean; retry relaxed.
//!
//! The fallback cascade (as Readability.js established it): an attempt runs with every flag in
//! `Flags::ALL`; if its text is shorter than `Options::char_threshold`, the flags are dropped one
//! at a time in this order and the page is tried again from the prepared copy:
//!   1. `strip_unlikely`     — keep blocks whose class/id sounds like boilerplate;
//!   2. `weight_classes`     — stop trusting class/id names for scores;
//!   3. `clean_conditionally`— keep link- or image-heavy blocks inside the article.
//!
//! The longest attempt wins when none reaches the threshold.

use crate::clean;
use crate::dom::{NodeId, Tree};
use crate::error::Error;
use crate::metadata::{self, Metadata};
use crate::options::{Flags, Options};
use crate::patterns;
use crate::prep::{is_phrasing, is_whitespace_text};
use crate::score::{self, StatsTable, TextCache};

/// The outcome of grabbing: a tree whose `root` element holds the article's blocks.
pub struct Grabbed {
    pub tree: Tree,
    pub root: NodeId,
    pub byline: Option<String>,
    pub dir: Option<String>,
}

/// Runs the cascade of attempts on the prepared document. Each attempt changes the tree under a
/// checkpoint; one that falls short is rolled back before the next, so the page is never copied.
/// `cache` holds the measures of the page's texts (texts are never changed in place, so measures
/// taken before preparation stay true; texts made since are measured when met).
pub fn grab_article(
    mut tree: Tree,
    meta: &Metadata,
    options: &Options,
    cache: &TextCache,
) -> Result<Grabbed, Error> {
    let relax_steps: [fn(&mut Flags); 3] = [
        |f| f.strip_unlikely = false,
        |f| f.weight_classes = false,
        |f| f.clean_conditionally = false,
    ];
    let mut flags = Flags::ALL;
    // The flags and length of the longest attempt so far.
    let mut best: Option<(Flags, u32)> = None;
    for step in 0..=relax_steps.len() {
        let checkpoint = tree.checkpoint();
        let outcome = attempt(&mut tree, meta, flags, options, cache)?;
        if outcome.text_len as usize >= options.char_threshold {
            tree.keep();
            return Ok(outcome.into_grabbed(tree));
        }
        if best.is_none_or(|(_, len)| outcome.text_len > len) {
            best = Some((flags, outcome.text_len));
        }
        if step == relax_steps.len() && best.is_some_and(|(f, _)| f == flags) {
            // The last attempt is the longest: keep it as it stands.
            tree.keep();
            return Ok(outcome.into_grabbed(tree));
        }
        tree.rollback(checkpoint);
        if let Some(relax) = relax_steps.get(step) {
            relax(&mut flags);
        }
    }
    // Every attempt fell short: run the longest one again, for good.
    let (flags, _) = best.ok_or_else(|| Error::NoArticle("no text survived extraction".into()))?;
    let outcome = attempt(&mut tree, meta, flags, options, cache)?;
    Ok(outcome.into_grabbed(tree))
}

/// What one attempt found; the tree it changed is the caller's.
struct Outcome {
    root: NodeId,
    byline: Option<String>,
    dir: Option<String>,
    text_len: u32,
}

impl Outcome {
    fn into_grabbed(self, tree: Tree) -> Grabbed {
        Grabbed {
            tree,
            root: self.root,
            byline: self.byline,
            dir: self.dir,
        }
    }
}

/// Per-attempt state: scores in a side table, the blocks to score, the byline found.
struct Attempt<'a> {
    meta: &'a Metadata,
    flags: Flags,
    byline: Option<String>,
    removed_title: bool,
    to_score: Vec<NodeId>,
    cache: &'a TextCache,
}

fn attempt(
    tree: &mut Tree,
    meta: &Metadata,
    flags: Flags,
    options: &Options,
    cache: &TextCache,
) -> Result<Outcome, Error> {
    let body = tree
        .body()
        .or_else(|| tree.document_element())
        .ok_or_else(|| Error::NoArticle("the page is empty".into()))?;
    let mut state = Attempt {
        meta,
        flags,
        byline: None,
        removed_title: false,
        to_score: Vec::new(),
        cache,
    };
    // Computed once and kept true through the walk's changes: the walk asks each node about
    // its subtree before changing anything in it, so it reads what the page had.
    let mut stats = StatsTable::compute_with(tree, body, cache);
    walk(tree, body, &mut stats, &mut state);
    let mut scores = Scores::new(tree.capacity());
    score_blocks(tree, &state, &stats, &mut scores);
    let (top, dir) = choose_top(tree, body, &stats, &mut scores, flags, options);
    let article = gather_siblings(tree, top, &stats, &scores);
    drop((stats, scores));
    let mut text_len = clean::prep_article(tree, article, flags, cache);
    if let Some(title) = meta.title.as_deref() {
        text_len = text_len.saturating_sub(remove_title_captions(tree, article, title));
    }
    Ok(Outcome {
        root: article,
        byline: state.byline,
        dir,
        text_len,
    })
}

/// The pre-order walk that strips unlikely blocks, finds the byline, turns text-only divs into
/// paragraphs and collects the blocks to score.
fn walk(tree: &mut Tree, body: NodeId, stats: &mut StatsTable, st: &mut Attempt) {
    let mut cur = tree.first_child(body);
    while let Some(mut id) = cur {
        if !tree.is_element(id) {
            cur = tree.next_in_order(id, body, true);
            continue;
        }
        if remove_during_walk(tree, id, stats, st) {
            cur = tree.next_in_order(id, body, true);
            stats.forget_subtree(tree, id);
            tree.detach(id);
            continue;
        }
        let name = tree.name(id);
        if patterns::TAGS_TO_SCORE.contains(&name) {
            st.to_score.push(id);
        }
        if name == "div" {
            // What the ancestors' sums hold for this place, before the div changes (nothing to
            // keep true for a div the table never had: none under the body, as it stands).
            let (counted, known) = (stats.get(id), stats.reached(id));
            let mut changed = wrap_phrasing_runs(tree, id, stats, st.cache);
            if let Some(p) = single_child_paragraph(tree, id, stats, st.cache) {
                tree.replace(id, p);
                id = p;
                st.to_score.push(id);
            } else if !has_block_descendant(tree, id) {
                tree.rename(id, "p");
                changed = true;
                st.to_score.push(id);
            }
            if changed && known {
                stats.recount_place(tree, id, counted, st.cache);
            }
        }
        cur = tree.next_in_order(id, body, false);
    }
}

/// Decides whether the walk drops `id` (and its subtree).
fn remove_during_walk(tree: &Tree, id: NodeId, before: &StatsTable, st: &mut Attempt) -> bool {
    let name = tree.name(id);
    if st.byline.is_none() {
        match (metadata::byline_node(tree, id), st.meta.byline.as_deref()) {
            // A date line where the byline would be: dropped as a byline line is, but it names
            // no one, so the search goes on.
            (Some(metadata::BylineNode::DateOnly), None) => return true,
            (Some(metadata::BylineNode::Name(b)), None) => {
                st.byline = Some(b);
                return true;
            }
            // The page's byline line repeats the author the metadata names: the view shows it
            // already, so the body need not.
            (Some(metadata::BylineNode::Name(b)), Some(m))
                if b.to_lowercase().contains(&m.to_lowercase()) =>
            {
                st.byline = Some(b);
                return true;
            }
            _ => {}
        }
    }
    if !st.removed_title && matches!(name, "h1" | "h2") {
        if let Some(title) = st.meta.title.as_deref() {
            if text_similarity(title, &tree.text_content(id)) > 0.75 {
                st.removed_title = true;
                return true;
            }
        }
    }
    if st.flags.strip_unlikely && is_unlikely(tree, id) {
        return true;
    }
    if matches!(
        name,
        "div" | "section" | "header" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
    ) && before.reached(id)
        && before.get(id).text_len == 0
        && before.get(id).media == 0
    {
        return true;
    }
    false
}

/// Boilerplate by class/id vocabulary, ARIA role or tag, unless the block is the page's own
/// article container, or sits in a table or code.
fn is_unlikely(tree: &Tree, id: NodeId) -> bool {
    let name = tree.name(id);
    if matches!(name, "body" | "a" | "html" | "article" | "main") {
        return false;
    }
    if let Some(role) = tree.attr(id, "role") {
        if patterns::UNLIKELY_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    if matches!(name, "nav" | "aside") {
        return true;
    }
    let ms = score::match_string(tree, id);
    if ms.trim().is_empty() {
        return false;
    }
    if ms.split_ascii_whitespace().any(patterns::is_ad_token) {
        return true;
    }
    if !patterns::sounds_unlikely(&ms) {
        return false;
    }
    !tree
        .ancestors(id)
        .take(8)
        .any(|a| matches!(tree.name(a), "table" | "code" | "pre"))
}

/// Wraps each run of phrasing content directly inside `div` in a `<p>` (skipping runs that are
/// only whitespace), so loose text becomes a scoreable block. A run starts at its first
/// non-whitespace node; whitespace at its end is dropped. Each wrapper gets its entry in
/// `stats`; true when there was any, and the div's ancestors are then the caller's to update.
fn wrap_phrasing_runs(
    tree: &mut Tree,
    div: NodeId,
    stats: &mut StatsTable,
    cache: &TextCache,
) -> bool {
    let mut wrapped = false;
    let mut child = tree.first_child(div);
    while let Some(start) = child {
        if !phrasing_deep(tree, start) || is_blank_text(tree, cache, start) {
            child = tree.next_sibling(start);
            continue;
        }
        let (mut last_content, mut end) = (start, start);
        child = tree.next_sibling(start);
        while let Some(n) = child.filter(|&n| phrasing_deep(tree, n)) {
            if !is_blank_text(tree, cache, n) {
                last_content = n;
            }
            end = n;
            child = tree.next_sibling(n);
        }
        while end != last_content {
            let Some(prev) = tree.prev_sibling(end) else {
                break;
            };
            // White space: nothing of it in any stats.
            tree.detach(end);
            end = prev;
        }
        let p = tree.new_html_element("p");
        tree.wrap_run(start, last_content, p);
        stats.count_wrapper(tree, p, cache);
        wrapped = true;
    }
    wrapped
}

/// A text of white space only. The page's texts were measured before preparation and a text
/// is blank exactly when its normalized length is 0, so most are answered without reading them
/// again; texts made since are read.
fn is_blank_text(tree: &Tree, cache: &TextCache, id: NodeId) -> bool {
    match cache.normalized_len(id) {
        Some(len) => len == 0,
        None => is_whitespace_text(tree, id),
    }
}

/// Phrasing content whose descendants are phrasing too (a link wrapping a div is a block).
fn phrasing_deep(tree: &Tree, id: NodeId) -> bool {
    if !is_phrasing(tree, id) {
        return false;
    }
    if matches!(tree.name(id), "a" | "del" | "ins" | "span") {
        return tree.descendants(id).all(|d| is_phrasing(tree, d));
    }
    true
}

/// When `div` holds exactly one element, a `<p>`, and nothing but whitespace beside it, and is
/// not link-heavy: that paragraph.
fn single_child_paragraph(
    tree: &Tree,
    div: NodeId,
    before: &StatsTable,
    cache: &TextCache,
) -> Option<NodeId> {
    let mut only: Option<NodeId> = None;
    for c in tree.children(div) {
        if tree.is_element(c) {
            if only.is_some() {
                return None;
            }
            only = Some(c);
        } else if !is_blank_text(tree, cache, c) {
            return None;
        }
    }
    let p = only.filter(|&p| tree.is(p, "p"))?;
    (before.get(div).link_density() < 0.25).then_some(p)
}

fn has_block_descendant(tree: &Tree, id: NodeId) -> bool {
    tree.descendants(id).any(|d| {
        tree.element(d)
            .is_some_and(|e| patterns::DIV_TO_P_BLOCKERS.contains(&e.name))
    })
}

/// Candidate scores, a side table indexed by node; `None` for nodes that are not candidates.
/// Both vectors start as zeroed memory, so on a huge page only the pages holding candidates
/// are ever touched (an `Option<f32>` per node would be written out in full).
pub struct Scores {
    score: Vec<f32>,
    scored: Vec<bool>,
    candidates: Vec<NodeId>,
}

impl Scores {
    fn new(len: usize) -> Self {
        Scores {
            score: vec![0.0; len],
            scored: vec![false; len],
            candidates: Vec::new(),
        }
    }

    pub fn get(&self, id: NodeId) -> Option<f32> {
        match self.scored.get(id.index()) {
            Some(true) => self.score.get(id.index()).copied(),
            _ => None,
        }
    }

    fn ensure(&mut self, tree: &Tree, id: NodeId, flags: Flags) -> f32 {
        if let Some(s) = self.get(id) {
            return s;
        }
        let mut s = score::tag_base_score(tree.name(id));
        if flags.weight_classes {
            s += score::class_weight(tree, id);
        }
        if self.set(id, s) {
            self.candidates.push(id);
        }
        s
    }

    fn add(&mut self, id: NodeId, delta: f32) {
        if self.get(id).is_some() {
            self.score[id.index()] += delta;
        }
    }

    /// Sets the score of `id`; false when `id` is outside the table.
    fn set(&mut self, id: NodeId, value: f32) -> bool {
        match (
            self.score.get_mut(id.index()),
            self.scored.get_mut(id.index()),
        ) {
            (Some(s), Some(scored)) => {
                *s = value;
                *scored = true;
                true
            }
            _ => false,
        }
    }
}

/// Gives each scored block's evidence to its ancestors: all of it to the parent, half to the
/// grandparent, and a third of the level to those further up.
fn score_blocks(tree: &Tree, st: &Attempt, stats: &StatsTable, scores: &mut Scores) {
    for &block in &st.to_score {
        // Blocks removed later in the walk (inside a removed ancestor) are no longer under body.
        if !stats.reached(block) {
            continue;
        }
        let s = stats.get(block);
        if (s.text_len as usize) < patterns::MIN_SCORED_TEXT {
            continue;
        }
        let evidence = score::block_score(s.text_len, s.commas);
        for (level, anc) in tree
            .ancestors(block)
            .take(patterns::SCORE_ANCESTOR_LEVELS)
            .enumerate()
        {
            // The document element and anything above it are never the article.
            if tree.parent(anc).is_none_or(|p| !tree.is_element(p)) {
                break;
            }
            scores.ensure(tree, anc, st.flags);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            scores.add(anc, evidence / divider);
        }
    }
}

/// Picks the article root among the candidates. Returns it and the text direction found on it or
/// its ancestors.
fn choose_top(
    tree: &mut Tree,
    body: NodeId,
    stats: &StatsTable,
    scores: &mut Scores,
    flags: Flags,
    options: &Options,
) -> (NodeId, Option<String>) {
    // Link-heavy candidates are navigation, not prose.
    let candidates = scores.candidates.clone();
    for &c in &candidates {
        if let Some(s) = scores.get(c) {
            scores.set(c, s * (1.0 - stats.get(c).link_density()));
        }
    }
    let mut ranked: Vec<(NodeId, f32)> = candidates
        .iter()
        .filter_map(|&c| scores.get(c).map(|s| (c, s)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(options.top_candidates.max(1));

    let Some(&(mut top, top_score)) = ranked.first().filter(|(c, _)| *c != body) else {
        // No candidate: the whole body is the article, wrapped in one div.
        let div = tree.new_html_element("div");
        tree.move_children(body, div);
        tree.append(body, div);
        scores.ensure(tree, div, flags);
        return (div, find_dir(tree, div));
    };

    // Several strong candidates under one ancestor: the article is that ancestor.
    let alternatives: Vec<NodeId> = ranked[1..]
        .iter()
        .filter(|(_, s)| top_score > 0.0 && s / top_score >= patterns::ALTERNATIVE_SHARE)
        .map(|&(c, _)| c)
        .collect();
    if alternatives.len() >= patterns::MIN_ALTERNATIVES {
        let mut parent = tree.parent(top);
        while let Some(p) = parent {
            if p == body || !tree.is_element(p) {
                break;
            }
            let containing = alternatives
                .iter()
                .filter(|&&a| tree.contains(p, a))
                .count();
            if containing >= patterns::MIN_ALTERNATIVES {
                top = p;
                break;
            }
            parent = tree.parent(p);
        }
    }
    scores.ensure(tree, top, flags);

    // Climb while a parent scores better (the article split into scored sections).
    let mut last = scores.get(top).unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = tree.parent(top);
    while let Some(p) = parent {
        if p == body || !tree.is_element(p) {
            break;
        }
        let Some(ps) = scores.get(p) else {
            parent = tree.parent(p);
            continue;
        };
        if ps < threshold {
            break;
        }
        if ps > last {
            top = p;
            break;
        }
        last = ps;
        parent = tree.parent(p);
    }

    // A wrapper around nothing but the candidate is the same block, with its siblings' context.
    while let Some(p) = tree.parent(top) {
        if p == body || !tree.is_element(p) || tree.element_children(p).count() != 1 {
            break;
        }
        top = p;
    }
    scores.ensure(tree, top, flags);
    (top, find_dir(tree, top))
}

/// The `dir` attribute of the article root or its nearest ancestor that has one.
fn find_dir(tree: &Tree, top: NodeId) -> Option<String> {
    std::iter::once(top)
        .chain(tree.ancestors(top))
        .find_map(|a| tree.attr(a, "dir").map(|d| d.trim().to_ascii_lowercase()))
        .filter(|d| d == "rtl" || d == "ltr")
}

/// Collects the top candidate and the siblings that look like part of the same article into a
/// new `<div>`, which becomes the article root.
fn gather_siblings(tree: &mut Tree, top: NodeId, stats: &StatsTable, scores: &Scores) -> NodeId {
    let article = tree.new_html_element("div");
    let top_score = scores.get(top).unwrap_or(0.0);
    let threshold = (top_score * patterns::SIBLING_SCORE_SHARE).max(patterns::SIBLING_MIN_SCORE);
    let top_class = tree.attr(top, "class").unwrap_or("").to_string();
    let Some(parent) = tree.parent(top) else {
        tree.append(article, top);
        return article;
    };
    let siblings: Vec<NodeId> = tree.element_children(parent).collect();
    let mut take: Vec<bool> = siblings
        .iter()
        .map(|&sib| {
            sib == top
                || sibling_belongs(tree, sib, top_score, threshold, &top_class, stats, scores)
        })
        .collect();
    // The lead picture often sits beside the text block rather than in it: a figure next to an
    // accepted sibling belongs to the article too.
    for i in 0..siblings.len() {
        let beside_taken = (i > 0 && take[i - 1]) || take.get(i + 1).copied().unwrap_or(false);
        if !take[i] && beside_taken && is_figure_like(tree, siblings[i], stats) {
            take[i] = true;
        }
    }
    for (&sib, _) in siblings.iter().zip(&take).filter(|(_, &t)| t) {
        if !matches!(
            tree.name(sib),
            "div" | "article" | "section" | "p" | "main" | "figure"
        ) && sib != top
        {
            tree.rename(sib, "div");
        }
        tree.append(article, sib);
    }
    tree.append(parent, article);
    article
}

fn sibling_belongs(
    tree: &Tree,
    sib: NodeId,
    top_score: f32,
    threshold: f32,
    top_class: &str,
    stats: &StatsTable,
    scores: &Scores,
) -> bool {
    let bonus = if !top_class.is_empty() && tree.attr(sib, "class") == Some(top_class) {
        top_score * 0.2
    } else {
        0.0
    };
    if let Some(s) = scores.get(sib) {
        if s + bonus >= threshold {
            return true;
        }
    }
    if tree.is(sib, "p") {
        let s = stats.get(sib);
        let ld = s.link_density();
        if s.text_len > 80 && ld < 0.25 {
            return true;
        }
        if s.text_len > 0 && s.text_len <= 80 && ld == 0.0 {
            let text = tree.text_content(sib);
            let t = text.trim_end();
            return t.ends_with('.') || text.contains(". ");
        }
    }
    false
}

/// Removes captions that only repeat the headline (news templates caption the lead photo with
/// the title, which would print it twice). Returns the characters removed.
fn remove_title_captions(tree: &mut Tree, article: NodeId, title: &str) -> u32 {
    let wanted = crate::text_util::normalize_space(title).to_lowercase();
    let captions: Vec<NodeId> = tree
        .find_all(article, "figcaption")
        .filter(|&c| {
            crate::text_util::normalize_space(&tree.text_content(c)).to_lowercase() == wanted
        })
        .collect();
    let mut removed = 0;
    for c in captions {
        removed += score::normalized_len(&tree.text_content(c));
        tree.detach(c);
    }
    removed
}

/// A picture with at most a caption: a figure, an image, or a small block around one.
fn is_figure_like(tree: &Tree, id: NodeId, stats: &StatsTable) -> bool {
    let s = stats.get(id);
    match tree.name(id) {
        "figure" | "picture" | "img" | "video" => true,
        "div" | "p" => (s.images > 0 || s.videos > 0) && s.text_len < 300 && s.link_density() < 0.5,
        _ => false,
    }
}

/// How much of `b` is covered by the words of `a` (1.0 = every word of `b` is in `a`).
pub fn text_similarity(a: &str, b: &str) -> f32 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect()
    };
    let wa = words(a);
    let wb = words(b);
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let total: usize = wb.iter().map(|w| w.len() + 1).sum();
    let missing: usize = wb
        .iter()
        .filter(|w| !wa.contains(w))
        .map(|w| w.len() + 1)
        .sum();
    1.0 - missing as f32 / total as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk changes the page (drops blocks, wraps loose text, turns divs into paragraphs)
    /// and keeps its one stats table true as it goes: afterwards every element under the body
    /// has what a fresh computation gives.
    #[test]
    fn the_walk_keeps_its_stats_true() {
        let pieces = [
            "<div>",
            "<div>",
            "</div>",
            "</div>",
            "<div class=\"sidebar\">",
            "<nav>",
            "<div class=\"byline\">By Ann Lee</div>",
            "<h2>The title</h2>",
            "<h2>",
            "</h2>",
            "<section>",
            "</section>",
            "<p>",
            "</p>",
            "<a href=\"#n\">",
            "<a href=\"/x\">",
            "</a>",
            "<li>",
            "</li>",
            "<span>",
            "</span>",
            "<img>",
            "<br>",
            "one, two ",
            "three ",
            " ",
            "\u{e9}t\u{e9}, ",
        ];
        let meta = Metadata {
            title: Some("The title".into()),
            ..Metadata::default()
        };
        let mut state = 0x5eed_3a1c_u64;
        let mut changed = 0;
        for round in 0..600 {
            let page = crate::dom::test_random_text(&mut state, 50, &pieces);
            let mut tree = crate::dom::html::parse_html(&format!("<body>{page}</body>"));
            let Some(body) = tree.body() else { continue };
            let cache = TextCache::build(&tree);
            let mut flags = Flags::ALL;
            flags.strip_unlikely = round % 2 == 0;
            let mut attempt = Attempt {
                meta: &meta,
                flags,
                byline: None,
                removed_title: false,
                to_score: Vec::new(),
                cache: &cache,
            };
            let mut stats = StatsTable::compute_with(&tree, body, &cache);
            let before = tree.capacity();
            walk(&mut tree, body, &mut stats, &mut attempt);
            changed += usize::from(tree.capacity() > before);
            let fresh = StatsTable::compute_with(&tree, body, &cache);
            for e in tree.descendants(body).filter(|&d| tree.is_element(d)) {
                assert_eq!(stats.get(e), fresh.get(e), "{page:?} at {e:?}");
            }
        }
        // Many pages had loose text wrapped (a new element each time).
        assert!(changed > 150, "{changed}");
    }
}
