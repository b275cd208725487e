// The reader view's rendering, shared by the extension's view (view/view.js) and the www/
// playground (www/app.js): how a page's HTML becomes an inert document for the WASM core, and
// how the core's Article becomes the article on screen and the exported files.
//
// Page-controlled text (title, byline, site, date) is only ever set with textContent. The body
// is the core's sanitized HTML, parsed into an inert document, scrubbed once more here (defence
// in depth: no scripts, handlers, styles, frames, forms or non-http URLs survive), then adopted.
// Nothing here reads extension APIs or globals: the callers pass what they have.

/** The page's HTML as an inert document (DOMParser: nothing in it loads or runs). This is the
 *  document the core's `extractDocument` walks. */
export function parsePage(html) {
  return new DOMParser().parseFromString(String(html ?? ''), 'text/html');
}

/**
 * Shows `article` in the article skeleton `el` = { article, site, title, meta, lead, leadImg,
 * content } of `doc`. `page` = { url, title } is what the page itself said.
 *
 * With `firstScreenChars`, only the opening blocks of the body (about that many characters of
 * text, enough to fill a screen) are scrubbed and laid out now, and the others are shown later:
 * on a long article, laying out the whole body before the first paint costs tens of milliseconds
 * the reader spends looking at a blank frame. The caller shows the first screen, lets it paint,
 * then calls `restInSteps(done)`, which scrubs and appends the others (a long rest a few screens
 * at a time, one task each: a very long article's rest in one task held the view's thread for
 * over 100 ms after its first paint, input and scrolling included), and calls `done` once all
 * are shown;
 * `rest()` shows whatever is left at once (an export needs the whole body). Without it (or when
 * the body is short) everything is shown at once and both do nothing more.
 *
 * Returns { site, rest, restInSteps }: the site name shown (may be empty) and those functions,
 * which return how many of the body's nodes were set aside for later (0 when none were).
 */
export function renderArticle(el, article, page, doc = document, { firstScreenChars = Infinity } = {}) {
  const title = article.title || page.title || 'Untitled';
  el.article.removeAttribute('lang');
  el.article.removeAttribute('dir');
  if (article.lang) el.article.lang = article.lang;
  if (article.dir === 'rtl' || article.dir === 'ltr') el.article.dir = article.dir;

  const site = siteName(article, page);
  el.site.textContent = site;
  el.site.hidden = !site;
  el.title.textContent = title;
  el.meta.replaceChildren(...metaParts(article).flatMap((part, i) => {
    const span = doc.createElement(part.tag);
    span.className = part.cls;
    span.textContent = part.text;
    if (part.datetime) span.setAttribute('datetime', part.datetime);
    if (i === 0) return [span];
    const sep = doc.createElement('span');
    sep.className = 'sep';
    sep.textContent = '·';
    return [sep, span];
  }));
  el.meta.hidden = el.meta.childElementCount === 0;

  const body = inertBody(article.content);
  const lead = safeUrl(article.leadImage, page.url, true);
  el.lead.hidden = true;
  el.leadImg.removeAttribute('src');
  if (lead && !hasShownImage(body)) {
    el.leadImg.src = lead;
    el.lead.hidden = false;
  }
  hideWhenFailed(el.content, el.lead);
  markDateLine(body, article);
  const later = setAside(body, firstScreenChars);
  scrubInside(body, page.url);
  el.content.replaceChildren(...adoptAll(body, doc));
  el.article.hidden = false;

  // In reading order, innermost level first (what follows a wrapper's first children goes inside
  // it, before what follows the wrapper itself): each step adds at the end of what is shown, so
  // nothing already shown moves down when the next step comes.
  const queue = later ? later.reverse() : [];
  const laterNodes = queue.reduce((n, level) => n + level.holder.childNodes.length, 0);
  /** Scrubs and appends the next blocks of the rest, about `chars` characters of text (at least
   *  one block); returns whether any are left. */
  const showNext = (chars) => {
    let budget = chars;
    while (queue.length && budget > 0) {
      const level = queue[0];
      const { holder, container } = level;
      // The blocks of this step go through a holder of their own, connected in the inert
      // document like the rest (the scrub skips what a dropped ancestor took with it).
      const step = holder.ownerDocument.createElement('div');
      holder.before(step);
      while (holder.firstChild && budget > 0) {
        const next = holder.firstChild;
        const size = (next.textContent ?? '').length + STEP_BLOCK_CHARS;
        if (size > 2 * chars && next.nodeType === 1 && SPLITTABLE.has(next.localName) && next.firstElementChild) {
          // Too long for one step (a long list of references, say): the element goes now,
          // empty, and its children become a level of their own, shown next (first in the
          // queue: they come before what follows the element).
          const inner = holder.ownerDocument.createElement('div');
          holder.before(inner);
          inner.append(...next.childNodes);
          step.append(next);
          queue.unshift({ holder: inner, container: next });
          budget = 0;
          break;
        }
        budget -= size;
        step.append(next);
      }
      scrubInside(step, page.url);
      // The container was adopted with the first screen (or with an earlier step): it is the
      // live element now (or, for the body, the live content element).
      (container === body ? el.content : container).append(...adoptAll(step, doc));
      step.remove();
      if (!holder.firstChild) queue.splice(queue.indexOf(level), 1);
    }
    return queue.length > 0;
  };
  const rest = () => {
    while (showNext(Infinity));
    return laterNodes;
  };
  let stepping = false;
  const restInSteps = (done = () => {}) => {
    if (stepping) return laterNodes;
    stepping = true;
    // A rest of a few steps' worth goes in one task, as one layout: steps cost a frame each.
    if (queue.reduce((n, level) => n + level.holder.textContent.length, 0) <= STEPS_FROM_CHARS) {
      rest();
      done();
      return laterNodes;
    }
    const step = () => {
      let more = false;
      try {
        more = showNext(STEP_CHARS);
      } catch (err) {
        console.error('Folio: showing the rest of the article failed', err);
      }
      if (more) setTimeout(step, 0);
      else done();
    };
    step();
    return laterNodes;
  };
  return { site, rest, restInSteps };
}

