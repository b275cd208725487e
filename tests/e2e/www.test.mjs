// The www/ playground in headless Chromium: a bundled sample renders in the reader pane with the
// extension's reader.js and WASM; the original sits in a sandbox="" frame; pasted HTML is read
// and its scripts do not run; every stage has a time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, chromiumPath } from './helpers.mjs';
import { serveStatic } from '../../scripts/static-server.mjs';

let srv;
let browser;

before(async () => {
  // www/pkg is assembled from extension/pkg (scripts/extension.sh wasm or dist builds it).
  execFileSync(join(ROOT, 'scripts', 'www.sh'), ['build'], { stdio: 'ignore' });
  srv = await serveStatic({ '/': join(ROOT, 'www') });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

test('www/ renders a sample beside its sandboxed original, and reads pasted HTML without running it', { skip: !existsSync(join(ROOT, 'extension', 'pkg', 'folio_bg.wasm')) && 'extension/pkg not built' }, async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${srv.origin}/?sample=code-blog.html`);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'article');
  assert.equal(await page.getAttribute('#original', 'sandbox'), '');
  const reader = page.frame({ url: /\/reader\.html$/ });
  assert.equal(await reader.textContent('#title'), 'Counting words without allocating');
  const body = await reader.textContent('#content');
  assert.ok(body.includes('fn count_words(line: &str) -> usize'), 'the code block is there');
  assert.ok(await reader.$('#content pre code'), 'as pre/code');
  for (const s of ['Recent posts', 'Post comment', 'Archive']) assert.ok(!body.includes(s), `no "${s}"`);
  for (const k of ['parse', 'walk', 'extract', 'render', 'total']) {
    assert.match(await page.textContent(`#t-${k}`), /^\d+(\.\d+)? ms$/, `${k} timed`);
  }
  assert.match(await page.textContent('#meta'), /Ines Valdemar/);

  // The RTL sample: direction and language reach the reader pane.
  await page.selectOption('#sample', 'rtl-library.html');
  await page.waitForFunction(() => document.querySelector('#reader').contentDocument.getElementById('article').dir === 'rtl');

  // Pasted HTML: read, shown in the sandboxed frame, its script never runs.
  const pasted = `<!DOCTYPE html><html><head><title>Pasted note</title>
<script>parent.document.documentElement.dataset.pwned = 'yes'; document.title = 'ran';</script></head>
<body><article><h1>Pasted note</h1>${'<p>This paragraph was pasted into the playground to check that a page given as text is read like a sample, and that its script stays inert. '.repeat(1)}</p>
<p>A second paragraph with enough words in it to count as the body of an article, so that the extractor has something to keep and show in the reader pane.</p>
<p>And a third one, because reader modes like a few paragraphs before they believe a page is an article worth showing.</p>
<img src="x" onerror="parent.document.documentElement.dataset.pwned = 'img'"></article></body></html>`;
  await page.click('#paste-toggle');
  await page.fill('#paste-html', pasted);
  await page.click('#paste-go');
  await page.waitForFunction(() => document.querySelector('#reader').contentDocument.getElementById('title').textContent === 'Pasted note');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.pwned), undefined, 'no script of the page ran');
  assert.ok(await reader.$('#content p'), 'the pasted article is shown');
  assert.deepEqual(errors, []);
  await page.close();
});
