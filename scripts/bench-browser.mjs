// Browser benchmark (not a test): Folio's WASM extraction beside Mozilla Readability.js in the same
// headless Chromium, on the same parsed documents. Usage (scripts/bench-browser.sh wraps it):
//   node scripts/bench-browser.mjs [CORPUS_DIR] [--reps N] [--clicks N] [--no-click] [--fresh-clicks N] [--clicks-only]
// CORPUS_DIR: samples/ (default), ../shared/corpus/mozilla, ../shared/corpus/scrapinghub-dev...
//
// Per page, in one page context: the HTML is parsed once with DOMParser (reader.js parsePage, as
// the reader view does), then, alternating which goes first, REPS times each:
//   Readability  new Readability(doc.cloneNode(true)).parse()   (the clone is made before the clock
//                starts: Readability changes the document it is given, Folio only reads)
//   Folio        markupOf(doc) then extractMarkup(markup, url), as the reader view does (the
//                browser's serialization of the document and its reading in WASM included)
// warm = the median of those; cold = the first call in a fresh frame (one new iframe per engine
// and page, the WASM instantiated and Readability.js loaded but never called before).
// Then click-to-view over the same pages, served on 127.0.0.1, in the extension (CDP
// Extensions.triggerAction over a bare DevTools pipe: scripts/click-to-view.mjs), from the click
// to the reader view's first paint with the article; and the WASM size. Needs extension/pkg and
// dist/chromium (scripts/extension.sh dist) and `npm ci` (@mozilla/readability is a dev
// dependency for this benchmark only).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, chromiumPath, startServer } from '../tests/e2e/helpers.mjs';
import { clickToView as clickToViewInExtension } from './click-to-view.mjs';
import { serveStatic } from './static-server.mjs';
import { corpusPages, decodePage } from './corpus.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return Number(v);
};
// The view's own timing stages (view.js finish()): the content script's encoding of the live page,
// frame navigation and module start, WASM wait, extraction, render to paint.
const STAGES = ['encode', 'frameNavigation', 'frameStart', 'wasmWait', 'extract', 'render'];
const REPS = opt('--reps', 15);
// Clicks in a freshly started browser (one launch each, on an evenly spaced sample of the pages):
// what a person's click meets once the extension's process has gone idle. Off unless asked.
const FRESH_CLICKS = opt('--fresh-clicks', 0);
const noClick = args.includes('--no-click');
// Click-to-view alone (no engine comparison): for iterating on the view's start.
const clicksOnly = args.includes('--clicks-only');
const corpusDir = args.find((a) => !a.startsWith('--')) ?? join(ROOT, 'samples');
const ownSamples = resolve(corpusDir) === join(ROOT, 'samples');
// Click-to-view rounds over the corpus pages: each of the 4 samples 10 times, a corpus's pages once.
const CLICKS = opt('--clicks', ownSamples ? 10 : 1);

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}
const f = (x, w = 7) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : '—').padStart(w);

const BENCH_JS = `import init, { extractMarkup, walkMarkup } from '/pkg/folio.js';
import { parsePage } from '/view/reader.js';
import '/shared/snapshot.js';
const { markupOf } = globalThis.FolioSnapshot;
await init();
const now = () => performance.now();
function folio(doc, url) {
  const t = now();
  try { extractMarkup(markupOf(doc), url); } catch (e) { if (e.name !== 'NoArticle') throw e; }
  return now() - t;
}
function readability(doc) {
  const clone = doc.cloneNode(true);
  const t = now();
  new Readability(clone).parse();
  return now() - t;
}
window.warm = (html, url, reps) => {
  const doc = parsePage(html);
  const r = [];
  const w = [];
  for (let i = 0; i < reps + 2; i++) {
    let a, b;
    if (i % 2) { a = readability(doc); b = folio(doc, url); } else { b = folio(doc, url); a = readability(doc); }
    if (i >= 2) { r.push(a); w.push(b); } // two rounds to warm up
  }
  // The walk alone (the document's markup read into the core's tree), to split Folio's time.
  const walk = [];
  for (let i = 0; i < reps; i++) { const t = now(); walkMarkup(markupOf(doc)).free(); walk.push(now() - t); }
  return { readability: r, folio: w, walk };
};
window.cold = (html, url, engine) => {
  const doc = parsePage(html);
  return engine === 'folio' ? folio(doc, url) : readability(doc);
};
document.documentElement.dataset.ready = 'yes';`;
const BENCH_HTML = '<!DOCTYPE html><meta charset="utf-8"><title>bench</title><script src="/readability/Readability.js"></script><script type="module" src="/bench.js"></script>';

