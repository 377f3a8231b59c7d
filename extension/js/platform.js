// The only place that knows Chrome from Firefox. Everything else imports `api` and the helpers.

/** The WebExtensions namespace: `browser` on Firefox, `chrome` on Chromium browsers. */
export const api = globalThis.browser ?? globalThis.chrome;

/** Firefox has `runtime.getBrowserInfo`; Chromium browsers do not. */
export const isFirefox = typeof api.runtime.getBrowserInfo === 'function';

/** The native-messaging host's registered name (see manifest/). */
export const HOST_NAME = 'jp.tlsdoctor.host';

/** Which browser this is, for the model's explanation and the help-desk report, with the user
 * agent it sends. */
export async function browserInfo() {
  if (isFirefox) {
    const info = await api.runtime.getBrowserInfo();
    return { family: 'firefox', name: info.name, version: info.version, user_agent: navigator.userAgent };
  }
  const brands = navigator.userAgentData?.brands ?? [];
  const known = ['Microsoft Edge', 'Brave', 'Opera', 'Google Chrome', 'Chromium'];
  const brand = known.map((k) => brands.find((b) => b.brand === k)).find(Boolean);
  const version = (navigator.userAgent.match(/Chrome\/([\d.]+)/) ?? [])[1] ?? '';
  return {
    family: 'chromium',
    name: brand?.brand ?? 'Chromium',
    version: brand?.version ?? version,
    // What servers see, and where the model reads the version for `outdated_client` (it may
    // differ from the browser's own when the user agent is overridden).
    user_agent: navigator.userAgent,
  };
}

/** The URL of `tab`'s page when it is an https page that failed (the browser shows its error
 * page for it), else null. Chromium keeps that the last navigation failed
 * (`webNavigation.getFrame`'s `errorOccurred`); Firefox does not, but its error pages show one
 * of its own icons (`chrome://global/skin/icons/…`), which no web page can. */
export async function failedPage(tab) {
  const url = tab?.url ?? '';
  if (!url.startsWith('https://')) return null;
  if (isFirefox) return tab.favIconUrl?.startsWith('chrome://global/skin/icons/') ? url : null;
  const frame = await api.webNavigation.getFrame({ tabId: tab.id, frameId: 0 }).catch(() => null);
  return frame?.errorOccurred ? url : null;
}

/** The browser's UI language, `ja` or `en`. */
export function uiLanguage() {
  return (api.i18n.getUILanguage() || '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The per-tab record the background keeps, in session storage (it survives the service worker
 * going to sleep, and is gone when the browser closes). */
export function tabKey(tabId) {
  return `tab:${tabId}`;
}

/** The first view of the tab's recorded error, made by the background (ready.js). */
export function viewKey(tabId) {
  return `view:${tabId}`;
}

/** The chain the browser received for the tab's page, when it loaded (Firefox only). */
export function seenKey(tabId) {
  return `seen:${tabId}`;
}

/** Forgets the tab's recorded error and unflags its icon (a page loaded, or the user acted on
 * the error from the popup). */
export async function clearTabError(tabId) {
  await api.storage.session.remove([tabKey(tabId), viewKey(tabId)]);
  await api.action.setBadgeText({ tabId, text: '' });
  await api.action.setTitle({ tabId, title: api.i18n.getMessage('actionTitle') });
}
