//! The one error type of the core.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// The page parsed, but nothing on it reads as an article.
    #[error("no article found: {0}")]
    NoArticle(String),
    /// The input is not a text document (binary data, or an encoding that cannot be read).
    #[error("not an HTML/text document: {0}")]
    NotText(String),
    /// The page URL given by the caller does not parse.
    #[error("invalid page URL {url:?}: {reason}")]
    BadUrl { url: String, reason: String },
    /// The page is beyond the sizes the core accepts.
    #[error("page too large: {0}")]
    TooLarge(String),
}
