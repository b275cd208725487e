// The reader view: an extension page shown in a frame over the article's tab. It receives the
// page snapshot from the content script (the browser's serialization of the live page, one
// string: data, never parsed as HTML here), has the WASM core read and extract it, and shows
// the article.
//
// The rendering (and its safety rules) lives in reader.js, shared with the www/ playground.
// The page's CSP does not apply here; this page's own CSP forbids inline and remote script.
//
// The packaged extension holds this module bundled with everything it imports, one file (see
// scripts/extension.sh dist): each file an extension frame loads costs a request through the
// browser process before the view can start.
import '../shared/messages.js';
import '../shared/defaults.js';
import init, { extractMarkup, exportDocument } from '../pkg/folio.js';
import { renderArticle, sheetText, bodyHtml, EXPORTS } from './reader.js';

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

// Fetch and compile while the snapshot is on its way. The WASM's address is given here, not
// left to wasm-bindgen's glue, which would resolve it against its own file (gone once bundled);
// view.html preloads the same address.
const wasmReady = init({ module_or_path: new URL('../pkg/folio_bg.wasm', import.meta.url) });
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
// Nothing secret in it: it only tells the content script it need not wait for the load event.
if (token && window.parent !== window) window.parent.postMessage({ type: M.READY }, '*');
// The first Intl date format in a renderer process sets up ICU for it: 20-45 ms on this machine
// in a fresh process, which is what a click meets once the extension's process has gone idle,
// and the article's date line needs it before the first paint. Done now, it overlaps the wait
// for the snapshot (and the WASM's compile); in a process that has done it before it costs a
// fraction of a millisecond. (Only a head start: nothing depends on it succeeding.)
try {
  new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(0);
} catch {
  // the date line formats its date all the same
}

function send(msg) {
  if (port) port.postMessage(msg);
}

function closeView() {
  send({ type: M.CLOSE });
}

async function onSnapshot(msg) {
  if (!msg || msg.type !== M.SNAPSHOT || shown || typeof msg.url !== 'string') return;
  if (typeof msg.markup !== 'string') return;
  if (!sameOrigin(msg.url, connectOrigin)) return;
  const t = { received: now() };
  const page = { url: msg.url, title: typeof msg.title === 'string' ? msg.title : '' };
  if (msg.tooLarge) {
    showNotice('This page is too large for reader view', 'Folio stopped before reading it, so the tab stays responsive.', page);
    return finish(false, t, msg);
  }
  await wasmReady;
  t.wasm = now();
  let article;
  try {
    article = extractMarkup(msg.markup, page.url);
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
  ({ rest: showRest, restInSteps: showRestInSteps } = render(article, page));
  return finish(true, t, msg);
}

/** The rest of a long article (see renderArticle): shown a few screens at a time after the first
 *  paint, or whatever is left of it at once when an export needs the whole body. Each returns how
 *  many of the body's nodes came after the first paint. */
let showRest = () => 0;
let showRestInSteps = (done) => {
  done();
  return 0;
};

/** After the first paint: the timing, the rest of the article, then the state. */
async function finish(ok, t, msg) {
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  t.painted = now();
  let laterNodes = 0;
  // The state says the view is done once the whole article is in it; the timing is the first
  // paint's.
  let whole;
  const shownWhole = new Promise((r) => { whole = r; });
  try {
    laterNodes = showRestInSteps(whole);
  } catch (err) {
    console.error('Folio: showing the rest of the article failed', err);
    whole();
  }
  const timing = {
    clickToView: round(t.painted - msg.clickedAt),
    frameNavigation: round(performance.timeOrigin - msg.clickedAt), // the frame's navigation began
    frameStart: round(startedAt - msg.clickedAt), // this module began to run
    wasmWait: round((t.wasm ?? t.received) - t.received),
    encode: round(Number(msg.encodeMs) || 0), // in the content script, on the page's thread
    extract: round((t.extracted ?? t.received) - (t.wasm ?? t.received)),
    render: round(t.painted - (t.extracted ?? t.received)),
    paintedAt: t.painted, // epoch ms: lets a benchmark measure from its own click
    laterNodes, // body nodes shown after the first paint (0: the whole body was in it)
  };
  root.dataset.timing = JSON.stringify(timing);
  send({ type: M.RENDERED, ok, timing });
  await shownWhole;
  root.dataset.state = ok ? 'article' : 'notice';
  el.reader.setAttribute('aria-busy', 'false');
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

const skeleton = {
  article: el.article, site: el.site, title: el.title, meta: el.meta, lead: el.lead,
  leadImg: el['lead-img'], content: el.content,
};

// About a tall screen of text at the largest default size, in Latin letters' width (a CJK
// character counts as two): what the first paint needs.
const FIRST_SCREEN_CHARS = 3000;

/** Shows the article's first screen; returns { rest, restInSteps } (see renderArticle). */
function render(article, page) {
  shown = { article, page };
  document.title = article.title || page.title || 'Untitled';
  const { site, rest, restInSteps } = renderArticle(skeleton, article, page, document, { firstScreenChars: FIRST_SCREEN_CHARS });
  el['toolbar-site'].textContent = site;
  el.notice.hidden = true;
  return { rest, restInSteps };
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

let toastTimer = 0;
function toast(text) {
  el.toast.textContent = text;
  el.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.toast.hidden = true; }, 1800);
}

/** What the standalone .html export and the copy action need from this view. */
const exportContext = () => {
  showRest(); // an export in the moment after the first paint still gets the whole article
  return {
    css: sheetText(articleSheet),
    bodyHtml: bodyHtml(el.content),
    look: { theme: root.dataset.theme, font: root.dataset.font, fontSize: settings.fontSize, width: settings.width },
    toast,
    document: exportDocument,
  };
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
  EXPORTS[b.dataset.export]?.(shown, exportContext);
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
