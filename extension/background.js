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
  const CONTENT_FILES = ['shared/messages.js', 'shared/defaults.js', 'content/content.js'];

  async function toggle(tab) {
    if (!tab || tab.id === undefined || tab.id < 0) return;
    try {
      await api.scripting.executeScript({ target: { tabId: tab.id }, files: CONTENT_FILES });
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
