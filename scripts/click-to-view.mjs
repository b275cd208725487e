// Click-to-view for the browser benchmark: from the toolbar click to the reader view's first
// paint with the article, in the built extension (dist/chromium), over pages served on
// 127.0.0.1. Chromium is driven over a bare DevTools pipe (scripts/cdp-pipe.mjs), which attaches
// to the page only while it loads and to the view frame only after it has painted, so no
// debugger holds the frame while it starts, as none does in a person's browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, DIST } from '../tests/e2e/helpers.mjs';
import { launchWithPipe } from './cdp-pipe.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `every` ms until it returns a value other than undefined, or `timeout` ms pass. */
async function poll(probe, { every = 25, timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(every);
  }
  return undefined;
}

/**
 * Opens each of `paths` (relative to `origin`) `rounds` times in a new tab, clicks the toolbar
 * button and reads the view's timing (view.js finish()). Returns { wall, timings, missed }:
 * wall[i] is from just before the click command to the view's first paint (epoch ms on both
 * sides), timings[i] the view's own stage record; a click that shows no view in 5 s is missed.
 */
export async function clickToView(origin, paths, rounds, ext = join(DIST, 'chromium')) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'folio-click-'));
  const browser = launchWithPipe(chromiumPath(), [
    ...chromiumArgs(ext, origin),
    `--user-data-dir=${userDataDir}`,
    '--window-size=1200,900',
    'about:blank',
  ]);
  const targets = new Map();
  browser.on((msg) => {
    if (msg.method === 'Target.targetCreated' || msg.method === 'Target.targetInfoChanged') {
      targets.set(msg.params.targetInfo.targetId, msg.params.targetInfo);
    } else if (msg.method === 'Target.targetDestroyed') {
      targets.delete(msg.params.targetId);
    }
  });

  /** Evaluates `expression` in `targetId` through a session opened for it alone; undefined
   *  when the target does not answer within 3 s. */
  async function evaluate(targetId, expression) {
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
    try {
      const answer = browser.send('Runtime.evaluate', { expression, returnByValue: true }, sessionId);
      const reply = await Promise.race([answer, sleep(3000)]);
      return reply?.result?.value;
    } finally {
      await browser.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    }
  }

  /** Opens `url` in a new tab and waits for its load event (15 s at most), dismissing the
   *  dialogs its scripts open on the way (alert() in a corpus page would otherwise hold it, as
   *  Playwright dismisses them by default). The page's session is closed again before the click. */
  async function openPage(url) {
    const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
    let loaded;
    const done = new Promise((resolve) => (loaded = resolve));
    const stop = browser.on((msg) => {
      if (msg.sessionId !== sessionId) return;
      if (msg.method === 'Page.loadEventFired') loaded();
      if (msg.method === 'Page.javascriptDialogOpening') {
        browser.send('Page.handleJavaScriptDialog', { accept: false }, sessionId).catch(() => {});
      }
    });
    try {
      await browser.send('Page.enable', {}, sessionId);
      await browser.send('Page.navigate', { url }, sessionId);
      await Promise.race([done, sleep(15_000)]);
      await browser.send('Page.disable', {}, sessionId).catch(() => {});
    } finally {
      stop();
      await browser.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    }
    return targetId;
  }

  const wall = [];
  const timings = [];
  let missed = 0;
  try {
    await browser.send('Target.setDiscoverTargets', { discover: true });
    const worker = await poll(() => [...targets.values()].find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://')));
    if (!worker) throw new Error('the extension service worker never started');
    const extensionId = new URL(worker.url).host;
    // As in the e2e tests: a click before background.js has added its listener is dropped.
    const listening = await poll(async () => ((await evaluate(worker.targetId, 'chrome.action.onClicked.hasListeners()').catch(() => false)) ? true : undefined));
    if (!listening) throw new Error('the extension service worker never added its toolbar listener');
    const viewPrefix = `chrome-extension://${extensionId}/view/view.html`;

    for (let round = 0; round < rounds; round++) {
      for (const path of paths) {
        const targetId = await openPage(`${origin}/${path}`);
        await sleep(50);
        // Extensions.triggerAction wants the tab target that holds the page.
        const { targetInfos } = await browser.send('Target.getTargets', { filter: [{ type: 'tab' }] });
        const tab = targetInfos.find((t) => t.url === targets.get(targetId)?.url) ?? { targetId };
        // Only a view frame made by this click counts (the last page's may not be gone yet).
        const before = new Set(targets.keys());
        const clickedAt = Date.now();
        await browser.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
        // Leave the frame alone while it starts; then read its record once it has one.
        await sleep(400);
        const timing = await poll(async () => {
          const frame = [...targets.values()].find((t) => t.type === 'iframe' && t.url.startsWith(viewPrefix) && !before.has(t.targetId));
          if (!frame) return undefined;
          const text = await evaluate(frame.targetId, 'document.documentElement.dataset.timing').catch(() => undefined);
          return text ? JSON.parse(text) : undefined;
        }, { timeout: 5000 });
        if (timing && Number.isFinite(timing.paintedAt)) {
          wall.push(timing.paintedAt - clickedAt);
          timings.push(timing);
        } else {
          missed++;
        }
        await browser.send('Target.closeTarget', { targetId });
        await poll(() => (targets.has(targetId) ? undefined : true), { timeout: 2000 });
      }
    }
  } finally {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  return { wall, timings, missed };
}
