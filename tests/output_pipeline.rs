//! The media and output stages together, through the public API, on a small hand-written page:
//! lazy images resolved, the article sanitized, then rendered as text and Markdown.
#![cfg(feature = "native")]

use folio::dom::html::parse_html;
use folio::dom::serialize::inner_html;
use url::Url;

const PAGE: &str = r#"<!doctype html><html><head><title>T</title></head><body>
<article id="story" class="post" onclick="track()">
  <h1>Lazy <em>images</em></h1>
  <p>Intro with a <a href="/more" target="_blank" onmouseover="x()">link</a>
     and <a href="javascript:steal()">a trap</a>.</p>
  <figure>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
         data-src="/img/photo.jpg" alt="A photo" class="lazyload">
    <figcaption>The caption</figcaption>
  </figure>
  <p>Second paragraph.<script>alert(1)</script></p>
  <ul><li>one</li><li>two <b>bold</b></li></ul>
  <pre class="language-sh">echo  "hi"
ls</pre>
  <table><tr><th>Name</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>
  <svg onload="alert(1)"><text>icon</text></svg>
</article>
</body></html>"#;

#[test]
fn lazy_images_sanitize_text_and_markdown() {
    let base = Url::parse("https://news.example.org/2024/story.html").unwrap();
    let mut tree = parse_html(PAGE);
    let doc = tree.root();
    folio::media::fix_lazy_images(&mut tree, doc);
    let article = tree.find_first(doc, "article").unwrap();
    folio::output::sanitize(&mut tree, article, Some(&base));
    tree.validate().unwrap();

    let html = inner_html(&tree, article);
    assert!(html.contains("<img src=\"https://news.example.org/img/photo.jpg\" alt=\"A photo\">"));
    assert!(html.contains(
        "<a href=\"https://news.example.org/more\" rel=\"noopener noreferrer\">link</a>"
    ));
    for bad in [
        "script",
        "javascript",
        "onclick",
        "onmouseover",
        "onload",
        "svg",
        "target",
        "id=",
        "class=\"post",
    ] {
        assert!(!html.contains(bad), "{bad} survived: {html}");
    }
    assert!(html.contains("<pre class=\"language-sh\">"));

    let text = folio::output::to_text(&tree, article);
    assert_eq!(
        text,
        "Lazy images\n\nIntro with a link and a trap.\n\nThe caption\n\nSecond paragraph.\n\n\
         - one\n- two bold\n\necho  \"hi\"\nls\n\nName | Value\na | 1"
    );

    let md = folio::output::to_markdown(&tree, article);
    assert_eq!(
        md,
        "# Lazy *images*\n\nIntro with a [link](https://news.example.org/more) and a trap.\n\n\
         ![A photo](https://news.example.org/img/photo.jpg)\n\nThe caption\n\n\
         Second paragraph.\n\n- one\n- two **bold**\n\n```sh\necho  \"hi\"\nls\n```\n\n\
         | Name | Value |\n| --- | --- |\n| a | 1 |"
    );
}
