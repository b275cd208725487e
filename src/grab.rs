//! Grabbing the article. (first cut)

use crate::dom::{NodeId, Tree};
use crate::error::Error;
use crate::metadata::Metadata;
use crate::options::Options;

pub struct Grabbed {
    pub tree: Tree,
    pub root: NodeId,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    pub dir: Option<String>,
}

pub fn grab_article(tree: &Tree, _meta: &Metadata, _options: &Options) -> Result<Grabbed, Error> {
    let mut tree = tree.clone();
    let body = tree
        .body()
        .ok_or_else(|| Error::NoArticle("the page has no body".into()))?;
    let root = tree.new_html_element("div");
    tree.move_children(body, root);
    Ok(Grabbed {
        tree,
        root,
        byline: None,
        excerpt: None,
        dir: None,
    })
}
