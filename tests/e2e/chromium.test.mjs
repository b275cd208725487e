// End-to-end in headless Chromium with the built extension (dist/chromium): the toolbar click
// (CDP Extensions.triggerAction) opens the reader view on pages served on 127.0.0.1; toggling
// off gives the page back untouched; exports carry the core's text; nothing leaves the machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SAMPLES, startServer, launchChromium, clickAction, viewFrame, viewGone, openView } from './helpers.mjs';

const SAMPLE = 'harbor-news.html';
const CLI = join(ROOT, 'target', 'release', 'folio');
// Requests Chromium itself makes to its vendor's services, whatever the flags: not ours.
const BROWSER_OWN = /^(CONNECT |[A-Z]+ https?:\/\/)([a-z0-9-]+\.)*(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)(:\d+)?\b/;

let srv;
let browser;
const errors = [];

// Long articles: the view paints the first screen, then shows the rest (renderArticle).
/** [from, from + 1, ..., to] */
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const stage = (i) => `<p>Stage ${i} of the walk: the towpath runs past locks, a boatyard and a row of cottages, and the water is still enough to show the clouds; walkers are asked to keep to the left and to give way to cyclists under the low bridges, where the path narrows.</p>`;
const stages = (from, to) => range(from, to).map(stage).join('\n');
const LONG_PARAGRAPHS = 40;
const LONG_ARTICLE = `<!doctype html><html lang="en"><head><title>A long walk along the canal</title></head><body>
<nav><a href="/">Home</a> <a href="/walks">Walks</a></nav>
<article><h1>A long walk along the canal</h1><p>By Ada Quennell</p>${stages(1, 31)}
<table><tr><th>Lock</th><th>Rise</th></tr><tr><td>Top lock</td><td>2.1 m</td></tr></table><p>See <a href="https://walks.example/map">the map</a>.</p>
${stages(32, LONG_PARAGRAPHS)}</article><footer>Canal Walks Society</footer></body></html>`;
// The same walk as a short standfirst, then one wrapper holding two long sections: the first
// screen's cut falls inside the first section, two levels below the body.
const NESTED_ARTICLE = `<!doctype html><html lang="en"><head><title>A long walk along the canal</title></head><body>
<nav><a href="/">Home</a> <a href="/walks">Walks</a></nav>
<article><h1>A long walk along the canal</h1><div class="standfirst"><p>Forty stages from the basin to the top lock, in one long day, with the locks and the pubs on the way.</p></div>
<div class="story"><section><h2>Morning</h2>${stages(1, 20)}</section><section><h2>Afternoon</h2>${stages(21, LONG_PARAGRAPHS)}</section></div>
</article><footer>Canal Walks Society</footer></body></html>`;

// An introduction, then a list far longer than one step of the rest (see renderArticle), then a
// last paragraph: the list goes in empty and its items follow it in steps.
// The canal walk in Japanese: 40 paragraphs of about 80 characters, each about as wide as two
// Latin letters. By characters the whole walk would nearly fit in the first screen's budget; by
// width, about half of it does.
const CJK_ARTICLE = `<!doctype html><html lang="ja"><head><title>運河沿いの長い散歩</title></head><body>
<nav><a href="/">ホーム</a></nav>
<article><h1>運河沿いの長い散歩</h1>${range(1, LONG_PARAGRAPHS).map((i) => `<p>第${i}区間：運河の引き船道は水門と造船所と小さな家並みのそばを通り、水面は雲を映すほど静かです。歩く人は左側を歩き、道が狭くなる低い橋の下では自転車に道を譲ってください。</p>`).join('\n')}</article>
<footer>運河散歩の会</footer></body></html>`;
const LIST_ITEMS = 400;
const LONG_LIST = `<!doctype html><html lang="en"><head><title>Every lock on the canal</title></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>Every lock on the canal</h1>${range(1, 15).map((i) => `<p>Paragraph ${i} of the introduction: the survey of the canal counted every lock, bridge and mooring between the basin and the summit, and this list gives each of them with a short note on its state.</p>`).join('\n')}
<ol>${range(1, LIST_ITEMS).map((i) => `<li>Item ${i}: a lock or bridge on the canal, with its height, its age and what the survey found about its gates, its walls and the towpath beside it.</li>`).join('\n')}</ol>
<p>The end of the list: the summit pound.</p></article><footer>Canal Walks Society</footer></body></html>`;

