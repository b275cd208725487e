// The page as the WASM core reads it: the document's own serialization, `outerHTML` of its
// root element (src/dom/markup.rs reads it back into the core's tree). The browser writes it in
// C++; walking the DOM in JavaScript instead makes a wrapper object for every node the first
// time a world touches it, and a click always meets that first time (the content script's
// isolated world has wrappers of its own). On 40 mozilla corpus pages in fresh frames the JS
// walk took 3.5 ms median and `outerHTML` 1.1 ms.
//
// What the markup leaves out is what the core never read: comments and doctypes are dropped
// on reading, shadow roots are not serialized (the JS walk did not enter them either).
//
// Classic script, safe to run twice (the content script is re-injected on every toggle), so it
// assigns to globalThis; ES modules load it with a bare `import` and read the global.

globalThis.FolioSnapshot = Object.freeze((() => {
  /** The markup of `doc` (a Document), leaving out the subtree of `skip` (the reader's own
   *  host element, when the live page is snapshot): '' for a document with no root element. */
  function markupOf(doc, skip = null) {
    const root = doc.documentElement;
    if (!root) return '';
    const markup = root.outerHTML;
    if (skip === null || !root.contains(skip)) return markup;
    // The host is the root's last child, so its markup is the last copy of it (its closed
    // shadow root, the view frame, is never serialized).
    const own = skip.outerHTML;
    const at = markup.lastIndexOf(own);
    return at < 0 ? markup : markup.slice(0, at) + markup.slice(at + own.length);
  }

  return { markupOf };
})());
