//! The document tree and the front ends that fill it.

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(feature = "native")]
pub mod depth_guard;
pub mod encoded;
#[cfg(feature = "native")]
pub mod html;
pub mod serialize;
pub mod tree;

pub use tree::{Attribute, Element, Namespace, NodeData, NodeId, Tree};