// An article with an image that loads and one whose address answers 404.
const MISSING_IMAGE = `<!doctype html><html lang="en"><head><title>The pier at low tide</title></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>The pier at low tide</h1>
<p>At low tide the old pier stands on its legs above the mud, and the mooring rings that the ferry used are within reach of anyone in boots; the council has asked walkers to keep off the lower deck until the survey is done.</p>
<figure><img src="/img/harbor.png" alt="The pier from the beach"><figcaption>The pier from the beach.</figcaption></figure>
<p>The survey found the legs sound and the deck boards worn, and the repairs are to be finished before the summer timetable starts; until then the ferry stops at the temporary landing by the slipway.</p>
<figure><img src="/img/missing.png" alt="The pier at low tide"><figcaption>The deck, seen from below.</figcaption></figure>
<figure><img src="/img/missing.png?2" alt="The slipway"></figure>
<p>Boots are recommended on the beach below the pier, where the mud is soft in places, and the tide comes in faster than most visitors expect; the lifeboat station keeps a tide table at its door.</p>
</article></body></html>`;

// An article whose only date is the line under its headline (no metadata date).
const DATED_ARTICLE = `<!doctype html><html lang="en"><head><title>The ferry timetable changes</title></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>The ferry timetable changes</h1>
<p class="date">February 9, 2016</p>
<p>From Monday the first ferry leaves the harbour at six instead of half past, and the last one waits for the evening train from the city, which the commuters on the island have asked for since the line was electrified.</p>
<p>The winter timetable keeps the hourly crossings at midday, and the council says the extra early sailing will be reviewed after three months, when the passenger counts from the new gates are in.</p>
<p>Tickets bought for the old times stay valid on any crossing of the same day; season tickets are not affected by the change.</p>
</article></body></html>`;

before(async () => {
  srv = await startServer({ '/dated-article.html': DATED_ARTICLE, '/long-article.html': LONG_ARTICLE, '/nested-article.html': NESTED_ARTICLE, '/missing-image.html': MISSING_IMAGE, '/long-list.html': LONG_LIST, '/cjk-article.html': CJK_ARTICLE });
  browser = await launchChromium(srv.origin);
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

async function openPage(path) {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    const url = m.location().url ?? '';
    if (m.type() === 'error' && url.startsWith('chrome-extension://')) {
      errors.push(`${url}: ${m.text()}`);
    }
  });
  await page.goto(`${srv.origin}${path}`, { waitUntil: 'load' });
  return page;
}

async function openTimed(page) {
  const t0 = performance.now();
  const frame = await openView(browser.context, browser.extensionId, page);
  return { frame, wallMs: performance.now() - t0 };
}

async function closeView(page, how = 'click') {
  // Keyboard input routed into the out-of-process view frame hangs now and then in headless
  // Playwright; the Esc paths are exercised with the same keydown event, dispatched.
  const esc = () => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  if (how === 'click') await clickAction(browser.context, browser.extensionId, page);
  else if (how === 'escape-in-view') await (await viewFrame(page, browser.extensionId)).evaluate(esc).catch(() => {}); // the frame goes as it answers
  else if (how === 'escape-in-page') await page.evaluate(esc);
  for (let i = 0; i < 200 && !viewGone(page, browser.extensionId); i++) await page.waitForTimeout(10);
  assert.ok(viewGone(page, browser.extensionId), 'the view frame is removed');
}

