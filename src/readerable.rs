//! The readerable check. (first cut)
use crate::dom::Tree;
pub fn is_readerable(_tree: &Tree) -> bool {
    true
}
