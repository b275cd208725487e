// Parity between the browser and the CLI: every page of the shared Mozilla corpus
// (../shared/corpus/mozilla, or $FOLIO_SHARED/corpus/mozilla; skipped when absent) is parsed in
// headless Chromium the way the reader view does it (reader.js `parsePage`, i.e. DOMParser, then
// the document's markup, shared/snapshot.js, read back and extracted by the WASM
// `extractMarkup`) and its text, read back from its content by `articleText` as the view's copy
// and .txt export do, is compared with the CLI's:
// `target/release/folio extract source.html --url http://fakehost/test/page.html`.
// The same for the gzipped pages of scrapinghub-dev (fed to the CLI on stdin, with their URL).
// Prints the parity rate and every differing page with a reason; fails below the floor. The
// other Article fields (metadata, content HTML) are compared too and listed. The
// web-sys walk (`extractDocument`) must give exactly the same Article as the markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, chromiumPath } from './helpers.mjs';
import { serveStatic } from '../../scripts/static-server.mjs';
import { corpusPages, decodePage, MOZILLA_URL as URL } from '../../scripts/corpus.mjs';

/** Pages whose text is equal / pages compared, as last reached (floors only move up). */
const PARITY_FLOOR = { mozilla: 1.0, 'scrapinghub-dev': 1.0 };

const SHARED = process.env.FOLIO_SHARED ?? join(ROOT, '..', 'shared');
const CORPUS = join(SHARED, 'corpus', 'mozilla');
const SH_DEV = join(SHARED, 'corpus', 'scrapinghub-dev');
const CLI = join(ROOT, 'target', 'release', 'folio');
const PKG = join(ROOT, 'extension', 'pkg');

const missing = [
  !existsSync(CORPUS) && `${CORPUS} not present`,
  !existsSync(CLI) && 'target/release/folio not built (cargo build --release)',
  !existsSync(join(PKG, 'folio_bg.wasm')) && 'extension/pkg not built (scripts/extension.sh wasm)',
].filter(Boolean);

// The page the browser side runs in: the view's own parse (reader.js) and the WASM.
const PAGES = {
  '/parity.html': '<!DOCTYPE html><meta charset="utf-8"><title>parity</title><script type="module" src="/parity.js"></script>',
  '/parity.js': `import init, { extractDocument, extractMarkup, articleText } from '/pkg/folio.js';
import { parsePage } from '/view/reader.js';
import '/shared/snapshot.js';
const { markupOf } = globalThis.FolioSnapshot;
await init();
const attempt = (f) => {
  try {
    return f();
  } catch (e) {
    return { error: \`\${e.name}: \${e.message}\` };
  }
};
// The view's path (the document's markup, read back in WASM) and the web-sys walk: both must
// agree.
// The text comes with no extraction here: the view reads it back from the content when a
// person copies or exports (articleText), and that is the text compared with the CLI's.
const bothPaths = (doc, url) => {
  const markup = attempt(() => extractMarkup(markupOf(doc), url));
  const websys = attempt(() => extractDocument(doc, url));
  const walksAgree = JSON.stringify(markup) === JSON.stringify(websys);
  if (!markup.error) markup.text = articleText(markup.content);
  return { markup, walksAgree };
};
window.folioExtract = (html, url) => bothPaths(parsePage(html), url);
// A document changed by script, in ways no parse of a page gives: attribute names in upper
// case (setAttributeNS), values and texts full of the characters the serializer escapes, text
// nodes side by side, a JSON-LD script's text set as a string, an element in no namespace the
// parser knows. The markup must read back as the web-sys walk sees the DOM.
window.scriptMadeDocument = () => {
  const doc = parsePage('<html><head><title>t</title></head><body><article><h1>Made by script</h1></article></body></html>');
  const ld = doc.createElement('script');
  ld.type = 'application/ld+json';
  ld.textContent = JSON.stringify({ '@type': 'NewsArticle', headline: 'Quotes " & <angles> \u00a0 here', author: { name: 'A. <b>Writer</b> & Co' } });
  doc.head.append(ld);
  const article = doc.querySelector('article');
  for (let i = 0; i < 6; i++) {
    const p = doc.createElement('p');
    p.append('Paragraph ' + i + ' has < and > and & and "quotes" and a\u00a0no-break space, ');
    p.append(doc.createTextNode('a second text node beside the first, '));
    p.append('and a third: 1 < 2 && 3 > 2. '.repeat(3));
    p.setAttributeNS(null, 'Data-Up', 'upper " & < > value');
    p.setAttribute('title', 'it is "quoted" & <tagged>');
    article.append(p);
  }
  const img = doc.createElement('img');
  img.setAttribute('src', '/a.png?x=1&y=2');
  img.setAttribute('alt', 'A < B & "C"');
  article.append(img);
  article.append(doc.createElementNS('urn:example', 'x:thing'));
  return bothPaths(doc, 'http://fakehost/test/page.html');
};
document.documentElement.dataset.ready = 'yes';`,
};

let srv;
let browser;

