// Starts the reads the popup's first paint needs while the page and its modules are still
// loading: a classic script, run as soon as the parser meets it, long before the first module.
// popup.js takes the answer from `globalThis.popupReads`: `[tabId, { lang }, session]`, where
// session holds what the background kept of the tab — its record (`tab:N`, platform.js
// `tabKey`), the record's view (`view:N`, `viewKey`) — and the managed settings (`managed`,
// settings.js `MANAGED_KEY`).
'use strict';

globalThis.popupReads = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  // The tab to explain: `?tab=N` (tests, links from other pages) or the active tab.
  const param = new URLSearchParams(location.search).get('tab');
  const tab =
    param !== null
      ? Promise.resolve(Number(param))
      : api.tabs.query({ active: true, currentWindow: true }).then(([t]) => t?.id ?? -1);
  return tab.then((id) =>
    Promise.all([
      id,
      api.storage.local.get('lang'),
      api.storage.session.get(['managed', `tab:${id}`, `view:${id}`]).catch(() => ({})),
    ]),
  );
})();
