// Walks a document in JavaScript and encodes it for the WASM core's `extractEncoded`: a shape
// (Uint32Array) and the concatenation of every string in walk order. The page then crosses into
// WASM as one array and one string, instead of a JS↔WASM crossing per node and attribute, which
// is what walking it from WASM through web-sys costs. The content script encodes the live page
// (no HTML string, no re-parse in the view); www/ and the tests encode a DOMParser document.
//
// Classic script, safe to run twice (the content script is re-injected on every toggle), so it
// assigns to globalThis; ES modules load it with a bare `import` and read the global.
//
// The encoding (src/dom/encoded.rs reads it; lengths in UTF-16 units):
//   element  ELEMENT, namespace, name, attribute count, (name, value length)..., then its
//            children, then END
//   text     TEXT, length
// A name (element or attribute) is numbered by the order the walk first meets it: the number
// alone once met, or the next number and the name's length, the name then going into the text.
// The walk keeps what the web-sys walk (src/dom/browser.rs) keeps: elements by localName and
// namespace, attributes by qualified name, text and CDATA; comments, doctypes and processing
// instructions are dropped; a <template>'s content is walked as its children; an HTML
// <noscript> becomes one text child holding its innerHTML (html5ever parses with scripting on);
// the children of an HTML <style> and of a non-JSON-LD <script> are left out (code the core
// never reads: src/dom/mod.rs children_are_code).
// It is iterative: a 100,000-deep document is fine.

globalThis.FolioEncode = Object.freeze((() => {
  const END = 0;
  const ELEMENT = 1;
  const TEXT = 2;

  function namespaceCode(uri) {
    switch (uri) {
      case 'http://www.w3.org/1999/xhtml': return 0;
      case 'http://www.w3.org/2000/svg': return 1;
      case 'http://www.w3.org/1998/Math/MathML': return 2;
      default: return 3;
    }
  }

  /** A `<script type>` that marks JSON-LD: as src/dom/mod.rs is_json_ld_type (ASCII white
   *  space around it and ASCII case ignored). */
  function isJsonLd(type) {
    return type !== null &&
      type.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').replace(/[A-Z]+/g, (c) => c.toLowerCase()) === 'application/ld+json';
  }

  // The DOM's own getters and methods, called directly. Read as `node.firstChild`, each is a
  // property lookup on whichever kind of node this is (a page has dozens: Text, HTMLDivElement,
  // HTMLAnchorElement, SVGPathElement...), which the engine cannot make fast for them all; the
  // walk was about an eighth faster this way (130 mozilla pages, warm).
  const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
  const firstChildOf = getter(Node.prototype, 'firstChild');
  const nextSiblingOf = getter(Node.prototype, 'nextSibling');
  const nodeTypeOf = getter(Node.prototype, 'nodeType');
  const nodeValueOf = getter(Node.prototype, 'nodeValue');
  const localNameOf = getter(Element.prototype, 'localName');
  const namespaceOf = getter(Element.prototype, 'namespaceURI');
  const hasAttributes = Element.prototype.hasAttributes;
  const getAttributeNames = Element.prototype.getAttributeNames;
  const getAttribute = Element.prototype.getAttribute;

  /** `{ shape, text }` for `doc` (a Document or any node: its children are walked), leaving out
   *  the subtree of `skip` (the reader's own overlay, when the live page is encoded). */
  function encodeDocument(doc, skip = null) {
    const shape = [];
    const strings = [];
    // Each distinct name's number. A page uses a few hundred names tens of thousands of times:
    // the WASM reads and hashes each once (the DOM hands back the same string for a name, so
    // the lookup here is cheap). Written out at both uses, not as a helper: a click meets this
    // walk cold, where every call costs.
    const numbers = new Map();
    let nameCount = 0;
    // The elements whose children are being read; navigation back up uses it, not parentNode,
    // because a template's children live in its content fragment.
    const open = [];
    let next = firstChildOf.call(doc);
    for (;;) {
      if (next === null) {
        const done = open.pop();
        if (done === undefined) break;
        shape.push(END);
        next = nextSiblingOf.call(done);
        continue;
      }
      const node = next;
      const type = nodeTypeOf.call(node);
      if (node === skip) {
        // not the page's
      } else if (type === 1) {
        const name = localNameOf.call(node);
        const ns = namespaceCode(namespaceOf.call(node));
        // Names, then values by name: reading `attributes[i]` makes an Attr node for every
        // attribute of a page walked for the first time (and a map for every element), which
        // made the first walk of a page about a third slower (80 corpus pages: 125 -> 80 ms).
        const names = hasAttributes.call(node) ? getAttributeNames.call(node) : null;
        const count = names === null ? 0 : names.length;
        let number = numbers.get(name);
        if (number === undefined) {
          numbers.set(name, nameCount);
          shape.push(ELEMENT, ns, nameCount++, name.length, count);
          strings.push(name);
        } else {
          shape.push(ELEMENT, ns, number, count);
        }
        for (let i = 0; i < count; i++) {
          const aName = names[i];
          // getAttribute lower-cases the name on an HTML element: an upper-case name (which only
          // a script's setAttributeNS can give one) is read through its Attr, by the same index,
          // or it would miss, or read a lower-case twin. (Two attributes with one qualified name,
          // also only possible through setAttributeNS, both read as the first.)
          const aValue = ns === 0 && aName !== aName.toLowerCase()
            ? node.attributes[i].value
            : getAttribute.call(node, aName) ?? node.attributes[i].value;
          number = numbers.get(aName);
          if (number === undefined) {
            numbers.set(aName, nameCount);
            shape.push(nameCount++, aName.length, aValue.length);
            strings.push(aName, aValue);
          } else {
            shape.push(number, aValue.length);
            strings.push(aValue);
          }
        }
        if (ns === 0 && (name === 'style' || (name === 'script' && !isJsonLd(node.getAttribute('type'))))) {
          // Code the core never reads (src/dom/mod.rs children_are_code): left out.
          shape.push(END);
        } else if (ns === 0 && name === 'noscript') {
          const raw = node.innerHTML;
          if (raw) {
            shape.push(TEXT, raw.length);
            strings.push(raw);
          }
          shape.push(END);
        } else {
          const first = firstChildOf.call(ns === 0 && name === 'template' ? node.content : node);
          if (first !== null) {
            open.push(node);
            next = first;
            continue;
          }
          shape.push(END);
        }
      } else if (type === 3 || type === 4) {
        const t = nodeValueOf.call(node);
        if (t) {
          shape.push(TEXT, t.length);
          strings.push(t);
        }
      }
      next = nextSiblingOf.call(node);
    }
    return { shape: Uint32Array.from(shape), text: strings.join('') };
  }

  return { encodeDocument };
})());