/** What the CLI prints for the sample with this URL, when the release CLI is built. */
function cli(url, format) {
  if (!existsSync(CLI)) return null;
  return execFileSync(CLI, ['extract', join(SAMPLES, SAMPLE), '--url', url, '--format', format], { encoding: 'utf8' });
}

const viewText = (frame) => frame.evaluate(() => ({
  title: document.querySelector('.article-title').textContent,
  meta: document.querySelector('.article-meta').textContent,
  body: document.querySelector('.article-body').innerText,
  state: document.documentElement.dataset.state,
  timing: JSON.parse(document.documentElement.dataset.timing || '{}'),
}));

function checkArticle(v) {
  assert.equal(v.state, 'article');
  assert.match(v.title, /Old ferry pier reopens as a tide garden/);
  assert.match(`${v.meta}\n${v.body}`, /Maren Okafor/, 'byline shown');
  for (const s of ['More than two years after a winter storm', 'Callum Ferrier', 'benches made from the salvaged oak', 'before we find out whether it survives']) {
    assert.ok(v.body.includes(s), `body has "${s}"`);
  }
  for (const s of ['Trending', 'Rowing club marks its centenary', 'Most read', 'Seafront parking charges', '4 Quay Street', 'Accept all', 'Get the Courier in your inbox', 'All rights reserved', 'What\'s on']) {
    assert.ok(!v.body.includes(s), `body has no "${s}"`);
  }
}

test('the sample page opens in reader view, and closing it gives the page back untouched', async () => {
  const page = await openPage(`/${SAMPLE}`);
  await page.fill('#feedback-input', 'Lovely terraces, steep ramp');
  await page.click('#like-button');
  await page.evaluate(() => window.scrollTo(0, 1234));
  await page.waitForTimeout(50);
  const before = await page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    x: window.scrollX,
    y: window.scrollY,
    overflow: getComputedStyle(document.documentElement).overflow,
  }));

  const { frame, wallMs } = await openTimed(page);
  const v = await viewText(frame);
  console.log(`click-to-view: ${Math.round(wallMs)} ms wall (test side), view timing ${JSON.stringify(v.timing)}`);
  // The restore checks below run whatever the article looks like; its failure is reported last.
  let articleError = null;
  try {
    checkArticle(v);
  } catch (e) {
    articleError = e;
  }
  // The content script hides the page's scrollbar when the view reports its first paint.
  const overflow = () => page.evaluate(() => getComputedStyle(document.documentElement).overflow);
  for (let i = 0; i < 100 && (await overflow()) !== 'hidden'; i++) await page.waitForTimeout(20);
  assert.equal(await overflow(), 'hidden', 'page scroll hidden');

  await closeView(page, 'click');
  const afterClose = await page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    x: window.scrollX,
    y: window.scrollY,
    overflow: getComputedStyle(document.documentElement).overflow,
    input: document.getElementById('feedback-input').value,
  }));
  if (afterClose.html !== before.html) console.log('html attributes after close:', await page.evaluate(() => Array.from(document.documentElement.attributes, (a) => `${a.name}=${a.value}`)));
  assert.equal(afterClose.html, before.html, 'same DOM');
  assert.equal(afterClose.y, before.y, 'same scroll position');
  assert.equal(afterClose.x, before.x);
  assert.equal(afterClose.overflow, before.overflow, 'page scroll back');
  assert.equal(afterClose.input, 'Lovely terraces, steep ramp', 'typed text survives');
  await page.click('#like-button');
  assert.equal(await page.textContent('#like-count'), '2', "the page's own listeners still work");
  // Clicking scrolled the button into view and changed the count: that is the new baseline.
  Object.assign(before, await page.evaluate(() => ({ html: document.documentElement.outerHTML, y: window.scrollY })));

  // Again, closed with Esc this time: in the view, and in the page (focus may be there).
  for (const how of ['escape-in-view', 'escape-in-page']) {
    await openTimed(page);
    await closeView(page, how);
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before.html, `same DOM after ${how}`);
    assert.equal(await page.evaluate(() => window.scrollY), before.y, `same scroll after ${how}`);
  }
  await page.close();
  if (articleError) throw articleError;
});

