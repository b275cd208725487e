//! What extraction returns: the article in three forms plus its metadata.

use serde::{Deserialize, Serialize};

/// The result of extraction. Field names follow Readability.js where it has one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub title: String,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    /// ISO 8601, with the offset when the page gave one.
    pub published_time: Option<String>,
    pub lang: Option<String>,
    /// "ltr" or "rtl".
    pub dir: Option<String>,
    /// Absolute URL of the lead image.
    pub lead_image: Option<String>,
    /// The canonical URL of the article (or the page URL).
    pub url: Option<String>,
    pub word_count: usize,
    pub reading_time_minutes: usize,
    /// Whether the page passed the cheap readerable check.
    pub readerable: bool,
    /// The article body as sanitized HTML.
    pub content: String,
    /// The article body as plain text: blank line between blocks. Empty when the extraction
    /// was asked for no text (`Options::with_text`); then left out of the serialized article.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl Article {
    /// The article as a plain-text file: headline, metadata line, source, then the body.
    pub fn text_document(&self) -> String {
        crate::output::text_document(self)
    }

    /// The article body as Markdown. Made on request (an export), not with every extraction:
    /// it is read back from `content`, which parses to the tree the sanitizer left.
    #[cfg(feature = "native")]
    pub fn markdown(&self) -> String {
        crate::output::content_markdown(&crate::dom::html::parse_html(&self.content))
    }

    /// The article as a Markdown file: `# headline`, metadata line, source, then the body.
    #[cfg(feature = "native")]
    pub fn markdown_document(&self) -> String {
        crate::output::markdown_document(self, &self.markdown())
    }
}
