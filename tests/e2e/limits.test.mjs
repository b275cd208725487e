// A page beyond the extension's size limit gets a clear message instead of a frozen tab. The
// limit (extension/shared/defaults.js, maxSnapshotChars: 60 million, counted in UTF-16 units of
// the page's markup, shared/snapshot.js) is scaled down
// for the test: a copy of dist/chromium with the limit set to 5,000 units is loaded, so an
// ordinary sample page stands in for a huge one and the same code path runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, startServer, launchChromium, clickAction, viewFrame, viewGone } from './helpers.mjs';

const LIMIT = 5_000;
let srv;
let browser;
let ext;

before(async () => {
  ext = mkdtempSync(join(tmpdir(), 'folio-limits-'));
  cpSync(join(DIST, 'chromium'), ext, { recursive: true });
  const defaults = join(ext, 'shared', 'defaults.js');
  const source = readFileSync(defaults, 'utf8');
  const scaled = source.replace(/maxSnapshotChars:\s*[\d_]+/, `maxSnapshotChars: ${LIMIT}`);
  assert.notEqual(scaled, source, 'the limit is found in defaults.js');
  writeFileSync(defaults, scaled);
  srv = await startServer();
  browser = await launchChromium(srv.origin, ext);
});

after(async () => {
  await browser?.close();
  await srv?.close();
  if (ext) rmSync(ext, { recursive: true, force: true });
});

test('a page over the size limit gets a plain message, and the page stays as it was', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${srv.origin}/harbor-news.html`, { waitUntil: 'load' });
  // The page's size as the content script counts it, by the extension's own snapshot.
  const snapshot = readFileSync(join(ext, 'shared', 'snapshot.js'), 'utf8');
  const size = await page.evaluate((src) => {
    const scope = {};
    new Function('globalThis', src)(scope);
    return scope.FolioSnapshot.markupOf(document).length;
  }, snapshot);
  assert.ok(size > LIMIT, `the sample (${size} units of markup) is over the scaled limit`);
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  await clickAction(browser.context, browser.extensionId, page);
  const frame = await viewFrame(page, browser.extensionId);
  await frame.waitForFunction(() => document.documentElement.dataset.state === 'notice', null, { timeout: 15_000 });
  const notice = await frame.evaluate(() => document.body.innerText);
  assert.match(notice, /too large for reader view/i);
  assert.ok(!notice.includes('More than two years after a winter storm'), 'no article text was read');
  await clickAction(browser.context, browser.extensionId, page);
  for (let i = 0; i < 200 && !viewGone(page, browser.extensionId); i++) await page.waitForTimeout(10);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before, 'same DOM');
  await page.close();
});
