// Writes a browser's manifest from the one source (extension/manifest.json), applying that
// browser's differences. Usage: node scripts/manifest.mjs chromium|firefox SOURCE OUT
import { readFileSync, writeFileSync } from 'node:fs';

const [browser, source, out] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(source, 'utf8'));

/** Per-browser differences, the only place they live. */
const PATCHES = {
  chromium(m) {
    return m;
  },
  firefox(m) {
    // Firefox runs MV3 backgrounds as event pages: it wants `scripts`, and web-ext lint warns
    // about a service_worker it would ignore.
    m.background = { scripts: ['shared/messages.js', 'shared/defaults.js', 'background.js'] };
    m.browser_specific_settings = {
      gecko: {
        id: 'folio@reader-mode',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
    return m;
  },
};

if (!PATCHES[browser]) {
  console.error(`unknown browser ${browser}; one of ${Object.keys(PATCHES).join(', ')}`);
  process.exit(2);
}
writeFileSync(out, JSON.stringify(PATCHES[browser](manifest), null, 2) + '\n');
