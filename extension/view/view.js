// The reader view: an extension page shown in a frame over the article's tab. It receives the
// page snapshot from the content script, parses it with DOMParser (an inert document: nothing in
// it loads or runs), has the WASM core walk and extract it, and shows the article.
//
// Page-controlled text (title, byline, site, date) is only ever set with textContent. The body
// is the core's sanitized HTML, parsed into an inert document, scrubbed once more here (defence
// in depth: no scripts, handlers, styles, frames, forms or non-http URLs survive), then adopted.
// The page's CSP does not apply here; this page's own CSP forbids inline and remote script.
import init, { extractDocument } from '../pkg/folio.js';

const M = globalThis.FolioMessages;
const D = globalThis.FolioDefaults;
const api = globalThis.browser ?? globalThis.chrome;
const now = () => performance.timeOrigin + performance.now();
const startedAt = now();

// Element references are taken once, before any page content is in the document: an id in the
// article (id="content", id="notice"...) must not be mistaken for the view's own elements.
const el = Object.fromEntries(
  [
    'article', 'close', 'content', 'export', 'export-toggle', 'lead', 'lead-img', 'meta',
    'notice', 'notice-close', 'notice-text', 'notice-title', 'reader', 'settings',
    'settings-toggle', 'site', 'size-down', 'size-up', 'size-value', 'title', 'toast',
    'toolbar-site', 'width-down', 'width-up', 'width-value',
  ].map((id) => [id, document.getElementById(id)]),
);
const root = document.documentElement;
const toolbar = document.querySelector('.toolbar');
const articleSheet = document.getElementById('article-css');

const wasmReady = init(); // fetch and compile while the snapshot is on its way
const token = location.hash.slice(1);
let port = null;
let connectOrigin = null;
/** { article, page: { url, title } } once shown. */
let shown = null;
let settings = { ...D.settings };

// ----- connection -----

window.addEventListener('message', (e) => {
  if (port || !token || e.source !== window.parent) return;
  const d = e.data;
  if (!d || d.type !== M.CONNECT || d.token !== token || e.ports.length !== 1) return;
  port = e.ports[0];
  connectOrigin = e.origin;
  port.onmessage = (ev) => onSnapshot(ev.data);
});

function send(msg) {
  if (port) port.postMessage(msg);
}

function closeView() {
  send({ type: M.CLOSE });
}

async function onSnapshot(msg) {
  if (!msg || msg.type !== M.SNAPSHOT || shown || typeof msg.url !== 'string') return;
  if (!sameOrigin(msg.url, connectOrigin)) return;
  const t = { received: now() };
  const page = { url: msg.url, title: typeof msg.title === 'string' ? msg.title : '' };
  if (msg.tooLarge) {
    showNotice('This page is too large for reader view', 'Folio stopped before reading it, so the tab stays responsive.', page);
    return finish(false, t, msg);
  }
  await wasmReady;
  t.wasm = now();
  // Chromium reports a CSP violation for every <style> of the snapshot: this page's CSP blocks
  // them even in an inert document. Nothing is wrong; the page's styles are not wanted here.
  const doc = new DOMParser().parseFromString(String(msg.html ?? ''), 'text/html');
  t.parsed = now();
  let article;
  try {
    article = extractDocument(doc, page.url);
  } catch (err) {
    t.extracted = now();
    if (err && err.name === 'NoArticle') {
      showNotice('No article here', 'Folio couldn’t find an article on this page. Reader view works best on news stories, blog posts and documentation.', page);
    } else {
      showNotice('Reader view couldn’t read this page', String(err && err.message ? err.message : err), page);
    }
    return finish(false, t, msg);
  }
  t.extracted = now();
  render(article, page);
  return finish(true, t, msg);
}

async function finish(ok, t, msg) {
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  t.painted = now();
  const timing = {
    clickToView: round(t.painted - msg.clickedAt),
    frameStart: round(startedAt - msg.clickedAt),
    wasmWait: round((t.wasm ?? t.received) - t.received),
    parse: round((t.parsed ?? t.received) - (t.wasm ?? t.received)),
    extract: round((t.extracted ?? t.received) - (t.parsed ?? t.received)),
    render: round(t.painted - (t.extracted ?? t.received)),
  };
  root.dataset.state = ok ? 'article' : 'notice';
  root.dataset.timing = JSON.stringify(timing);
  el.reader.setAttribute('aria-busy', 'false');
  send({ type: M.RENDERED, ok, timing });
}

