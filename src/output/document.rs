//! The article as a file: the headline and a line of metadata above the body, for the plain-text
//! and Markdown exports (the CLI's `--format text|markdown` and the view's .txt/.md/copy).

use crate::article::Article;
use crate::text_util::normalize_space;

/// "Jane Doe · Site · 2026-03-10", from whichever of the three the article has. The byline is
/// given as the page words it (no "By" added: the article may not be in English).
fn meta_line(a: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(b) = a
        .byline
        .as_deref()
        .map(normalize_space)
        .filter(|b| !b.is_empty())
    {
        parts.push(b);
    }
    if let Some(s) = a
        .site_name
        .as_deref()
        .map(normalize_space)
        .filter(|s| !s.is_empty())
    {
        parts.push(s);
    }
    if let Some(d) = a.published_time.as_deref().and_then(|t| t.get(..10)) {
        parts.push(d.to_string());
    }
    parts.join(" · ")
}

/// Title, metadata line and source address, then a blank line and the body text.
pub fn text_document(a: &Article) -> String {
    let mut out = String::new();
    let title = normalize_space(&a.title);
    if !title.is_empty() {
        out.push_str(&title);
        out.push('\n');
    }
    let meta = meta_line(a);
    if !meta.is_empty() {
        out.push_str(&meta);
        out.push('\n');
    }
    if let Some(url) = a.url.as_deref() {
        out.push_str(url);
        out.push('\n');
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(a.text.trim_end());
    out.push('\n');
    out
}

/// `# Title`, the metadata line in italics and the source as a link, then the body Markdown.
/// `body` is the article's Markdown (`content_markdown` of its content).
pub fn markdown_document(a: &Article, body: &str) -> String {
    let mut out = String::new();
    let title = normalize_space(&a.title);
    if !title.is_empty() {
        out.push_str("# ");
        out.push_str(&escape_inline(&title));
        out.push_str("\n\n");
    }
    let meta = meta_line(a);
    if !meta.is_empty() {
        out.push('*');
        out.push_str(&escape_inline(&meta));
        out.push_str("*\n\n");
    }
    if let Some(url) = a.url.as_deref().filter(|u| !u.contains(['<', '>', ' '])) {
        out.push('<');
        out.push_str(url);
        out.push_str(">\n\n");
    }
    out.push_str(body.trim_end());
    out.push('\n');
    out
}

/// Backslash-escapes the characters that would start emphasis, links or code inside a line.
fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article {
            title: "Gates *open*".into(),
            byline: Some("Ada Brennan".into()),
            site_name: Some("Valley Courier".into()),
            published_time: Some("2026-03-10T08:30:00+01:00".into()),
            url: Some("https://valley.example/gates".into()),
            text: "First.\n\nSecond.".into(),
            ..Article::default()
        }
    }

    #[test]
    fn text_document_has_title_meta_and_body() {
        assert_eq!(
            text_document(&article()),
            "Gates *open*\nAda Brennan · Valley Courier · 2026-03-10\nhttps://valley.example/gates\n\nFirst.\n\nSecond.\n"
        );
    }

    #[test]
    fn markdown_document_escapes_the_title() {
        let md = markdown_document(&article(), "First.\n\nSecond.");
        assert!(md.starts_with("# Gates \\*open\\*\n\n*Ada Brennan · Valley Courier · 2026-03-10*\n\n<https://valley.example/gates>\n\nFirst."));
    }

    #[test]
    fn the_byline_keeps_the_pages_wording() {
        let mut a = article();
        a.byline = Some("by Jo Bloggs".into());
        assert!(text_document(&a).contains("\nby Jo Bloggs · "));
    }
}