async function engines(pages) {
  const srv = await serveStatic({
    '/pkg/': join(ROOT, 'extension', 'pkg'),
    '/view/': join(ROOT, 'extension', 'view'),
    '/shared/': join(ROOT, 'extension', 'shared'),
    '/readability/': join(ROOT, 'node_modules', '@mozilla', 'readability'),
  }, {
    // Cross-origin isolation: performance.now() then ticks in 5 µs steps instead of 100 µs.
    extraHeaders: { 'cross-origin-embedder-policy': 'require-corp' },
    pages: { '/bench.html': BENCH_HTML, '/bench.js': BENCH_JS, '/host.html': '<!DOCTYPE html><title>host</title>' },
  });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.goto(`${srv.origin}/bench.html`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'yes');
  const host = await browser.newPage();
  await host.goto(`${srv.origin}/host.html`);

  /** The first call of `engine` in a brand-new frame. */
  async function cold(html, url, engine) {
    return host.evaluate(async ([h, u, e]) => {
      const frame = document.createElement('iframe');
      frame.src = '/bench.html';
      document.body.append(frame);
      const w = frame.contentWindow;
      await new Promise((ok) => {
        const poll = () => (w.document?.documentElement?.dataset.ready === 'yes' ? ok() : setTimeout(poll, 2));
        poll();
      });
      const ms = w.cold(h, u, e);
      frame.remove();
      return ms;
    }, [html, url, engine]);
  }

  const rows = [];
  console.log(`\n${pages.length} pages, ${REPS} alternating repetitions each (warm), one fresh frame per engine and page (cold); ms`);
  console.log(`${'page'.padEnd(28)} ${'R warm'.padStart(7)} ${'F warm'.padStart(7)} ${'ratio'.padStart(6)} ${'R cold'.padStart(7)} ${'F cold'.padStart(7)} ${'ratio'.padStart(6)}`);
  for (const p of pages) {
    const html = decodePage(p.bytes);
    let row;
    try {
      const w = await page.evaluate(([h, u, n]) => window.warm(h, u, n), [html, p.url, REPS]);
      // Alternate which engine meets a cold frame first, page by page.
      const order = rows.length % 2 ? ['readability', 'folio'] : ['folio', 'readability'];
      const c = {};
      for (const e of order) c[e] = await cold(html, p.url, e);
      row = { id: p.id, rw: median(w.readability), fw: median(w.folio), ww: median(w.walk), rc: c.readability, fc: c.folio };
    } catch (e) {
      console.log(`${p.id.padEnd(28)} error: ${String(e.message).split('\n')[0]}`);
      continue;
    }
    rows.push(row);
    console.log(`${row.id.slice(0, 28).padEnd(28)} ${f(row.rw)} ${f(row.fw)} ${f(row.rw / row.fw, 6)} ${f(row.rc)} ${f(row.fc)} ${f(row.rc / row.fc, 6)}`);
  }
  await browser.close();
  await srv.close();
  return rows;
}

/** Click-to-view over `pages`: `CLICKS` rounds in one browser, or with `fresh`, one page of an
 *  evenly spaced sample of `fresh` in each of as many newly launched browsers. */