before(async () => {
  if (missing.length) return;
  srv = await serveStatic({ '/pkg/': PKG, '/view/': join(ROOT, 'extension', 'view'), '/shared/': join(ROOT, 'extension', 'shared') }, { pages: PAGES });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

/** The CLI's article (or its error line) for one page's bytes, given on stdin. */
function cliArticle(bytes, url) {
  return new Promise((ok, fail) => {
    const child = execFile(CLI, ['extract', '-', '--url', url, '--format', 'json'], { maxBuffer: 64 << 20, encoding: 'utf8' }, (e, stdout, stderr) => {
      if (!e) ok(JSON.parse(stdout));
      else if (e.code === 3) ok({ error: `NoArticle: ${String(stderr).trim()}` });
      else fail(e);
    });
    child.stdin.end(bytes);
  });
}

/** Why the browser's text differs from the CLI's, by what the source page has. */
function reason(html, cli, web) {
  if (cli.error || web.error) return `no article on one side (cli: ${cli.error ?? 'article'}; browser: ${web.error ?? 'article'})`;
  if (squash(cli.text) === squash(web.text)) return 'whitespace only';
  const head = /<head[\s>]([\s\S]*?)(<\/head>|<body[\s>])/i.exec(html)?.[1] ?? '';
  if (/<noscript/i.test(head)) return '<noscript> in <head> (ends the head early in a scripting-disabled parse)';
  if (/<noscript/i.test(html)) return '<noscript> in the body';
  if (/<(svg|math)[\s>]/i.test(html)) return 'foreign content (SVG/MathML)';
  return 'other';
}

/** Around the first difference, for the report. */
function firstDiff(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const cut = (s) => JSON.stringify(s.slice(Math.max(0, i - 30), i + 50));
  return `at ${i}: cli ${cut(a)} / browser ${cut(b)}`;
}

async function parity(name) {
  const page = await browser.newPage();
  await page.goto(`${srv.origin}/parity.html`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'yes');
  const pages = corpusPages(name === 'mozilla' ? CORPUS : SH_DEV);
  const differ = [];
  const fields = []; // other Article fields that differ on pages whose text is equal
  const walksDiffer = []; // pages where the markup and the web-sys walk give different Articles
  const started = performance.now();
  for (const { id, bytes, url } of pages) {
    const html = decodePage(bytes);
    const [cli, both] = await Promise.all([
      cliArticle(bytes, url),
      page.evaluate(([h, u]) => window.folioExtract(h, u), [html, url]),
    ]);
    const web = both.markup;
    if (!both.walksAgree) walksDiffer.push(id);
    const same = cli.error || web.error ? Boolean(cli.error && web.error) : cli.text === web.text;
    if (same && !cli.error) {
      for (const k of new Set([...Object.keys(cli), ...Object.keys(web)])) {
        if (JSON.stringify(cli[k]) !== JSON.stringify(web[k])) fields.push(`${id}.${k}`);
      }
    }
    if (!same) {
      differ.push({ id, why: reason(html, cli, web), where: cli.text && web.text ? firstDiff(cli.text, web.text) : '' });
    }
  }
  const rate = (pages.length - differ.length) / pages.length;
  console.log(`parity ${name}: ${pages.length - differ.length}/${pages.length} pages with equal text (${(rate * 100).toFixed(1)} %), ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const byReason = new Map();
  for (const d of differ) byReason.set(d.why, [...(byReason.get(d.why) ?? []), d]);
  for (const [why, list] of byReason) {
    console.log(`  ${why}: ${list.length}`);
    for (const d of list) console.log(`    ${d.id} ${d.where}`);
  }
  console.log(`  other fields differing where the text is equal: ${fields.length ? fields.join(', ') : 'none'}`);
  console.log(`  pages where the markup and the web-sys walk differ: ${walksDiffer.length ? walksDiffer.join(', ') : 'none'}`);
  await page.close();
  assert.deepEqual(walksDiffer, [], 'the markup and the web-sys walk give the same Article');
  assert.ok(rate >= PARITY_FLOOR[name], `${name} parity ${rate.toFixed(3)} below the floor ${PARITY_FLOOR[name]}`);
}

test('browser text equals the CLI text on the Mozilla corpus', { skip: missing.join('; ') || false, timeout: 120_000 }, () => parity('mozilla'));

test('browser text equals the CLI text on scrapinghub-dev', { skip: missing.join('; ') || (!existsSync(SH_DEV) && `${SH_DEV} not present`) || false, timeout: 120_000 }, () => parity('scrapinghub-dev'));

test('a document changed by script reads back from its markup as the web-sys walk sees it', { skip: missing.join('; ') || false }, async () => {
  const page = await browser.newPage();
  await page.goto(`${srv.origin}/parity.html`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'yes');
  const { markup, walksAgree } = await page.evaluate(() => window.scriptMadeDocument());
  assert.equal(markup.error, undefined, 'an article');
  // The JSON-LD headline, its white space collapsed by the core.
  assert.equal(markup.title, 'Quotes " & <angles> here');
  assert.match(markup.text, /1 < 2 && 3 > 2/);
  assert.ok(walksAgree, 'the same Article both ways');
  await page.close();
});
