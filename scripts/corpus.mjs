// Reading a corpus folder for the browser-side tools (parity test, browser benchmark):
//   - a folder with truth.jsonl (the shared corpora: `page` paths, `.html.gz` gzipped, `url`);
//   - a folder of <id>/source.html (Mozilla's layout; URL http://fakehost/test/page.html);
//   - a folder of *.html files (samples/; URL http://127.0.0.1/<file>).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const MOZILLA_URL = 'http://fakehost/test/page.html';

/** [{ id, bytes, url }] for every page of `dir`. */
export function corpusPages(dir) {
  if (existsSync(join(dir, 'truth.jsonl'))) {
    return readFileSync(join(dir, 'truth.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => {
      const t = JSON.parse(line);
      const raw = readFileSync(join(dir, t.page));
      return { id: String(t.id).slice(0, 12), bytes: t.page.endsWith('.gz') ? gunzipSync(raw) : raw, url: t.url };
    });
  }
  const dirs = readdirSync(dir).filter((d) => existsSync(join(dir, d, 'source.html'))).sort();
  if (dirs.length) return dirs.map((id) => ({ id, bytes: readFileSync(join(dir, id, 'source.html')), url: MOZILLA_URL }));
  return readdirSync(dir).filter((f) => f.endsWith('.html')).sort()
    .map((f) => ({ id: f, bytes: readFileSync(join(dir, f)), url: `http://127.0.0.1/${f}` }));
}

/** The page's bytes as text, by the CLI's rule (decode_page): valid UTF-8 is UTF-8 (qq declares
 *  gb2312 but is UTF-8), else the charset its <meta> declares, else windows-1252. In the
 *  extension the browser has decoded the live page itself; this feeds both sides the same text. */
export function decodePage(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: the declared charset
  }
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const label = /charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  try {
    return new TextDecoder(label ?? 'windows-1252').decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
