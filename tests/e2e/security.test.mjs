// Security and page safety in headless Chromium (issue 5, the browser side):
// - the built manifests ask for no host permissions and keep a strict CSP on extension pages;
// - every hostile page of tests/hostile/ opened in the reader view runs nothing: its payloads are
//   rewritten into tripwires that would count in the page or in the view, no dialog opens, the
//   page does not navigate, and no request leaves for a host the page does not name;
// - opening and closing the view 20 times leaves the page's DOM, scroll, form input and its own
//   event listeners as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, DIST, startServer, launchChromium, clickAction, viewGone, openView } from './helpers.mjs';

const HOSTILE = join(ROOT, 'tests', 'hostile');
const BROWSER_OWN = /(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)(:\d+)?\b/;
const TRIP = '(top.__folioTripped=(top.__folioTripped||0)+1)';

/** A hostile page whose payloads trip a counter instead of alerting, and whose own scripts are
 *  switched off by its CSP: whatever counts must have been run by the extension. */
function armed(html) {
  const tripped = html.replace(/\b(alert|confirm|prompt)\s*\(/g, `${TRIP};void(`);
  const csp = '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">';
  return /<head[^>]*>/i.test(tripped) ? tripped.replace(/<head[^>]*>/i, (m) => `${m}${csp}`) : `${csp}${tripped}`;
}

const pages = Object.fromEntries(
  readdirSync(HOSTILE)
    .filter((f) => f.endsWith('.html'))
    .map((f) => [`/hostile/${f}`, armed(readFileSync(join(HOSTILE, f), 'utf8'))]),
);

// A control: the same rewriting without the CSP, so that the payload does run in the page. It
// shows the tripwire counts when a payload runs (the test above could not fail otherwise).
const CONTROL = '<html><body><p>control</p><img src="/missing.png" onerror="alert(1)"></body></html>'
  .replace(/\b(alert|confirm|prompt)\s*\(/g, `${TRIP};void(`);

let srv;
let browser;

const openViewFor = (page) => openView(browser.context, browser.extensionId, page);

before(async () => {
  srv = await startServer({ ...pages, '/control.html': CONTROL });
  browser = await launchChromium(srv.origin);
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

test('the manifests ask for no host permissions and keep a strict CSP', () => {
  for (const b of ['chromium', 'firefox']) {
    const m = JSON.parse(readFileSync(join(DIST, b, 'manifest.json'), 'utf8'));
    assert.deepEqual([...m.permissions].sort(), ['activeTab', 'scripting', 'storage'], `${b}: permissions`);
    assert.equal(m.host_permissions, undefined, `${b}: no host_permissions`);
    assert.equal(m.optional_host_permissions, undefined, `${b}: no optional host permissions`);
    assert.equal(m.content_scripts, undefined, `${b}: no content script on every page`);
    const csp = Object.fromEntries(
      m.content_security_policy.extension_pages.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]),
    );
    assert.deepEqual(csp['script-src'], ["'self'", "'wasm-unsafe-eval'"], `${b}: script-src`);
    assert.deepEqual(csp['object-src'], ["'none'"], `${b}: object-src`);
    assert.deepEqual(csp['frame-src'], ["'none'"], `${b}: frame-src`);
    assert.deepEqual(csp['base-uri'], ["'none'"], `${b}: base-uri`);
    assert.ok(!m.content_security_policy.extension_pages.includes('unsafe-inline') || csp['script-src'].every((s) => s !== "'unsafe-inline'"), `${b}: no inline script`);
    const war = m.web_accessible_resources.flatMap((r) => r.resources);
    assert.deepEqual(war, ['view/view.html'], `${b}: only the view is web-accessible`);
  }
});

test('hostile pages run nothing in the page or the view', async () => {
  const control = await browser.context.newPage();
  await control.goto(`${srv.origin}/control.html`, { waitUntil: 'load' });
  await control.waitForFunction(() => window.__folioTripped === 1, null, { timeout: 5_000 });
  await control.close();
  const dialogs = [];
  for (const path of Object.keys(pages)) {
    const page = await browser.context.newPage();
    page.on('dialog', (d) => { dialogs.push(`${path}: ${d.message()}`); d.dismiss().catch(() => {}); });
    const foreignBefore = srv.foreign.length;
    await page.goto(`${srv.origin}${path}`, { waitUntil: 'load' });
    const url = page.url();
    const frame = await openViewFor(page);
    await frame.waitForFunction(() => ['article', 'notice'].includes(document.documentElement.dataset.state), null, { timeout: 15_000 }).catch(() => {});
    await page.waitForTimeout(300); // let any image error or timer fire
    assert.equal(await page.evaluate(() => window.__folioTripped), undefined, `${path}: page-side tripwire`);
    assert.equal(await frame.evaluate(() => window.__folioTripped), undefined, `${path}: view-side tripwire`);
    assert.equal(page.url(), url, `${path}: no navigation`);
    if (path.endsWith('/late-payloads.html')) {
      // Its payloads come after the first screen: they must have gone through the second step.
      const later = await frame.evaluate(() => JSON.parse(document.documentElement.dataset.timing || '{}').laterNodes);
      assert.ok(later > 0, `${path}: the rest of the article was shown after the first paint (laterNodes ${later})`);
    }
    const html = pages[path];
    for (const r of srv.foreign.slice(foreignBefore)) {
      if (BROWSER_OWN.test(r)) continue;
      const host = r.replace(/^(CONNECT |[A-Z]+ https?:\/\/)/, '').replace(/[:/].*$/, '');
      assert.ok(html.includes(host), `${path}: request to ${r}, a host the page does not name`);
    }
    await clickAction(browser.context, browser.extensionId, page);
    for (let i = 0; i < 200 && !viewGone(page, browser.extensionId); i++) await page.waitForTimeout(10);
    await page.close();
  }
  assert.deepEqual(dialogs, [], 'no dialog opened');
});

test('20 openings and closings in a row leave the page working', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${srv.origin}/harbor-news.html`, { waitUntil: 'load' });
  await page.fill('#feedback-input', 'Still here after twenty');
  await page.click('#like-button');
  await page.evaluate(() => window.scrollTo(0, 800));
  await page.waitForTimeout(50);
  const before = await page.evaluate(() => ({ html: document.documentElement.outerHTML, y: window.scrollY }));
  for (let i = 0; i < 20; i++) {
    await openViewFor(page);
    await clickAction(browser.context, browser.extensionId, page);
    for (let k = 0; k < 200 && !viewGone(page, browser.extensionId); k++) await page.waitForTimeout(10);
    assert.ok(viewGone(page, browser.extensionId), `round ${i + 1}: view closed`);
  }
  const afterAll = await page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    y: window.scrollY,
    input: document.getElementById('feedback-input').value,
  }));
  assert.equal(afterAll.html, before.html, 'same DOM');
  assert.equal(afterAll.y, before.y, 'same scroll');
  assert.equal(afterAll.input, 'Still here after twenty', 'typed text survives');
  await page.click('#like-button');
  assert.equal(await page.textContent('#like-count'), '2', "the page's own click listener still counts");
  await page.close();
});
