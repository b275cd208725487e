// Background: the toolbar button and the keyboard shortcut toggle reader view in the tab, by
// injecting the content script (which toggles on every injection). activeTab grants the access;
// the extension has no host permissions.
if (typeof importScripts === 'function' && !globalThis.FolioMessages) {
  // Chromium's service worker; Firefox lists these files in background.scripts instead.
  importScripts('shared/messages.js', 'shared/defaults.js');
}

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const M = globalThis.FolioMessages;
  const CONTENT_FILES = ['shared/messages.js', 'shared/defaults.js', 'shared/snapshot.js', 'content/content.js'];

  // Chromium grants activeTab on the click, but the grant reaches the page's renderer on its own
  // channel: an injection sent within about a second of the page's load can arrive first and be
  // refused ("Cannot access contents of the page"), measured here in roughly one click in five
  // made right after load. The grant stays valid until the tab navigates, so the injection is
  // tried again a few times before the button reports that the page cannot be opened. The first
  // retries come soon: the grant is usually there a few milliseconds later, and every
  // millisecond here is one more before the view opens.
  const INJECT_RETRY_DELAYS_MS = [10, 20, 40, 80, 160, 400, 800];

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function inject(tabId) {
    for (let attempt = 0; ; attempt++) {
      try {
        await api.scripting.executeScript({ target: { tabId }, files: CONTENT_FILES });
        return;
      } catch (e) {
        if (attempt >= INJECT_RETRY_DELAYS_MS.length || !/cannot access contents of the page/i.test(e.message)) throw e;
        await sleep(INJECT_RETRY_DELAYS_MS[attempt]);
      }
    }
  }

  async function toggle(tab) {
    if (!tab || tab.id === undefined || tab.id < 0) return;
    try {
      await inject(tab.id);
    } catch (e) {
      // Pages extensions may not touch (browser settings, the web stores, PDF viewers).
      await api.action.setTitle({ tabId: tab.id, title: `Folio can't open this page: ${e.message}` });
    }
  }

  api.action.onClicked.addListener(toggle);
  api.commands.onCommand.addListener(async (command, tab) => {
    if (command !== M.COMMAND_TOGGLE) return;
    const target = tab ?? (await api.tabs.query({ active: true, currentWindow: true }))[0];
    await toggle(target);
  });
})();
