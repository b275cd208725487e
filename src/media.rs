//! Images and media: lazy-loaded images given their real address, `<picture>`/srcset and
//! `<noscript>` fallbacks resolved. (STUB — being written.)

use crate::dom::{NodeId, Tree};

/// Gives lazy-loaded images under `scope` their real `src`/`srcset` (data-src, data-srcset,
/// data-lazy-src..., `<noscript>` fallbacks), dropping tiny placeholder data: URIs.
pub fn fix_lazy_images(tree: &mut Tree, scope: NodeId) {
    let _ = (tree, scope);
}