/** Opens `path` in the view and returns its state and timing with what `read` (evaluated in the
 *  view once it says it is done) finds there; the view and the page are closed again. */
async function readView(path, read) {
  const page = await openPage(path);
  const { frame } = await openTimed(page);
  const v = await frame.evaluate(() => ({
    state: document.documentElement.dataset.state,
    timing: JSON.parse(document.documentElement.dataset.timing || '{}'),
  }));
  Object.assign(v, await frame.evaluate(read));
  await closeView(page);
  await page.close();
  return v;
}

test('a long article paints its first screen, then shows all of it, scrubbed the same way', async () => {
  const v = await readView('/long-article.html', () => ({
    stages: Array.from(document.querySelectorAll('.article-body p'), (p) => p.textContent.match(/^Stage (\d+) /)?.[1]).filter(Boolean).map(Number),
    wrappedTable: !!document.querySelector('.article-body .table-scroll > table'),
    link: document.querySelector('.article-body a[href="https://walks.example/map"]')?.getAttribute('rel'),
  }));
  assert.equal(v.state, 'article');
  assert.ok(v.timing.laterNodes > 0, `the rest came after the first paint (laterNodes ${v.timing.laterNodes})`);
  assert.deepEqual(v.stages, range(1, LONG_PARAGRAPHS), 'every paragraph, once, in order');
  assert.ok(v.wrappedTable, 'a table in the rest is wrapped for scrolling');
  assert.equal(v.link, 'noopener noreferrer', 'a link in the rest opens apart from the view');
});

test('a long article whose first screen ends inside a section is split there, and comes out whole', async () => {
  const v = await readView('/nested-article.html', () => ({
    sections: Array.from(document.querySelectorAll('.article-body section'), (s) => ({
      heading: s.querySelector('h2')?.textContent,
      stages: Array.from(s.querySelectorAll('p'), (p) => Number(p.textContent.match(/^Stage (\d+) /)?.[1])),
    })),
  }));
  assert.equal(v.state, 'article');
  // Both sections are longer than a screen: before, the cut was only ever made between the
  // body's own blocks, and this page was laid out whole before its first paint.
  assert.ok(v.timing.laterNodes > 0, `the rest came after the first paint (laterNodes ${v.timing.laterNodes})`);
  assert.deepEqual(v.sections, [
    { heading: 'Morning', stages: range(1, 20) },
    { heading: 'Afternoon', stages: range(21, LONG_PARAGRAPHS) },
  ], 'every paragraph once, in order, in its own section');
});

test('a long list after the first screen is shown in steps, every item once, in order, in one list', async () => {
  // The view says 'article' once the whole body is in.
  const v = await readView('/long-list.html', () => ({
    lists: document.querySelectorAll('.article-body ol').length,
    items: Array.from(document.querySelectorAll('.article-body ol > li'), (li) => Number(li.textContent.match(/^Item (\d+):/)?.[1])),
    paragraphs: Array.from(document.querySelectorAll('.article-body p'), (p) => Number(p.textContent.match(/^Paragraph (\d+) /)?.[1]) || p.textContent),
    last: document.querySelector('.article-body ol').nextElementSibling?.textContent,
  }));
  assert.equal(v.state, 'article');
  assert.ok(v.timing.laterNodes > 0, `the rest came after the first paint (laterNodes ${v.timing.laterNodes})`);
  assert.equal(v.lists, 1, 'one list');
  assert.deepEqual(v.items, range(1, LIST_ITEMS), 'every item once, in order');
  assert.deepEqual(v.paragraphs, [...range(1, 15), 'The end of the list: the summit pound.'], 'the paragraphs in order');
  assert.equal(v.last, 'The end of the list: the summit pound.', 'the last paragraph after the list');
});

