// The playground: pick a sample page or paste HTML; the original is shown in a sandboxed frame
// (sandbox="": no script of the page runs), the reader view beside it, rendered by the
// extension's own reader.js with the extension's WASM core. Every stage is timed:
//   parse    DOMParser turns the HTML into an inert document (reader.js parsePage, as the view)
//   walk     the document's markup (shared/snapshot.js, as the content script snapshots the
//            live page) is read into the core's tree in WASM
//   extract  the core extracts the article from the tree
//   render   reader.js scrubs and shows it, up to the next paint
import init, { walkMarkup, exportDocument, version } from './pkg/folio.js';
import './pkg/shared/snapshot.js'; // a classic script: sets globalThis.FolioSnapshot
import { parsePage, renderArticle, sheetText, bodyHtml, EXPORTS } from './pkg/view/reader.js';

const $ = (id) => document.getElementById(id);
const ui = {
  sample: $('sample'), pasteToggle: $('paste-toggle'), paste: $('paste'), pasteHtml: $('paste-html'),
  pasteUrl: $('paste-url'), pasteGo: $('paste-go'), original: $('original'), reader: $('reader'),
  meta: $('meta'), toast: $('toast'), version: $('version'),
};
const readerReady = new Promise((resolve) => {
  if (ui.reader.contentDocument?.readyState === 'complete' && ui.reader.contentDocument.getElementById('article')) resolve();
  else ui.reader.addEventListener('load', resolve, { once: true });
});
const wasmReady = init();

let shown = null; // { article, page } of the article on screen
let run = 0; // the latest request wins when several overlap

const ms = (x) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toString());
const nextPaint = (win) => new Promise((r) => win.requestAnimationFrame(() => win.setTimeout(r, 0)));

async function start() {
  const [samples] = await Promise.all([fetch('pkg/samples.json').then((r) => r.json()), wasmReady, readerReady]);
  ui.version.textContent = `core ${version()}`;
  for (const s of samples) ui.sample.add(new Option(s.title.replace(/\s+[|—–-]\s+[^|—–-]+$/, ''), s.file));
  const wanted = new URLSearchParams(location.search).get('sample');
  if (wanted && samples.some((s) => s.file === wanted)) ui.sample.value = wanted;
  ui.sample.addEventListener('change', () => showSample(ui.sample.value));
  ui.pasteToggle.addEventListener('click', () => {
    const open = ui.paste.hidden;
    ui.paste.hidden = !open;
    ui.pasteToggle.setAttribute('aria-expanded', String(open));
    if (open) ui.pasteHtml.focus();
  });
  ui.pasteGo.addEventListener('click', showPasted);
  for (const b of document.querySelectorAll('[data-theme-choice]')) {
    b.addEventListener('click', () => setTheme(b.dataset.themeChoice));
  }
  for (const b of document.querySelectorAll('[data-export]')) {
    b.addEventListener('click', () => exportAs(b.dataset.export));
  }
  await showSample(ui.sample.value);
}

async function showSample(file) {
  const url = new URL(`pkg/samples/${encodeURIComponent(file)}`, location.href).href;
  ui.original.removeAttribute('srcdoc');
  ui.original.src = url;
  const html = await fetch(url).then((r) => r.text());
  await read(html, url);
}

async function showPasted() {
  const html = ui.pasteHtml.value;
  if (!html.trim()) return toast('Paste some HTML first');
  let url = ui.pasteUrl.value.trim() || 'https://example.com/article.html';
  try {
    url = new URL(url).href;
  } catch {
    return toast('The page URL is not a valid address');
  }
  // srcdoc inherits this page's CSP and the frame's sandbox: the page's scripts cannot run.
  ui.original.removeAttribute('src');
  ui.original.srcdoc = html;
  ui.sample.selectedIndex = -1;
  await read(html, url);
}

