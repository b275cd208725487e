// Firefox smoke test: headless firefox-esr driven by puppeteer-core over WebDriver BiDi installs
// dist/firefox as a temporary add-on and shows the reader view on the sample page.
//
// WebDriver cannot press a toolbar button, so the test page plays the content script's part: it
// frames view/view.html (a web-accessible resource; the add-on's internal UUID is pinned by a
// pref) and hands it the snapshot over the same CONNECT/SNAPSHOT messages, made by the same
// shared/snapshot.js from a DOMParser document. This exercises what is browser-specific: the
// manifest, the extension-page CSP, Firefox's serialization of the page, the WASM in the frame,
// rendering. The toolbar/content-script path is covered in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, startServer } from './helpers.mjs';

const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
const ADDON_ID = 'folio@reader-mode';
const UUID = '5b8f6a2e-3c1d-4e7a-9f10-2a4b6c8d0e12';
const M = Object.fromEntries(
  [...readFileSync(join(DIST, 'firefox', 'shared', 'messages.js'), 'utf8').matchAll(/(\w+): '([^']+)'/g)].map((m) => [m[1], m[2]]),
);

const HOST_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>host</title></head>
<body style="margin:0"><iframe id="view" style="display:block;width:100vw;height:100vh;border:0"></iframe>
<script src="/snapshot.js"></script><script src="/host.js"></script></body></html>`;
const HOST_JS = `
const token = 'e2e' + Math.random().toString(16).slice(2);
const viewUrl = 'moz-extension://${UUID}/view/view.html';
const frame = document.getElementById('view');
window.folioResult = null;
frame.addEventListener('load', async () => {
  const html = await (await fetch('/harbor-news.html')).text();
  const markup = globalThis.FolioSnapshot.markupOf(new DOMParser().parseFromString(html, 'text/html'));
  const channel = new MessageChannel();
  channel.port1.onmessage = (e) => { window.folioResult = e.data; };
  frame.contentWindow.postMessage({ type: '${M.CONNECT}', token }, new URL(viewUrl).origin, [channel.port2]);
  channel.port1.postMessage({ type: '${M.SNAPSHOT}', markup, url: location.origin + '/harbor-news.html',
    title: 'The Lantern Bay Courier', clickedAt: performance.timeOrigin + performance.now() });
}, { once: true });
frame.src = viewUrl + '#' + token;
`;

let srv;
let browser;

before(async () => {
  const snapshotJs = readFileSync(join(DIST, 'firefox', 'shared', 'snapshot.js'), 'utf8');
  srv = await startServer({ '/host.html': HOST_PAGE, '/host.js': HOST_JS, '/snapshot.js': snapshotJs });
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

test('Firefox: the add-on installs and its reader view shows the sample article', { skip: !existsSync(FIREFOX) && 'firefox-esr not installed' }, async () => {
  const puppeteer = await import('puppeteer-core');
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      'browser.shell.checkDefaultBrowser': false,
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
      'extensions.getAddons.cache.enabled': false,
    },
  });
  const id = await browser.installExtension(join(DIST, 'firefox'));
  assert.equal(id, ADDON_ID);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${srv.origin}/host.html`);
  await page.waitForFunction(() => window.folioResult !== null, { timeout: 20_000 });
  const result = await page.evaluate(() => window.folioResult);
  assert.equal(result.type, M.RENDERED);
  assert.equal(result.ok, true, 'the view rendered an article');
  console.log(`Firefox view timing ${JSON.stringify(result.timing)}`);
  if (process.env.FOLIO_SCREENSHOT) await page.screenshot({ path: process.env.FOLIO_SCREENSHOT });
  assert.deepEqual(errors, []);
});