test('a Chinese or Japanese first screen is measured by width: about half the characters of a Latin one', async () => {
  const v = await readView('/cjk-article.html', () => ({
    sections: Array.from(document.querySelectorAll('.article-body p'), (p) => Number(p.textContent.match(/^第(\d+)区間/)?.[1])),
  }));
  assert.equal(v.state, 'article');
  assert.deepEqual(v.sections, range(1, LONG_PARAGRAPHS), 'every paragraph once, in order');
  // Each paragraph set aside is two nodes (it and the line break after it). Counted by
  // characters, the first screen held 35 of the 40 paragraphs (laterNodes 10).
  assert.ok(v.timing.laterNodes >= 2 * 15, `at least 15 paragraphs came after the first paint (laterNodes ${v.timing.laterNodes})`);
});

test('a page whose CSP forbids WASM (script-src \'self\') opens too', async () => {
  const page = await openPage(`/csp/${SAMPLE}`);
  const { frame } = await openTimed(page);
  checkArticle(await viewText(frame));
  await closeView(page);
  await page.close();
});

test('exports: .txt and .md as the CLI prints them, a standalone .html, copy, print', async () => {
  const page = await openPage(`/${SAMPLE}`);
  const url = page.url();
  const { frame } = await openTimed(page);

  async function exportFile(kind) {
    await frame.click('#export-toggle');
    const [download] = await Promise.all([page.waitForEvent('download'), frame.click(`[data-export="${kind}"]`)]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  }

  const txt = await exportFile('txt');
  assert.match(txt.name, /^old-ferry-pier-reopens.*\.txt$/);
  assert.ok(txt.text.includes('Callum Ferrier'));
  const cliText = cli(url, 'text');
  if (cliText !== null) assert.equal(txt.text, cliText, '.txt equals `folio extract --format text`');
  else console.log('target/release/folio not built: .txt not compared with the CLI');

  const md = await exportFile('md');
  assert.match(md.name, /\.md$/);
  const cliMd = cli(url, 'markdown');
  if (cliMd !== null) assert.equal(md.text, cliMd, '.md equals `folio extract --format markdown`');

  const html = await exportFile('html');
  assert.match(html.name, /\.html$/);
  assert.match(html.text, /^<!DOCTYPE html>/);
  assert.match(html.text, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  assert.match(html.text, /<title>Old ferry pier reopens/);
  assert.ok(html.text.includes('Callum Ferrier'));
  assert.ok(!/<script/i.test(html.text), 'no script in the exported page');
  assert.ok(/<style>/.test(html.text) && /\.article-body/.test(html.text), 'inline CSS');

  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `chrome-extension://${browser.extensionId}` }).catch(() => {});
  await frame.click('#export-toggle');
  await frame.click('[data-export="copy"]');
  await frame.waitForSelector('#toast:not([hidden])');
  assert.equal(await frame.textContent('#toast'), 'Text copied');
  const copied = await frame.evaluate(() => navigator.clipboard.readText()).catch(() => null);
  if (copied !== null) assert.equal(copied, txt.text.trimEnd());

  await frame.evaluate(() => { window.print = () => { document.documentElement.dataset.printed = 'yes'; }; });
  await frame.click('#export-toggle');
  await frame.click('[data-export="print"]');
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.printed), 'yes');

  await closeView(page);
  await page.close();
});