/** Parse, walk, extract and render `html`, timing each stage. */
async function read(html, url) {
  const mine = ++run;
  await wasmReady;
  await readerReady;
  const rdoc = ui.reader.contentDocument;
  const page = { url, title: '' };
  const t0 = performance.now();
  const doc = parsePage(html);
  const t1 = performance.now();
  page.title = doc.title;
  const walked = walkMarkup(globalThis.FolioSnapshot.markupOf(doc));
  const t2 = performance.now();
  let article = null;
  let error = null;
  try {
    article = walked.extract(url);
  } catch (e) {
    error = e;
  }
  const t3 = performance.now();
  if (mine !== run) return;
  const get = (id) => rdoc.getElementById(id);
  if (article) {
    renderArticle({
      article: get('article'), site: get('site'), title: get('title'), meta: get('meta'),
      lead: get('lead'), leadImg: get('lead-img'), content: get('content'),
    }, article, page, rdoc);
    get('notice').hidden = true;
    rdoc.title = article.title || page.title || 'Reader view';
    rdoc.defaultView.scrollTo(0, 0);
    shown = { article, page };
  } else {
    get('article').hidden = true;
    get('notice-title').textContent = error?.name === 'NoArticle' ? 'No article here' : 'Reader view couldn’t read this page';
    get('notice-text').textContent = error?.name === 'NoArticle'
      ? 'Folio found no article on this page: reader view works best on news stories, blog posts and documentation.'
      : String(error?.message ?? error);
    get('notice').hidden = false;
    shown = null;
  }
  await nextPaint(ui.reader.contentWindow);
  const t4 = performance.now();
  if (mine !== run) return;
  showTimings({ parse: t1 - t0, walk: t2 - t1, extract: t3 - t2, render: t4 - t3, total: t4 - t0 });
  showMeta(article, error, html.length);
  document.documentElement.dataset.state = article ? 'article' : 'notice';
}

function showTimings(t) {
  for (const [k, v] of Object.entries(t)) $(`t-${k}`).textContent = `${ms(v)} ms`;
}

const META_FIELDS = [
  ['title', 'Title'], ['byline', 'Byline'], ['siteName', 'Site'], ['publishedTime', 'Published'],
  ['excerpt', 'Excerpt'], ['lang', 'Language'], ['dir', 'Direction'], ['wordCount', 'Words'],
  ['readingTimeMinutes', 'Reading time'], ['readerable', 'Readerable'], ['leadImage', 'Lead image'],
];

function showMeta(article, error, htmlChars) {
  const rows = [];
  const add = (label, value, cls) => {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    if (cls) dd.className = cls;
    rows.push(dt, dd);
  };
  if (!article) {
    add('Result', error?.name === 'NoArticle' ? 'No article' : 'Error', 'bad');
    add('Reason', String(error?.message ?? error));
  } else {
    for (const [key, label] of META_FIELDS) {
      const v = article[key];
      const text = v === null || v === undefined || v === '' ? '—'
        : key === 'readingTimeMinutes' ? `${v} min`
          : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
      add(label, text, text === '—' ? 'none' : key === 'leadImage' || key === 'excerpt' ? 'long' : '');
    }
    // The plain text is made on export only (articleText); the content is what the view shows.
    add('Content HTML', `${article.content.length.toLocaleString('en')} characters`);
  }
  add('Page HTML', `${htmlChars.toLocaleString('en')} characters`);
  ui.meta.replaceChildren(...rows);
}

function setTheme(theme) {
  ui.reader.contentDocument.documentElement.dataset.theme = theme;
  for (const b of document.querySelectorAll('[data-theme-choice]')) {
    b.setAttribute('aria-checked', String(b.dataset.themeChoice === theme));
  }
}

function exportAs(kind) {
  if (!shown) return toast('No article to export');
  if (kind === 'print') {
    ui.reader.contentWindow.print();
    return;
  }
  const rdoc = ui.reader.contentDocument;
  const css = getComputedStyle(rdoc.documentElement);
  EXPORTS[kind]?.(shown, () => ({
    css: sheetText(rdoc.getElementById('article-css')),
    bodyHtml: bodyHtml(rdoc.getElementById('content')),
    look: {
      theme: rdoc.documentElement.dataset.theme,
      font: rdoc.documentElement.dataset.font,
      fontSize: parseFloat(css.getPropertyValue('--font-size')) || 17,
      width: parseFloat(css.getPropertyValue('--measure')) || 62,
    },
    toast,
    document: exportDocument,
  }));
}

let toastTimer = 0;
function toast(text) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { ui.toast.hidden = true; }, 1800);
}

start().catch((e) => {
  document.documentElement.dataset.state = 'error';
  toast(`The playground could not start: ${e.message ?? e}`);
  console.error(e);
});
