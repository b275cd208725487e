//! The html5ever front end against expectations shared with the web-sys walk's test
//! (`tests/wasm.rs`), so that both build the same tree from the same page.
#![cfg(not(target_arch = "wasm32"))]

mod code_children;

use folio::dom::html::parse_html;

#[test]
fn code_children_are_left_out() {
    let t = parse_html(code_children::PAGE);
    t.validate().expect("valid tree");
    code_children::check(&t);
}