// How much of a long article's rest one step shows: a few screens of text. Each step is a task of
// its own, so input and frames come between steps; each block counts for some characters of its
// own (an image, a table row's worth of markup).
const STEP_CHARS = 12000;
const STEP_BLOCK_CHARS = 200;
// A shorter rest is shown in one task.
const STEPS_FROM_CHARS = 3 * STEP_CHARS;

// The mark of a date line at the top of the body that gives the day the view's own line under
// the title already shows (markDateLine); article.css hides what carries it.
const DATE_LINE = 'data-folio-date-line';

/**
 * Marks the body's first text when it is nothing but the article's date: "February 9, 2016"
 * above the first paragraph, where the page had it under its headline, would otherwise follow
 * the view's own date line. Only a short text that the browser reads as the very day of
 * `article.publishedTime`; the outermost element holding nothing else is marked.
 */
function markDateLine(body, article) {
  const day = typeof article.publishedTime === 'string' ? article.publishedTime.slice(0, 10) : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let text = walker.nextNode();
  while (text && !text.data.trim()) text = walker.nextNode();
  const line = text ? text.data.trim() : '';
  if (!line || line.length > 70) return;
  // An ISO date is the day as written (Date.parse would read it as UTC midnight, the day
  // before in the Americas); other forms are read as local dates.
  let said = line.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(line)) {
    const t = Date.parse(line);
    if (Number.isNaN(t)) return;
    const d = new Date(t);
    said = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  if (said !== day) return;
  let block = text.parentElement;
  while (block && block !== body && block.parentElement !== body && block.parentElement.textContent.trim() === line) {
    block = block.parentElement;
  }
  if (block && block !== body) block.setAttribute(DATE_LINE, '');
}

// The mark of an article image that failed to load (see hideWhenFailed); article.css hides what
// carries it, and bodyHtml leaves it out of the exported file, where the image may yet load.
const FAILED = 'data-folio-failed';
const watched = new WeakSet();

/**
 * Hides the article's images that fail to load (a dead address, a host that refuses, no
 * network) instead of showing the broken-image icon and the alt text, which often repeats the
 * headline: the image, the <picture> around it, and a figure left with nothing to show (a
 * caption stays). A lead image that fails hides its whole figure. Listens once per element, in
 * the capture phase (an image's error event does not bubble).
 */
