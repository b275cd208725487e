// The one table of messages between Folio's parts. Every part loads this file first and refers to
// messages only through it. Classic script, safe to run twice (content scripts are re-injected on
// every toggle), so it assigns to globalThis instead of declaring top-level names.
//
// Route: background → content (scripting.executeScript, no message); view → content READY;
// content ⇄ view over a MessageChannel whose port the content script hands to the view frame in
// CONNECT.
globalThis.FolioMessages = Object.freeze({
  /** The commands-API name of the keyboard shortcut (manifest `commands`). */
  COMMAND_TOGGLE: 'toggle-reader',

  /** content → view, window.postMessage to the frame, with the port transferred.
   *  { type, token } — token is the random one the content script put in the frame's URL hash,
   *  so a page script cannot pose as the content script. */
  CONNECT: 'folio:connect',

  /** view → parent window, window.postMessage to any origin. { type } — the view's script is
   *  running and listening for CONNECT. It carries nothing secret: the content script answers
   *  only a READY whose source and origin are its own frame's, and the frame's load event stays
   *  the fallback (when a page's listener swallows the message, say). */
  READY: 'folio:ready',

  /** content → view (port). { type, markup, url, title, clickedAt, encodeMs, tooLarge? } —
   *  the page snapshot: the live DOM after the page's scripts ran, serialized by
   *  shared/snapshot.js (markup: string). clickedAt is an epoch time in ms
   *  (performance.timeOrigin + now) taken when the content script started. */
  SNAPSHOT: 'folio:snapshot',

  /** view → content (port). { type, ok, timing } — the view has painted the article (ok) or its
   *  message (no article). timing: stage durations in ms. */
  RENDERED: 'folio:rendered',

  /** view → content (port). { type } — the person closed the view (Esc, close button). */
  CLOSE: 'folio:close',
});