const round = (x) => Math.round(x * 10) / 10;

function sameOrigin(url, origin) {
  if (!origin || origin === 'null') return true; // opaque origins (sandboxed, file:) cannot be compared
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

// ----- rendering -----

function render(article, page) {
  shown = { article, page };
  const title = article.title || page.title || 'Untitled';
  document.title = title;
  if (article.lang) el.article.lang = article.lang;
  if (article.dir === 'rtl' || article.dir === 'ltr') el.article.dir = article.dir;

  const site = siteName(article, page);
  el.site.textContent = site;
  el.site.hidden = !site;
  el['toolbar-site'].textContent = site;
  el.title.textContent = title;
  el.meta.replaceChildren(...metaParts(article).flatMap((part, i) => {
    const span = document.createElement(part.tag);
    span.className = part.cls;
    span.textContent = part.text;
    if (part.datetime) span.setAttribute('datetime', part.datetime);
    if (i === 0) return [span];
    const sep = document.createElement('span');
    sep.className = 'sep';
    sep.textContent = '·';
    return [sep, span];
  }));
  el.meta.hidden = el.meta.childElementCount === 0;

  const body = scrubbedContent(article.content, page.url);
  const lead = safeUrl(article.leadImage, page.url, true);
  if (lead && !body.querySelector('img') && !body.querySelector('picture')) {
    el['lead-img'].src = lead;
    el.lead.hidden = false;
  }
  // Copy the live child list first: adopting a node removes it from `body.childNodes`.
  el.content.replaceChildren(...Array.from(body.childNodes).map((n) => document.adoptNode(n)));
  el.article.hidden = false;
  el.notice.hidden = true;
}

function siteName(article, page) {
  if (article.siteName) return article.siteName;
  try {
    return new URL(page.url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The byline, date and reading time, as text parts (never HTML). */
function metaParts(article) {
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

/** The core's HTML as an inert body element, scrubbed and with absolute URLs. */
function scrubbedContent(html, pageUrl) {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html');
  const body = doc.body;
  for (const node of Array.from(body.querySelectorAll('*'))) {
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
  for (const table of Array.from(body.querySelectorAll('table'))) {
    if (table.parentElement && table.parentElement.closest('table')) continue;
    const wrap = doc.createElement('div');
    wrap.className = 'table-scroll';
    table.replaceWith(wrap);
    wrap.append(table);
  }
  return body;
}

/** An absolute http(s) URL (or mailto: for links, data:image for media), or null. */
function safeUrl(value, base, media) {
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

function showNotice(title, text, page) {
  shown = null;
  document.title = page.title || 'Reader view';
  el['notice-title'].textContent = title;
  el['notice-text'].textContent = text;
  el.notice.hidden = false;
  el.article.hidden = true;
  el['notice-close'].focus();
}

// ----- settings -----

function clamp(v, { min, max }, fallback) {
  const n = Number(v);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

function applySettings() {
  root.dataset.theme = D.themes.includes(settings.theme) ? settings.theme : D.settings.theme;
  root.dataset.font = D.fonts.includes(settings.font) ? settings.font : D.settings.font;
  settings.fontSize = clamp(settings.fontSize, D.fontSize, D.settings.fontSize);
  settings.width = clamp(settings.width, D.width, D.settings.width);
  root.style.setProperty('--font-size', `${settings.fontSize}px`);
  root.style.setProperty('--measure', `${settings.width}ch`);
  el['size-value'].textContent = `${settings.fontSize}px`;
  el['width-value'].textContent = `${settings.width}ch`;
  for (const b of document.querySelectorAll('[data-theme-choice]')) {
    b.setAttribute('aria-checked', String(b.dataset.themeChoice === root.dataset.theme));
    b.setAttribute('role', 'radio');
  }
  for (const b of document.querySelectorAll('[data-font-choice]')) {
    b.setAttribute('aria-checked', String(b.dataset.fontChoice === root.dataset.font));
    b.setAttribute('role', 'radio');
  }
}

function change(patch) {
  settings = { ...settings, ...patch };
  applySettings();
  api.storage.local.set({ [D.storageKey]: settings }).catch(() => {});
}

async function loadSettings() {
  try {
    const stored = (await api.storage.local.get(D.storageKey))[D.storageKey];
    if (stored && typeof stored === 'object') settings = { ...D.settings, ...stored };
  } catch {
    // storage unavailable: defaults
  }
  applySettings();
}

// ----- export -----

function slug(title) {
  const s = (title || '').normalize('NFKC').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
  return s || 'article';
}

function download(name, mime, text) {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => (
  { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** A standalone page: escaped metadata, the scrubbed body, the article stylesheet inline, and a
 *  CSP that lets nothing run even if the file is opened from disk. */
function standaloneHtml(article, page) {
  const css = Array.from(articleSheet.sheet.cssRules, (r) => r.cssText).join('\n');
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
<html${attrs} data-theme="${escapeHtml(root.dataset.theme)}" data-font="${escapeHtml(root.dataset.font)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http: https: data:; media-src http: https:; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Folio">
<title>${escapeHtml(title)}</title>
<style>
${css}
:root { --font-size: ${settings.fontSize}px; --measure: ${settings.width}ch; }
</style>
</head>
<body>
<article class="folio-article">
<header class="article-header">
${site ? `<p class="article-site">${escapeHtml(site)}</p>\n` : ''}<h1 class="article-title">${escapeHtml(title)}</h1>
<p class="article-meta">${meta.join('<span class="sep"> · </span>')}</p>
</header>
<div class="article-body">
${el.content.innerHTML}
</div>
</article>
</body>
</html>
`;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

let toastTimer = 0;
function toast(text) {
  el.toast.textContent = text;
  el.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.toast.hidden = true; }, 1800);
}

/** A text file's content: as the CLI prints it (`folio extract --format text|markdown`). */
const asFile = (s) => `${String(s ?? '').trimEnd()}\n`;

const EXPORTS = {
  txt: ({ article, page }) => download(`${slug(article.title || page.title)}.txt`, 'text/plain', asFile(article.text)),
  md: ({ article, page }) => download(`${slug(article.title || page.title)}.md`, 'text/markdown', asFile(article.markdown)),
  html: ({ article, page }) => download(`${slug(article.title || page.title)}.html`, 'text/html', standaloneHtml(article, page)),
  copy: async ({ article }) => toast((await copyText(String(article.text).trimEnd())) ? 'Text copied' : 'Copy failed'),
  print: () => window.print(),
};

// ----- controls -----

function togglePanel(panel, button, force) {
  const open = force ?? panel.hidden;
  panel.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
}

function closePanels() {
  togglePanel(el.settings, el['settings-toggle'], false);
  togglePanel(el.export, el['export-toggle'], false);
}

el.close.addEventListener('click', closeView);
el['notice-close'].addEventListener('click', closeView);
el['settings-toggle'].addEventListener('click', (e) => {
  e.stopPropagation();
  togglePanel(el.export, el['export-toggle'], false);
  togglePanel(el.settings, el['settings-toggle']);
});
el['export-toggle'].addEventListener('click', (e) => {
  e.stopPropagation();
  togglePanel(el.settings, el['settings-toggle'], false);
  togglePanel(el.export, el['export-toggle']);
});
el.settings.addEventListener('click', (e) => {
  e.stopPropagation();
  const b = e.target.closest('button');
  if (!b) return;
  if (b.dataset.themeChoice) change({ theme: b.dataset.themeChoice });
  else if (b.dataset.fontChoice) change({ font: b.dataset.fontChoice });
  else if (b === el['size-down']) change({ fontSize: settings.fontSize - D.fontSize.step });
  else if (b === el['size-up']) change({ fontSize: settings.fontSize + D.fontSize.step });
  else if (b === el['width-down']) change({ width: settings.width - D.width.step });
  else if (b === el['width-up']) change({ width: settings.width + D.width.step });
});
el.export.addEventListener('click', (e) => {
  e.stopPropagation();
  const b = e.target.closest('[data-export]');
  if (!b || !shown) return;
  closePanels();
  EXPORTS[b.dataset.export]?.(shown);
});
document.addEventListener('click', closePanels);
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  if (!el.settings.hidden || !el.export.hidden) closePanels();
  else closeView();
});
window.addEventListener('scroll', () => {
  toolbar.classList.toggle('scrolled', window.scrollY > 8);
}, { passive: true });

loadSettings();