function hideWhenFailed(content, lead) {
  if (!watched.has(content)) {
    watched.add(content);
    content.addEventListener('error', (e) => {
      const img = e.target;
      if (img?.localName !== 'img') return;
      img.setAttribute(FAILED, '');
      if (img.parentElement?.localName === 'picture') img.parentElement.setAttribute(FAILED, '');
      const figure = img.closest('figure');
      if (figure && content.contains(figure) &&
          !figure.querySelector(`img:not([${FAILED}]), figcaption, video, audio, svg, iframe, table`)) {
        figure.setAttribute(FAILED, '');
      }
    }, true);
  }
  if (!watched.has(lead)) {
    watched.add(lead);
    lead.addEventListener('error', (e) => {
      if (e.target?.localName === 'img' && e.target.getAttribute('src')) lead.hidden = true;
    }, true);
  }
}

/** The article body's HTML for an export: the live body as shown, without the view's marks. It
 *  is copied into an inert document first, so that no image in the copy loads again. */
export function bodyHtml(content) {
  const copy = content.ownerDocument.implementation.createHTMLDocument('').importNode(content, true);
  for (const n of copy.querySelectorAll(`[${FAILED}]`)) n.removeAttribute(FAILED);
  return copy.innerHTML;
}

/** The core's HTML as the body of an inert document (DOMParser: nothing in it loads or runs). */
function inertBody(html) {
  return new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html').body;
}

/** Moves a node's children into `doc`, in order (the live child list is copied first: adopting a
 *  node removes it from it). */
const adoptAll = (parent, doc) => Array.from(parent.childNodes).map((n) => doc.adoptNode(n));

// Elements the first screen's cut may go inside: wrappers and lists, whose children can be
// appended later without changing how the first ones look. Never a table: its column widths
// depend on all of its rows, so the first screen's rows would move when the rest arrived.
const SPLITTABLE = new Set(['div', 'section', 'article', 'main', 'ul', 'ol']);
// How deep the cut may go inside nested wrappers.
const MAX_SPLIT_DEPTH = 16;

/**
 * How much of a line `text` takes, in Latin letters: a CJK character (ideographs, kana, Hangul,
 * full-width forms) is about as wide as two, so a screen holds about half as many of them, and
 * counting them as one made a Chinese or Japanese first screen about three screens long. Counts
 * no further than `enough` (a block may hold a whole article's text).
 */
function screenWidth(text, enough) {
  let width = 0;
  for (let i = 0; i < text.length && width < enough; i++) {
    const c = text.charCodeAt(i);
    const wide = c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6));
    width += wide ? 2 : 1;
  }
  return width;
}

/**
 * Splits the body for a first screen. The first screen is the body's opening blocks holding
 * about `chars` Latin letters' width of text (see screenWidth); where the cut falls inside a
 * wrapper or a list, it goes on inside it (a page whose body is a short standfirst and then one
 * long wrapper must still split), down to a block that is kept whole. Everything after the cut
 * is moved, level by level, into holder elements of a second inert document (so the first scrub
 * leaves it alone, and it stays connected for its own). Returns null when everything fits, else
 * the levels as [{ holder, container }], outermost first: `container` is body or a wrapper on
 * the path to the cut, and its holder holds the children that follow that path.
 */
function setAside(body, chars) {
  if (!Number.isFinite(chars)) return null;
  const levels = [];
  let container = body;
  let seen = 0;
  for (let depth = 0; ; depth++) {
    const blocks = Array.from(container.childNodes);
    let cut = 0;
    let inside = null;
    while (cut < blocks.length && seen < chars) {
      const b = blocks[cut++];
      // An image or a figure fills part of a screen without text.
      const size = screenWidth(b.textContent ?? '', chars - seen + 1) + (b.nodeType === 1 && /^(img|picture|figure|video)$/.test(b.localName) ? 400 : 0);
      if (seen + size > chars && depth < MAX_SPLIT_DEPTH && b.nodeType === 1 && SPLITTABLE.has(b.localName) && b.firstElementChild) {
        inside = b;
        break;
      }
      seen += size;
    }
    levels.push({ container, rest: blocks.slice(cut) });
    if (!inside) break;
    container = inside;
  }
  const moved = levels.filter((l) => l.rest.length > 0);
  if (!moved.length) return null;
  const holderDoc = body.ownerDocument.implementation.createHTMLDocument('');
  return moved.map(({ container: c, rest }) => {
    const holder = holderDoc.createElement('div');
    holderDoc.body.append(holder);
    holder.append(...rest.map((n) => holderDoc.adoptNode(n)));
    return { holder, container: c };
  });
}