async function clickToView(pages, fresh = 0) {
  // The samples are served from samples/ (with their images); a corpus's pages from memory, under
  // /corpus/ (what they load from elsewhere is refused by the test server, as in the e2e tests).
  const extra = ownSamples ? {} : Object.fromEntries(pages.map((p, i) => [`/corpus/${i}-${p.id}.html`, decodePage(p.bytes)]));
  const srv = await startServer(extra);
  const paths = ownSamples ? pages.map((p) => p.id) : Object.keys(extra).map((k) => k.slice(1));
  try {
    let wall = [], timings = [], missed = 0;
    if (fresh > 0) {
      const n = Math.min(fresh, paths.length);
      for (let i = 0; i < n; i++) {
        const r = await clickToViewInExtension(srv.origin, [paths[Math.floor((i * paths.length) / n)]], 1);
        wall.push(...r.wall);
        timings.push(...r.timings);
        missed += r.missed;
      }
    } else {
      ({ wall, timings, missed } = await clickToViewInExtension(srv.origin, paths, CLICKS));
    }
    const stages = Object.fromEntries(STAGES.map((k) => [k, timings.map((t) => t[k]).filter(Number.isFinite)]));
    return { wall, own: timings.map((t) => t.clickToView).filter(Number.isFinite), stages, missed, pages: paths.length };
  } finally {
    await srv.close();
  }
}

function printClicks(c) {
  console.log(`  click → paint      median ${f(median(c.wall))}  p95 ${f(quantile(c.wall, 0.95))}  (n=${c.wall.length}, ${c.missed} clicks without a view)`);
  console.log(`  content script → paint (the view's own clickToView) median ${f(median(c.own))}  p95 ${f(quantile(c.own, 0.95))}`);
  console.log(`  stages (median / p95): ${STAGES.map((k) => `${k} ${f(median(c.stages[k] ?? []))} / ${f(quantile(c.stages[k] ?? [], 0.95))}`).join(', ')}`);
}

const pages = corpusPages(corpusDir);
console.log(`corpus: ${corpusDir}`);
const rows = clicksOnly ? [] : await engines(pages);
const col = (k) => rows.map((r) => r[k]);
const ratio = (a, b) => rows.map((r) => r[a] / r[b]);
if (rows.length) {
  console.log(`\nover ${rows.length} pages (per-page values; ms):`);
  console.log(`  warm  Readability.js median ${f(median(col('rw')))}  p95 ${f(quantile(col('rw'), 0.95))}`);
  console.log(`  warm  Folio          median ${f(median(col('fw')))}  p95 ${f(quantile(col('fw'), 0.95))}`);
  console.log(`  warm  Folio's walk alone (outerHTML + its reading into the tree) median ${f(median(col('ww')))}  p95 ${f(quantile(col('ww'), 0.95))}; median share of Folio's warm time ${(median(ratio('ww', 'fw')) * 100).toFixed(0)} %`);
  console.log(`  cold  Readability.js median ${f(median(col('rc')))}  p95 ${f(quantile(col('rc'), 0.95))}`);
  console.log(`  cold  Folio          median ${f(median(col('fc')))}  p95 ${f(quantile(col('fc'), 0.95))}`);
  console.log(`  median per-page ratio Readability/Folio: warm ${median(ratio('rw', 'fw')).toFixed(2)}, cold ${median(ratio('rc', 'fc')).toFixed(2)}`);
}

if (!noClick || FRESH_CLICKS > 0) {
  if (!existsSync(join(ROOT, 'dist', 'chromium', 'manifest.json'))) {
    console.log('\nclick-to-view skipped: dist/chromium missing (scripts/extension.sh dist)');
  } else {
    if (!noClick) {
      const c = await clickToView(pages);
      console.log(`\nclick-to-view over the ${c.pages} pages x ${CLICKS} (toolbar click via CDP, no debugger on the view frame, to its first paint with the article; ms):`);
      printClicks(c);
    }
    if (FRESH_CLICKS > 0) {
      const c = await clickToView(pages, FRESH_CLICKS);
      console.log(`\nclick-to-view in a freshly started browser, ${c.wall.length + c.missed} of the ${c.pages} pages evenly spaced, one launch each (the extension's process new, as after it has gone idle; ms):`);
      printClicks(c);
    }
  }
}

const wasm = readFileSync(join(ROOT, 'extension', 'pkg', 'folio_bg.wasm'));
console.log(`\nfolio_bg.wasm: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzipped (-9)`);
