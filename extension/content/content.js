// Content script: injected by the background on every toggle (click or shortcut). The first
// injection in a document creates the reader; each injection opens or closes it.
//
// It shows the reader view frame (an extension page, where the WASM may run whatever the page's
// CSP) over the page and, while the frame loads, snapshots the live page: its DOM as the person
// sees it, after the page's scripts ran, as the browser serializes it (shared/snapshot.js: one
// string, written in C++; the view's WASM reads it back without an HTML parser); plus the URL
// and title. The page's DOM is never changed, except for the overlay's own
// host element; while the view is open an adopted stylesheet hides the page's scrollbar. Both
// are undone exactly on close, and the scroll position is put back.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const M = globalThis.FolioMessages;
  const D = globalThis.FolioDefaults;
  const S = globalThis.FolioSnapshot;

  if (!globalThis.__folioReader) globalThis.__folioReader = createReader();
  globalThis.__folioReader.toggle();

  function createReader() {
    /** The open view: null when closed. */
    let open = null;

    /** The page as the view needs it; `overlay` (the reader's own host element) is left out. */
    function snapshot(clickedAt, overlay) {
      const started = performance.now();
      let markup;
      try {
        markup = S.markupOf(document, overlay);
      } catch {
        // A document that cannot be serialized: the view then says there is no article,
        // instead of waiting for a snapshot that never comes.
        markup = '';
      }
      const snap = { type: M.SNAPSHOT, markup, url: location.href, title: document.title, clickedAt };
      if (markup.length > D.maxSnapshotChars) {
        // Too big to read without freezing the tab: the view says so instead of extracting.
        snap.markup = '';
        snap.tooLarge = true;
      }
      snap.encodeMs = performance.now() - started;
      return snap;
    }

    function randomToken() {
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    }

    function openView() {
      const clickedAt = performance.timeOrigin + performance.now();
      const root = document.documentElement;
      const state = {
        scrollX: window.scrollX,
        scrollY: window.scrollY,
        unlockScroll: null,
        focused: document.activeElement,
        host: document.createElement('div'),
        port: null,
        onKey: null,
        onReady: null,
      };

      // The overlay: a host element with a closed shadow root holding the view frame. Styles are
      // set through the CSSOM (not a <style> element), so a page CSP on styles cannot block them.
      const host = state.host;
      host.style.cssText =
        'all: initial !important; position: fixed !important; inset: 0 !important; ' +
        'width: 100vw !important; height: 100vh !important; z-index: 2147483647 !important; ' +
        'display: block !important; margin: 0 !important; border: 0 !important; ' +
        'background: transparent !important;';
      const shadow = host.attachShadow({ mode: 'closed' });
      const frame = document.createElement('iframe');
      frame.style.cssText =
        'display: block; width: 100%; height: 100%; border: 0; margin: 0; background: transparent;';
      frame.setAttribute('allow', 'clipboard-write');
      frame.setAttribute('title', 'Reader view');
      const token = randomToken();
      const viewUrl = api.runtime.getURL('view/view.html');
      const viewOrigin = new URL(viewUrl).origin;
      let snap = null;

      // The view says READY as soon as its script runs, well before the frame's load event
      // reaches this page (which waits for the frame's whole load and one more hop between
      // processes); whichever comes first connects, once.
      const connect = () => {
        if (state.port || open !== state) return;
        window.removeEventListener('message', state.onReady, true);
        const channel = new MessageChannel();
        state.port = channel.port1;
        channel.port1.onmessage = (e) => onViewMessage(e.data);
        frame.contentWindow.postMessage({ type: M.CONNECT, token }, viewOrigin, [channel.port2]);
        channel.port1.postMessage(snap);
        // Only after the snapshot is posted, and in a task of its own: Blink forwards a
        // postMessage to another process's frame from a task it posts, so work done here held
        // the view's CONNECT until it was over.
        setTimeout(() => {
          if (open === state) frame.focus();
        }, 0);
      };
      // The origin too: before the view loads, the frame holds an initial blank document of the
      // page's own origin, from which a page script could post a READY of its own.
      state.onReady = (e) => {
        if (e.source === frame.contentWindow && e.origin === viewOrigin && e.data && e.data.type === M.READY) connect();
      };
      window.addEventListener('message', state.onReady, true);
      frame.addEventListener('load', connect, { once: true });
      frame.src = `${viewUrl}#${token}`;
      shadow.append(frame);

      root.appendChild(host);
      // The frame loads in its own process meanwhile; its load event comes after this task.
      snap = snapshot(clickedAt, host);

      state.onKey = (e) => {
        if (e.key === 'Escape') closeView();
      };
      window.addEventListener('keydown', state.onKey, true);
      open = state;
    }

    /** Hides the page's scrollbar while the view is open; returns the function that undoes it.
     *  A constructed stylesheet leaves the page's DOM alone; where it cannot be adopted, the
     *  <html> style attribute is changed and later put back exactly as it was. */
    function lockScroll() {
      const root = document.documentElement;
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync('html { overflow: hidden !important; }');
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        return () => {
          document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
        };
      } catch {
        const style = root.getAttribute('style');
        root.style.setProperty('overflow', 'hidden', 'important');
        return () => {
          if (style === null) root.removeAttribute('style');
          else root.setAttribute('style', style);
        };
      }
    }

    function onViewMessage(msg) {
      if (!msg || typeof msg !== 'object') return;
      if (msg.type === M.CLOSE) closeView();
      // The page's scrollbar is hidden once the view has painted, not while it starts: hiding it
      // changes the page's width, and the page's relayout (tens of milliseconds on a heavy page)
      // then competes for the processor with the view's start. Locked here instead of at the
      // connection, 30 mozilla corpus pages x 2 clicks painted 3-23 ms sooner at the median and
      // 11-20 ms at the 95th percentile (three pairs of runs). The view covers the page meanwhile.
      else if (msg.type === M.RENDERED && open && !open.unlockScroll) open.unlockScroll = lockScroll();
    }

    function closeView() {
      const state = open;
      if (!state) return;
      open = null;
      window.removeEventListener('keydown', state.onKey, true);
      window.removeEventListener('message', state.onReady, true);
      if (state.port) state.port.close();
      state.host.remove();
      if (state.unlockScroll) state.unlockScroll();
      window.scrollTo({ left: state.scrollX, top: state.scrollY, behavior: 'instant' });
      const f = state.focused;
      if (f && f !== document.body && f.isConnected && typeof f.focus === 'function') {
        f.focus({ preventScroll: true });
      }
    }

    return {
      toggle() {
        if (open) closeView();
        else openView();
      },
    };
  }
})();
