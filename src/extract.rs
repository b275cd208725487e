//! The pipeline: metadata, preparation, grabbing with relaxed retries, output.

use url::Url;

use crate::article::Article;
use crate::dom::Tree;
use crate::error::Error;
use crate::options::Options;
use crate::{grab, media, metadata, output, prep, readerable, text_util};

/// Extracts the article from a document tree filled by any front end.
pub fn extract_tree(
    mut tree: Tree,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    let base = parse_url(url)?;
    if tree.capacity() > options.max_elements {
        return Err(Error::TooLarge(format!(
            "{} nodes (the limit is {})",
            tree.capacity(),
            options.max_elements
        )));
    }
    // Measured once: the readerable check, the stats passes and the cleaning all read them.
    let cache = crate::score::TextCache::build(&tree);
    let readerable = readerable::is_readerable_with(&tree, &cache);
    let meta = metadata::read_metadata(&tree, base.as_ref());
    // Lazy images first: their <noscript> fallbacks are removed by preparation.
    let doc = tree.root();
    media::fix_lazy_images(&mut tree, doc);
    prep::prepare(&mut tree);
    // Looked for before the walk drops headers and asides whole; used only as a last resort.
    let marked_author = match (&meta.byline, tree.body()) {
        (None, Some(body)) => metadata::first_marked_author(&tree, body),
        _ => None,
    };
    let grabbed = grab::grab_article(tree, &meta, options, &cache)?;
    let mut article_tree = grabbed.tree;
    let root = grabbed.root;
    output::sanitize(&mut article_tree, root, base.as_ref());
    let (text, word_count, has_text) = if options.with_text {
        let text = output::to_text(&article_tree, root);
        let words = text_util::count_words(&text);
        let has_text = !text.trim().is_empty();
        (text, words, has_text)
    } else {
        let tally = output::tally_text(&article_tree, root);
        (String::new(), tally.words(), tally.has_text())
    };
    if !has_text {
        return Err(Error::NoArticle("no readable text on the page".into()));
    }
    let content = crate::dom::serialize::inner_html(&article_tree, root);
    let title = text_field(meta.title.clone()).unwrap_or_default();
    let byline = text_field(meta.byline.clone())
        .or_else(|| text_field(grabbed.byline))
        .or_else(|| text_field(marked_author));
    let excerpt = text_field(meta.excerpt.clone())
        .or_else(|| text_field(first_paragraph_text(&article_tree, root)));
    let dir = meta.dir.clone().or(grabbed.dir);
    Ok(Article {
        title,
        byline,
        excerpt,
        site_name: text_field(meta.site_name),
        published_time: meta.published_time,
        lang: meta.lang,
        dir,
        lead_image: meta.lead_image,
        url: meta
            .canonical_url
            .or_else(|| base.as_ref().map(|u| u.to_string())),
        word_count,
        reading_time_minutes: word_count.div_ceil(options.words_per_minute.max(1)).max(1),
        readerable,
        content,
        text,
    })
}

fn parse_url(url: Option<&str>) -> Result<Option<Url>, Error> {
    match url {
        None => Ok(None),
        Some(u) if u.trim().is_empty() => Ok(None),
        Some(u) => Url::parse(u.trim()).map(Some).map_err(|e| Error::BadUrl {
            url: u.to_string(),
            reason: e.to_string(),
        }),
    }
}

/// A metadata field as the view shows it (always inserted as text): control characters
/// removed, whitespace collapsed; `None` when nothing is left.
fn text_field(s: Option<String>) -> Option<String> {
    let s = s?;
    let no_controls: String = s
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect();
    let v = text_util::normalize_space(&no_controls);
    (!v.is_empty()).then_some(v)
}

/// The text of the first non-empty paragraph: the excerpt when the page gives none.
fn first_paragraph_text(tree: &Tree, root: crate::dom::NodeId) -> Option<String> {
    tree.find_all(root, "p")
        .map(|p| text_util::normalize_space(&tree.text_content(p)))
        .find(|t| !t.is_empty())
}