test('an image that fails to load is hidden in the view, and kept in the exported page', async () => {
  const page = await openPage('/missing-image.html');
  const { frame } = await openTimed(page);
  await frame.waitForFunction(() => document.querySelectorAll('.article-body img[data-folio-failed]').length === 2, null, { timeout: 5_000 });
  const shown = await frame.evaluate(() => Array.from(document.querySelectorAll('.article-body img'), (img) => ({
    src: img.getAttribute('src').replace(/^.*\//, ''),
    display: getComputedStyle(img).display,
    caption: img.closest('figure')?.querySelector('figcaption')?.textContent,
  })));
  assert.deepEqual(shown, [
    { src: 'harbor.png', display: 'block', caption: 'The pier from the beach.' },
    { src: 'missing.png', display: 'none', caption: 'The deck, seen from below.' },
    { src: 'missing.png?2', display: 'none', caption: undefined },
  ]);
  const figures = await frame.evaluate(() => Array.from(document.querySelectorAll('.article-body figure'), (f) => getComputedStyle(f).display));
  assert.deepEqual(figures, ['block', 'block', 'none'], 'a figure left with nothing to show is hidden; one with a caption stays');
  await frame.click('#export-toggle');
  const [download] = await Promise.all([page.waitForEvent('download'), frame.click('[data-export="html"]')]);
  const html = readFileSync(await download.path(), 'utf8');
  const body = html.slice(html.indexOf('<div class="article-body">'));
  assert.ok(body.includes('missing.png'), 'the image is in the exported page, where it may yet load');
  assert.ok(!body.includes('data-folio-failed'), "the view's mark is not");
  await closeView(page);
  await page.close();
});

test('a date line under the headline becomes the date under the title, and is not shown twice', async () => {
  const page = await openPage('/dated-article.html');
  const { frame } = await openTimed(page);
  assert.equal(await frame.getAttribute('#meta time.date', 'datetime'), '2016-02-09');
  const shown = await frame.evaluate(() => Array.from(document.querySelectorAll('.article-body p'), (p) => [p.textContent.trim().slice(0, 20), getComputedStyle(p).display]));
  assert.deepEqual(shown.slice(0, 2), [['February 9, 2016', 'none'], ['From Monday the firs', 'block']]);
  await closeView(page);
  await page.close();
});

test('settings are remembered; a page with no article gets a plain message', async () => {
  let page = await openPage(`/${SAMPLE}`);
  let { frame } = await openTimed(page);
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'auto');
  await frame.click('#settings-toggle');
  await frame.click('[data-theme-choice="sepia"]');
  await frame.click('[data-font-choice="sans"]');
  await frame.click('#size-up');
  await closeView(page);
  ({ frame } = await openTimed(page));
  assert.deepEqual(await frame.evaluate(() => [document.documentElement.dataset.theme, document.documentElement.dataset.font,
    document.documentElement.style.getPropertyValue('--font-size')]), ['sepia', 'sans', '20px']);
  await frame.click('#settings-toggle');
  await frame.click('[data-theme-choice="auto"]');
  await frame.click('[data-font-choice="serif"]');
  await frame.click('#size-down');
  await closeView(page);
  await page.close();

  page = await openPage('/empty.html');
  ({ frame } = await openTimed(page));
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.state), 'notice');
  assert.match(await frame.textContent('#notice-title'), /No article/);
  // The frame goes away as the click lands: click from inside rather than wait on it.
  await frame.evaluate(() => document.getElementById('notice-close').click()).catch(() => {});
  for (let i = 0; i < 200 && !viewGone(page, browser.extensionId); i++) await page.waitForTimeout(10);
  assert.ok(viewGone(page, browser.extensionId));
  await page.close();
});

test('the extension logged no errors and sent nothing anywhere', () => {
  assert.deepEqual([...errors, ...browser.errors], []);
  const foreign = srv.foreign.filter((r) => !BROWSER_OWN.test(r));
  assert.deepEqual(foreign, [], 'no request left for another host');
  const allowed = /^GET \/(csp\/)?(harbor-news\.html|js\/site\.js|img\/harbor\.png|favicon\.ico)$|^GET \/(empty|long-article|nested-article|missing-image|long-list|cjk-article|dated-article)\.html$|^GET \/img\/missing\.png(\?2)?$/;
  assert.deepEqual(srv.requests.filter((r) => !allowed.test(r)), [], 'only the pages and what they reference');
});
