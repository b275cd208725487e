// The one file of defaults and limits, read by every part (view, content script, background).
// Classic script, safe to run twice: assigns to globalThis.
globalThis.FolioDefaults = Object.freeze({
  /** Reader settings as stored under `storageKey` in extension storage (storage.local). */
  settings: Object.freeze({
    theme: 'auto', // 'auto' follows the system: light or dark
    font: 'serif', // 'serif' | 'sans'
    fontSize: 19, // px
    width: 66, // the measure, in ch of the body font
  }),
  storageKey: 'folio.settings',
  themes: Object.freeze(['auto', 'light', 'sepia', 'dark']),
  fonts: Object.freeze(['serif', 'sans']),
  fontSize: Object.freeze({ min: 14, max: 30, step: 1 }),
  width: Object.freeze({ min: 46, max: 90, step: 4 }),
  /** A page snapshot larger than this (its markup, in UTF-16 units: a 20 MB page is about
   *  20 million) gets a message instead of a frozen tab. */
  maxSnapshotChars: 60_000_000,
  /** Words per minute behind the core's reading time (shown, not recomputed). */
  wordsPerMinute: 230,
});
