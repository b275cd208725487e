//! Page addresses: the canonical URL and the lead image, made absolute.

use url::Url;

use super::jsonld::JsonLd;
use super::meta_tags::PageTags;

/// `<link rel=canonical>`, else `og:url`, resolved against the page address.
pub fn canonical_url(tags: &PageTags, page_url: Option<&Url>) -> Option<String> {
    [tags.link("canonical"), tags.get(&["og:url"])]
        .into_iter()
        .flatten()
        .find_map(|href| absolute(href, page_url))
        .map(String::from)
}

/// The lead image: OpenGraph, then Twitter, then JSON-LD, then `<link rel=image_src>`,
/// resolved against the page address (or the canonical URL when the page has none).
pub fn lead_image(
    tags: &PageTags,
    ld: &JsonLd,
    page_url: Option<&Url>,
    canonical: Option<&str>,
) -> Option<String> {
    let canonical_base = canonical.and_then(|c| Url::parse(c).ok());
    let base = page_url.or(canonical_base.as_ref());
    let candidates = [
        tags.get(&["og:image:secure_url", "og:image:url", "og:image"]),
        tags.get(&["twitter:image", "twitter:image:src", "twitter:image0"]),
        ld.image.as_deref(),
        tags.link("image_src"),
        tags.get(&["itemprop:image", "thumbnail", "thumbnailurl"]),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(|href| absolute(href, base))
        .map(String::from)
}

/// `href` as an absolute http(s) URL, resolved against `base` when relative.
fn absolute(href: &str, base: Option<&Url>) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match base {
        Some(b) => b.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::html::parse_html;

    #[test]
    fn resolves_against_page_or_canonical() {
        let tree = parse_html(
            r#"<html><head><link rel="canonical" href="https://ex.test/a/b">
            <meta property="og:image" content="img/x.png">
            <meta name="twitter:image" content="data:image/png;base64,AAAA"></head></html>"#,
        );
        let tags = PageTags::read(&tree);
        let ld = JsonLd::default();
        let page = Url::parse("http://page.test/p/q.html").ok();
        let canonical = canonical_url(&tags, page.as_ref());
        assert_eq!(canonical.as_deref(), Some("https://ex.test/a/b"));
        assert_eq!(
            lead_image(&tags, &ld, page.as_ref(), canonical.as_deref()).as_deref(),
            Some("http://page.test/p/img/x.png")
        );
        assert_eq!(
            lead_image(&tags, &ld, None, canonical.as_deref()).as_deref(),
            Some("https://ex.test/a/img/x.png")
        );
    }
}
