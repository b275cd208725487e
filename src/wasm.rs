//! The wasm-bindgen boundary (wasm32 only): conversions, nothing else. (being written)
