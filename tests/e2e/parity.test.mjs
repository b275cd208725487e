// Parity between the browser and the CLI: every page of the shared Mozilla corpus
// (../shared/corpus/mozilla, or $FOLIO_SHARED/corpus/mozilla; skipped when absent) is parsed in
// headless Chromium the way the reader view does it (reader.js `parsePage`, i.e. DOMParser, then
// the document walked in JS by encode.js and extracted by the WASM `extractEncoded`) and its
// `text` is compared
// with `target/release/folio extract source.html --url http://fakehost/test/page.html`.
// The same for the gzipped pages of scrapinghub-dev (fed to the CLI on stdin, with their URL).
// Prints the parity rate and every differing page with a reason; fails below the floor. The
// other Article fields (metadata, content HTML) are compared too and listed. The
// web-sys walk (`extractDocument`) must give exactly the same Article as the JS walk.
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
  '/parity.js': `import init, { extractDocument, extractEncoded } from '/pkg/folio.js';
import { parsePage } from '/view/reader.js';
import '/shared/encode.js';
const { encodeDocument } = globalThis.FolioEncode;
await init();
const attempt = (f) => {
  try {
    return f();
  } catch (e) {
    return { error: \`\${e.name}: \${e.message}\` };
  }
};
// The view's path (the document walked in JS, encoded) and the web-sys walk: both must agree.
window.folioExtract = (html, url) => {
  const doc = parsePage(html);
  const encoded = attempt(() => { const { shape, text } = encodeDocument(doc); return extractEncoded(shape, text, url); });
  const websys = attempt(() => extractDocument(doc, url));
  return { encoded, walksAgree: JSON.stringify(encoded) === JSON.stringify(websys) };
};
// encode.js reads values by name; getAttribute lower-cases a name on an HTML element, so an
// upper-case name a script set with setAttributeNS must still be read as itself (by its Attr),
// also beside a lower-case twin.
window.upperCaseAttribute = () => {
  const doc = parsePage('<p id="a">x</p><p id="b" data-up="lower value">y</p>');
  doc.getElementById('a').setAttributeNS(null, 'Data-Up', 'upper value');
  doc.getElementById('b').setAttributeNS(null, 'Data-Up', 'twin value');
  const pairs = attributePairs(encodeDocument(doc)).map(([n, v]) => n + '=' + v);
  return ['Data-Up=upper value', 'data-up=lower value', 'Data-Up=twin value'].every((s) => pairs.includes(s));
};
/** Every attribute of an encoded document as [name, value], read as src/dom/encoded.rs reads
 *  the encoding: a name is a number, followed by its length the first time. */
function attributePairs({ shape, text }) {
  const names = [];
  const pairs = [];
  let at = 0;
  let pos = 0;
  const take = (len) => text.slice(pos, (pos += len));
  const name = () => {
    const n = shape[at++];
    if (n === names.length) names.push(take(shape[at++]));
    return names[n];
  };
  while (at < shape.length) {
    const code = shape[at++];
    if (code === 1) {
      at++; // namespace
      name();
      const count = shape[at++];
      for (let i = 0; i < count; i++) {
        const n = name();
        pairs.push([n, take(shape[at++])]);
      }
    } else if (code === 2) {
      take(shape[at++]);
    }
  }
  return pairs;
}
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
  const walksDiffer = []; // pages where the JS walk and the web-sys walk give different Articles
  const started = performance.now();
  for (const { id, bytes, url } of pages) {
    const html = decodePage(bytes);
    const [cli, both] = await Promise.all([
      cliArticle(bytes, url),
      page.evaluate(([h, u]) => window.folioExtract(h, u), [html, url]),
    ]);
    const web = both.encoded;
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
  console.log(`  pages where the JS walk and the web-sys walk differ: ${walksDiffer.length ? walksDiffer.join(', ') : 'none'}`);
  await page.close();
  assert.deepEqual(walksDiffer, [], 'the JS walk and the web-sys walk give the same Article');
  assert.ok(rate >= PARITY_FLOOR[name], `${name} parity ${rate.toFixed(3)} below the floor ${PARITY_FLOOR[name]}`);
}

test('browser text equals the CLI text on the Mozilla corpus', { skip: missing.join('; ') || false, timeout: 120_000 }, () => parity('mozilla'));

test('browser text equals the CLI text on scrapinghub-dev', { skip: missing.join('; ') || (!existsSync(SH_DEV) && `${SH_DEV} not present`) || false, timeout: 120_000 }, () => parity('scrapinghub-dev'));

test('the JS walk reads attributes a script set with upper-case names', { skip: missing.join('; ') || false }, async () => {
  const page = await browser.newPage();
  await page.goto(`${srv.origin}/parity.html`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'yes');
  assert.ok(await page.evaluate(() => window.upperCaseAttribute()));
  await page.close();
});
