//! The wasm-bindgen boundary (wasm32 only): conversions, nothing else.
//!
//! Values come in as a DOM `Document` or an HTML string plus an optional URL; the `Article`
//! goes out as a plain JS object (serde-wasm-bindgen, JSON-compatible: `null` for missing
//! fields); every `Error` becomes a JS `Error` whose message is the error's text and whose
//! `name` is the variant (`NoArticle`, `TooLarge`, ...), so the view can tell them apart.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{Document, DomParser, SupportedType};

use crate::dom::browser::tree_from_document;
use crate::dom::markup::tree_from_markup;
use crate::dom::Tree;
use crate::{extract_tree, Article, Error, Options};

/// The allocator: talc instead of Rust's default dlmalloc on wasm32. The walk's decoding and the
/// extraction allocate a great deal (names, attributes, texts, strings of the output).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Installs the panic hook once, when the module is instantiated: a panic then shows its
/// message in the console instead of "unreachable executed".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    touch_working_memory();
}

/// About what reading and extracting a typical page takes from the heap beyond the initial
/// memory (the median of the 130 mozilla corpus pages grew the memory by 0.56 MiB).
const WORKING_MEMORY: usize = 1 << 20;

/// Grows the heap by `WORKING_MEMORY` and writes to every page of it, then frees it for the
/// allocator to hand out again. A fresh instance's memory is committed page by page on first
/// write; done here, at instantiation, while the view waits for the page's snapshot, the first
/// extraction does not pay for it.
fn touch_working_memory() {
    let mut block: Vec<u8> = Vec::with_capacity(WORKING_MEMORY);
    block.resize(WORKING_MEMORY, 1);
    std::hint::black_box(&block);
}

/// What every extraction here asks for: the article without its plain text, which the view
/// needs only to copy or export and then reads back from the content (`articleText`); the word
/// count and the empty-article check come from a tally instead.
fn view_options() -> Options {
    Options {
        with_text: false,
        ..Options::default()
    }
}

/// Extracts the article from a parsed document (e.g. from `DOMParser`). The document is only
/// read, never changed.
#[wasm_bindgen(js_name = extractDocument)]
pub fn extract_document(doc: &Document, url: Option<String>) -> Result<JsValue, JsValue> {
    let tree = tree_from_document(doc);
    let article = extract_tree(tree, url.as_deref(), &view_options()).map_err(to_js_error)?;
    to_js(&article)
}

/// Extracts the article from a document's serialization, `document.documentElement.outerHTML`
/// (what the content script snapshots of the live page): the page crosses into WASM as one
/// string, written by the browser in C++, instead of a crossing per node or a walk in
/// JavaScript. Same article as `extractDocument` on the same document.
#[wasm_bindgen(js_name = extractMarkup)]
pub fn extract_markup(markup: &str, url: Option<String>) -> Result<JsValue, JsValue> {
    let tree = tree_from_markup(markup);
    let article = extract_tree(tree, url.as_deref(), &view_options()).map_err(to_js_error)?;
    to_js(&article)
}

/// Reads a document's serialization into the core's tree (the first half of `extractMarkup`),
/// so that a caller can time it apart.
#[wasm_bindgen(js_name = walkMarkup)]
pub fn walk_markup(markup: &str) -> WalkedDocument {
    WalkedDocument {
        tree: tree_from_markup(markup),
    }
}

/// A document walked into the core's tree and not yet extracted, so that a caller can time the
/// walk and the extraction apart (the www/ playground shows both). Opaque to JS.
#[wasm_bindgen]
pub struct WalkedDocument {
    tree: Tree,
}

#[wasm_bindgen]
impl WalkedDocument {
    /// Extracts the article from the walked tree (the second half of `extractMarkup`); the
    /// JS object is used up.
    pub fn extract(self, url: Option<String>) -> Result<JsValue, JsValue> {
        let article =
            extract_tree(self.tree, url.as_deref(), &view_options()).map_err(to_js_error)?;
        to_js(&article)
    }
}

/// The plain text of an article's `content`: the content parsed by the browser (which gives back
/// the tree it was written from: the same text as the CLI's `text` on every corpus page, see
/// `tests/front_ends.rs` and the parity test), then written as text.
#[wasm_bindgen(js_name = articleText)]
pub fn article_text(content: &str) -> Result<String, JsValue> {
    let tree = content_tree(content)?;
    Ok(crate::output::to_text(
        &tree,
        tree.body().unwrap_or_else(|| tree.root()),
    ))
}

/// An article's content parsed by the browser into the core's tree (the content's elements
/// under `<body>`).
fn content_tree(content: &str) -> Result<Tree, JsValue> {
    let doc = DomParser::new()?.parse_from_string(content, SupportedType::TextHtml)?;
    Ok(tree_from_document(&doc))
}

/// The article (as an extraction returned it) as a file for export: `format` "text" or
/// "markdown"; exactly what `folio extract --format text|markdown` prints for the same page.
#[wasm_bindgen(js_name = exportDocument)]
pub fn export_document(article: JsValue, format: &str) -> Result<String, JsValue> {
    let mut article = article_from_js(&article)?;
    match format {
        "text" => {
            // Extractions here leave the text out; it is made now, from the content.
            if article.text.is_empty() {
                article.text = article_text(&article.content)?;
            }
            Ok(article.text_document())
        }
        "markdown" => {
            // Made on export only: the content parsed by the browser, as the CLI parses it.
            let body = crate::output::content_markdown(&content_tree(&article.content)?);
            Ok(crate::output::markdown_document(&article, &body))
        }
        other => Err(js_sys::Error::new(&format!("unknown export format {other:?}")).into()),
    }
}

/// The article object an extraction returned (`extractMarkup`, `extractDocument`), read back
/// field by field. Not through serde: its deserializer, and the float formatting its error
/// messages bring, were about a twentieth of the WASM (33 KB raw, 13 KB gzipped), for an object
/// this module made itself. A field that is missing or of the wrong type reads as empty.
fn article_from_js(article: &JsValue) -> Result<Article, JsValue> {
    if !article.is_object() {
        return Err(js_sys::Error::new(
            "exportDocument needs the article object extraction returned",
        )
        .into());
    }
    let get = |key: &str| js_sys::Reflect::get(article, &JsValue::from_str(key)).ok();
    let text = |key: &str| get(key).and_then(|v| v.as_string());
    // Counts are whole numbers below 2^53 in JS; anything else reads as 0.
    let count = |key: &str| {
        get(key)
            .and_then(|v| v.as_f64())
            .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= 9_007_199_254_740_991.0)
            .map_or(0, |n| n as usize)
    };
    Ok(Article {
        title: text("title").unwrap_or_default(),
        byline: text("byline"),
        excerpt: text("excerpt"),
        site_name: text("siteName"),
        published_time: text("publishedTime"),
        lang: text("lang"),
        dir: text("dir"),
        lead_image: text("leadImage"),
        url: text("url"),
        word_count: count("wordCount"),
        reading_time_minutes: count("readingTimeMinutes"),
        readerable: get("readerable").and_then(|v| v.as_bool()).unwrap_or(false),
        content: text("content").unwrap_or_default(),
        text: text("text").unwrap_or_default(),
    })
}

/// The crate version, for the view's "about" line and bug reports.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js(article: &Article) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    article
        .serialize(&serializer)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

fn to_js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let name = match e {
        Error::NoArticle(_) => "NoArticle",
        Error::NotText(_) => "NotText",
        Error::BadUrl { .. } => "BadUrl",
        Error::TooLarge(_) => "TooLarge",
    };
    err.set_name(name);
    err.into()
}