/** Whether the body shows an image of its own (one the scrub keeps: not inside a dropped element). */
function hasShownImage(body) {
  for (const img of body.querySelectorAll('img, picture')) {
    let kept = true;
    for (let n = img.parentElement; n && n !== body; n = n.parentElement) {
      if (DROP.has(n.localName.toLowerCase())) {
        kept = false;
        break;
      }
    }
    if (kept) return true;
  }
  return false;
}

export function siteName(article, page) {
  if (article.siteName) return article.siteName;
  try {
    return new URL(page.url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The byline, date and reading time, as text parts (never HTML). */
export function metaParts(article) {
  const parts = [];
  if (article.byline) parts.push({ tag: 'span', cls: 'byline', text: article.byline.trim() });
  if (article.publishedTime) {
    const d = new Date(article.publishedTime);
    const text = Number.isNaN(d.getTime())
      ? article.publishedTime
      : new Intl.DateTimeFormat(article.lang || undefined, { dateStyle: 'long' }).format(d);
    parts.push({ tag: 'time', cls: 'date', text, datetime: article.publishedTime });
  }
  if (article.readingTimeMinutes) {
    parts.push({ tag: 'span', cls: 'reading-time', text: `${article.readingTimeMinutes} min read` });
  }
  return parts;
}

// Elements that never belong in a reader view, whatever the core let through.
const DROP = new Set([
  'script', 'style', 'link', 'meta', 'base', 'title', 'head', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'form', 'input', 'button', 'select', 'textarea', 'option',
  'template', 'noscript', 'dialog', 'slot', 'portal', 'foreignobject', 'animate', 'set',
  'animatetransform', 'animatemotion', 'use', 'handler', 'listener',
]);
const URL_ATTRS = new Set([
  'href', 'src', 'poster', 'cite', 'action', 'formaction', 'background', 'xlink:href', 'data',
  'longdesc', 'usemap', 'ping', 'lowsrc', 'dynsrc', 'manifest', 'codebase',
]);

/**
 * Scrubs the descendants of `root` (an element of an inert document) in place: drops what never
 * belongs in a reader view, event handlers, styles and unsafe URLs; makes URLs absolute; wraps
 * outermost tables for horizontal scrolling.
 */
function scrubInside(root, pageUrl) {
  for (const node of Array.from(root.querySelectorAll('*'))) {
    // A node inside one already dropped went with it. (`root` is in an inert document, the
    // DOMParser one or the holder of a long article's rest, so its nodes are connected.)
    if (!node.isConnected) continue;
    if (DROP.has(node.localName.toLowerCase())) {
      node.remove();
      continue;
    }
    for (const attr of Array.from(node.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || name === 'style' || name === 'srcdoc' || name === 'is' ||
          name === 'autofocus' || name === 'contenteditable' || name === 'nonce') {
        node.removeAttribute(attr.name);
      } else if (name === 'srcset') {
        const set = safeSrcset(attr.value, pageUrl);
        if (set) node.setAttribute(attr.name, set);
        else node.removeAttribute(attr.name);
      } else if (URL_ATTRS.has(name)) {
        const isMedia = name !== 'href' && name !== 'xlink:href' && name !== 'cite';
        const url = safeUrl(attr.value, pageUrl, isMedia);
        if (url) node.setAttribute(attr.name, url);
        else node.removeAttribute(attr.name);
      }
    }
    if (node.localName === 'a' && node.hasAttribute('href')) localizeLink(node, pageUrl);
    if (node.localName === 'img') {
      node.setAttribute('decoding', 'async');
    }
  }
  for (const table of Array.from(root.querySelectorAll('table'))) {
    if (table.parentElement && table.parentElement.closest('table')) continue;
    const wrap = root.ownerDocument.createElement('div');
    wrap.className = 'table-scroll';
    table.replaceWith(wrap);
    wrap.append(table);
  }
}

/** An absolute http(s) URL (or mailto: for links, data:image for media), or null. */
export function safeUrl(value, base, media) {
  if (typeof value !== 'string' || !value.trim()) return null;
  let url;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  if (!media && url.protocol === 'mailto:') return url.href;
  if (media && url.protocol === 'data:' && /^data:image\/(png|gif|jpeg|webp|avif)[;,]/i.test(url.href)) {
    return url.href;
  }
  return null;
}

function safeSrcset(value, base) {
  const out = [];
  for (const candidate of value.split(/,\s+/)) {
    const [u, ...desc] = candidate.trim().split(/\s+/);
    const url = safeUrl(u, base, true);
    if (url && !url.startsWith('data:')) out.push([url, ...desc].join(' '));
  }
  return out.join(', ');
}

/** Links to the same page become in-view anchors; others open in a new tab. */
function localizeLink(a, pageUrl) {
  try {
    const url = new URL(a.getAttribute('href'));
    const page = new URL(pageUrl);
    if (url.hash && url.origin === page.origin && url.pathname === page.pathname &&
        url.search === page.search) {
      a.setAttribute('href', url.hash);
      return;
    }
  } catch {
    // mailto: and the like: fall through
  }
  a.setAttribute('target', '_blank');
  a.setAttribute('rel', 'noopener noreferrer');
}

// ----- export -----

export function slug(title) {
  const s = (title || '').normalize('NFKC').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
  return s || 'article';
}

export function download(name, mime, text, doc = document) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => (
  { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/**
 * A standalone page: escaped metadata, the scrubbed body (`bodyHtml`, as shown), the article
 * stylesheet inline (`css`), and a CSP that lets nothing run even if the file is opened from
 * disk. `look` = { theme, font, fontSize, width }.
 */
export function standaloneHtml(article, page, { css, bodyHtml, look }) {
  const title = article.title || page.title || 'Untitled';
  const site = siteName(article, page);
  const meta = metaParts(article).map((p) =>
    `<${p.tag} class="${p.cls}"${p.datetime ? ` datetime="${escapeHtml(p.datetime)}"` : ''}>${escapeHtml(p.text)}</${p.tag}>`);
  const source = safeUrl(article.url || page.url, page.url, false);
  if (source) meta.push(`<a href="${escapeHtml(source)}">Original</a>`);
  const attrs = [
    article.lang ? ` lang="${escapeHtml(article.lang)}"` : '',
    article.dir === 'rtl' ? ' dir="rtl"' : '',
  ].join('');
  return `<!DOCTYPE html>
<html${attrs} data-theme="${escapeHtml(look.theme)}" data-font="${escapeHtml(look.font)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http: https: data:; media-src http: https:; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Folio">
<title>${escapeHtml(title)}</title>
<style>
${css}
:root { --font-size: ${Number(look.fontSize)}px; --measure: ${Number(look.width)}ch; }
</style>
</head>
<body>
<article class="folio-article">
<header class="article-header">
${site ? `<p class="article-site">${escapeHtml(site)}</p>\n` : ''}<h1 class="article-title">${escapeHtml(title)}</h1>
<p class="article-meta">${meta.join('<span class="sep"> · </span>')}</p>
</header>
<div class="article-body">
${bodyHtml}
</div>
</article>
</body>
</html>
`;
}

/** The text of a stylesheet element's rules (for the standalone page). */
export const sheetText = (link) => Array.from(link.sheet.cssRules, (r) => r.cssText).join('\n');

export async function copyText(text, doc = document) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = doc.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    doc.body.append(ta);
    ta.select();
    const ok = doc.execCommand('copy');
    ta.remove();
    return ok;
  }
}

/** A text file's content, ending in one newline. */
export const asFile = (s) => `${String(s ?? '').trimEnd()}\n`;

/** The export actions, keyed as the menus' `data-export` values. `shown` = { article, page };
 *  `ctx` = { css, bodyHtml, look, toast, document }, where `document(article, 'text'|'markdown')`
 *  is the core's export document (the WASM `exportDocument`): exactly what
 *  `folio extract --format text|markdown` prints. */
export const EXPORTS = {
  txt: ({ article, page }, ctx) => download(`${slug(article.title || page.title)}.txt`, 'text/plain', asFile(ctx().document(article, 'text'))),
  md: ({ article, page }, ctx) => download(`${slug(article.title || page.title)}.md`, 'text/markdown', asFile(ctx().document(article, 'markdown'))),
  html: ({ article, page }, ctx) => download(`${slug(article.title || page.title)}.html`, 'text/html', standaloneHtml(article, page, ctx())),
  copy: async ({ article }, ctx) => ctx().toast((await copyText(ctx().document(article, 'text').trimEnd())) ? 'Text copied' : 'Copy failed'),
  print: () => window.print(),
};
