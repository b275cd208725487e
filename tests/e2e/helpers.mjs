// Shared pieces of the end-to-end tests: the page server (which is also the browsers' HTTP
// proxy, so every request any part of the browser makes is recorded), the pages it serves, and
// launching Chromium with the built extension.
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { extname, join, dirname, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

export const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
export const SAMPLES = join(ROOT, 'samples');
export const DIST = join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

/** A page with nothing to read: a sign-in form. */
const EMPTY_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><form action="/login" method="post"><label>Email <input name="email"></label>
<label>Password <input type="password" name="pw"></label><button>Sign in</button></form></body></html>`;

/**
 * Starts the server on 127.0.0.1. Routes: `/PATH` serves samples/PATH; `/csp/PATH` the same with
 * `Content-Security-Policy: script-src 'self'`; `/empty.html` a page with no article.
 * `extra` maps more paths to HTML. Requests for any other host (proxied) are recorded in `foreign` and refused.
 */
export async function startServer(extra = {}) {
  const requests = [];
  const foreign = [];
  const server = createServer((req, res) => {
    let url;
    try {
      url = new URL(req.url, `http://${req.headers.host}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const own = url.hostname === '127.0.0.1' && Number(url.port) === server.address().port;
    if (!own) {
      foreign.push(`${req.method} ${url.href}`);
      res.writeHead(502).end();
      return;
    }
    requests.push(`${req.method} ${url.pathname}`);
    let path = decodeURIComponent(url.pathname);
    const headers = { 'cache-control': 'no-store' };
    if (path.startsWith('/csp/')) {
      headers['content-security-policy'] = "script-src 'self'";
      path = path.slice(4);
    }
    if (Object.hasOwn(extra, path)) {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] }).end(extra[path]);
      return;
    }
    if (path === '/empty.html') {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] }).end(EMPTY_PAGE);
      return;
    }
    const file = normalize(join(SAMPLES, path));
    if (!file.startsWith(SAMPLES) || !existsSync(file) || path.endsWith('/')) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  // HTTPS through the proxy arrives as CONNECT: record and refuse.
  server.on('connect', (req, socket) => {
    foreign.push(`CONNECT ${req.url}`);
    // The browser may reset the tunnel socket first (a tab closed meanwhile): not an error here.
    socket.on('error', () => {});
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { server, origin, requests, foreign, close: () => new Promise((r) => server.close(r)) };
}

export function chromiumPath() {
  for (const p of [process.env.CHROMIUM_BIN, '/usr/lib/chromium/chromium', '/usr/bin/chromium']) {
    if (p && existsSync(p)) return p;
  }
  throw new Error('chromium not found: apt-get install chromium');
}

/** Chromium's command line for the tests and the benchmark: headless, `ext` loaded, no
 *  background traffic, every request through `proxyOrigin` (loopback too). */
export function chromiumArgs(ext, proxyOrigin) {
  return [
    '--headless=new',
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-client-side-phishing-detection',
    '--disable-domain-reliability',
    '--no-pings',
    '--disable-features=OptimizationHints,AutofillServerCommunication,MediaRouter,Translate,CertificateTransparencyComponentUpdater',
    `--proxy-server=${proxyOrigin}`,
    '--proxy-bypass-list=<-loopback>',
  ];
}

/** Launches headless Chromium with `ext` (default dist/chromium) loaded; all traffic goes through `proxy`. */
export async function launchChromium(proxyOrigin, ext = join(DIST, 'chromium')) {
  const { chromium } = await import('playwright-core');
  if (!existsSync(join(ext, 'manifest.json'))) throw new Error('dist/chromium missing: scripts/wasm.sh dist');
  const userDataDir = mkdtempSync(join(tmpdir(), 'folio-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1200, height: 900 },
    args: chromiumArgs(ext, proxyOrigin),
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
  });
  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  // The worker is reported as soon as it starts, before background.js has added its listeners; on
  // a first install Chromium drops a click that arrives before then (seen as a click without
  // answer). Wait until the button's listener is there, as it is for a person after installing.
  for (let i = 0; ; i++) {
    const ready = await worker.evaluate(() => chrome.action.onClicked.hasListeners()).catch(() => false);
    if (ready) break;
    if (i === 200) throw new Error('the extension service worker never added its toolbar listener');
    await new Promise((r) => setTimeout(r, 25));
  }
  const errors = [];
  worker.on('console', (m) => { if (m.type() === 'error') errors.push(`worker: ${m.text()}`); });
  return {
    context,
    extensionId,
    errors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Clicks the toolbar button for `page` the way a person would (grants activeTab). */
export async function clickAction(context, extensionId, page) {
  // The Extensions domain is only allowed on the browser session, and wants the id of the
  // page's *tab* target (not of the page target), found by the page's target id as its child.
  const pageCdp = await context.newCDPSession(page);
  const { targetInfo } = await pageCdp.send('Target.getTargetInfo');
  await pageCdp.detach();
  const browserCdp = await context.browser().newBrowserCDPSession();
  try {
    const { targetInfos } = await browserCdp.send('Target.getTargets', { filter: [{ type: 'tab' }, { type: 'page' }] });
    if (process.env.FOLIO_DEBUG) console.log(targetInfo, targetInfos);
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === targetInfo.url) ?? targetInfo;
    await browserCdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  } finally {
    await browserCdp.detach();
  }
}

/** The reader view frame in `page`, once it shows the article or its notice. */
export async function viewFrame(page, extensionId, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  const prefix = `chrome-extension://${extensionId}/view/view.html`;
  while (Date.now() < deadline) {
    // A frame that was just removed may still be listed for a moment: try every candidate.
    for (const frame of page.frames().filter((f) => f.url().startsWith(prefix) && !f.isDetached())) {
      const state = await frame.evaluate(() => document.documentElement.dataset.state).catch(() => undefined);
      if (state) return frame;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`reader view did not appear; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
}

/** Whether the view frame is gone from the page. */
export function viewGone(page, extensionId) {
  return !page.frames().some((f) => f.url().startsWith(`chrome-extension://${extensionId}/`));
}

/** Clicks the toolbar button and returns the view frame once it shows the article or its notice. */
export async function openView(context, extensionId, page) {
  await clickAction(context, extensionId, page);
  return viewFrame(page, extensionId);
}
