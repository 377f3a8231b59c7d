// Background: notes the last main-frame error of each tab and flags the toolbar icon at once,
// so the explanation is ready before the user clicks. No judgement here: the model decides.

import init, * as wasm from '../pkg/tls_doctor_wasm.js';
import { messages } from './i18n.js';
import { api, browserInfo, clearTabError, failedPage, isFirefox, seenKey, tabKey, uiLanguage, viewKey } from './platform.js';
import { makeView } from './ready.js';
import { DEFAULTS, chooseLanguage, keepManagedSettings, keptManagedSettings, modelSettings } from './settings.js';

const BADGE_COLOR = '#C62828';

// The model tells an abort from an error, and a code from a sentence (`error_kind`). Loaded
// once per start of the background (a service worker may not await at its top level).
const model = init();

// The admin's managed settings, read once at start-up and again when the policy changes, and
// kept for the popups: the first read after the browser starts can take seconds, and a popup
// paints with what is kept instead of waiting (it still reads them before asking the host).
// A service worker wakes for every event: once per browser session is enough, as a policy
// change wakes it anyway (the listener below).
// The views of errors recorded meanwhile were made with the defaults: made again with them.
keptManagedSettings()
  .then((kept) => kept ?? keepManagedSettings().then(remakeViewsSoon))
  .catch((e) => console.error(e));
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed') keepManagedSettings().then(remakeViewsSoon, (e) => console.error(e));
  // The user chose a language in a popup: the next popup speaks it.
  if (area === 'local' && 'lang' in changes) remakeViewsSoon();
});

// Both listeners fire for one failure, nearly at once: records are made one after another so
// the second sees the first.
let queue = Promise.resolve();
function record(tabId, url, error, ip) {
  queue = queue.then(() => recordNow(tabId, url, error, ip)).catch((e) => console.error(e));
  return queue;
}

async function recordNow(tabId, url, error, ip) {
  if (tabId < 0 || !error) return;
  await model;
  // The user (or a new navigation) stopped the page: not an error.
  const kind = wasm.error_kind(error);
  if (kind === 'abort') return;
  const key = tabKey(tabId);
  const previous = (await api.storage.session.get(key))[key];
  // Both listeners report the same failure; keep the decodable form and the address
  // (only webRequest knows it), whichever came first.
  const same = previous && previous.url === url && Date.now() - previous.at < 10_000;
  const keepPrevious = same && kind !== 'code' && wasm.error_kind(previous.error) === 'code';
  const entry = {
    url,
    error: keepPrevious ? previous.error : error,
    at: same ? previous.at : Date.now(),
    ip: ip || (same ? previous.ip : null) || null,
  };
  // The flag first: whoever sees the record (the popup, a test) sees the icon flagged. The
  // record and its view in one write: whoever sees the one sees the other.
  await flag(tabId);
  const view = await readyView(entry);
  await api.storage.session.set(view ? { [key]: entry, [viewKey(tabId)]: view } : { [key]: entry });
}

/** Queues `remakeViews` behind the records being made. */
function remakeViewsSoon() {
  queue = queue.then(remakeViews).catch((e) => console.error(e));
}

/** Makes the views of every recorded error again (the user chose another language, or the
 * admin's settings changed). */
async function remakeViews() {
  await model;
  const all = await api.storage.session.get(null);
  for (const [key, entry] of Object.entries(all)) {
    if (!key.startsWith('tab:') || !entry?.error) continue;
    const view = await readyView(entry);
    const tabId = Number(key.slice(4));
    // Only if the record is still the one the view was made of.
    const now = (await api.storage.session.get(key))[key];
    if (view && now?.at === entry.at && now?.url === entry.url) await api.storage.session.set({ [viewKey(tabId)]: view });
  }
}

/** The popup's first view of `entry` (ready.js), in the language and with the settings the
 * popup will use unless they change meanwhile; null if it cannot be made (the popup then
 * explains the record itself). */
async function readyView(entry) {
  try {
    const [kept, stored, browser] = await Promise.all([keptManagedSettings(), api.storage.local.get('lang'), browserInfo()]);
    const settings = kept?.settings ?? DEFAULTS;
    const lang = chooseLanguage(settings, stored.lang, uiLanguage());
    return makeView(wasm, entry, lang, modelSettings(settings), JSON.stringify(browser), await messages(lang));
  } catch (e) {
    console.error(e);
    return null;
  }
}

async function flag(tabId) {
  await api.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
  await api.action.setBadgeText({ tabId, text: '!' });
  await api.action.setTitle({ tabId, title: api.i18n.getMessage('badgeTitle') });
}

// Tabs whose page had already failed when the background started (it starts with the browser,
// or after an update, and may be late): recorded without an error code (the browser keeps only
// that the page failed: platform.js `failedPage`), so that the popup has the host check the site.
async function pickUpFailedTabs() {
  for (const tab of await api.tabs.query({})) {
    const url = await failedPage(tab);
    if (url) queue = queue.then(() => recordUnknown(tab.id, url)).catch((e) => console.error(e));
  }
}

async function recordUnknown(tabId, url) {
  const key = tabKey(tabId);
  if ((await api.storage.session.get(key))[key]) return;
  await flag(tabId);
  await api.storage.session.set({ [key]: { url, error: '', at: Date.now(), ip: null } });
}

// Once per browser session: a failure while the worker sleeps wakes it with the event.
const PICKED_UP = 'picked-up';
api.storage.session
  .get(PICKED_UP)
  .then(async (done) => {
    if (done[PICKED_UP]) return;
    await api.storage.session.set({ [PICKED_UP]: true });
    await pickUpFailedTabs();
  })
  .catch((e) => console.error(e));

api.webNavigation.onErrorOccurred.addListener((d) => {
  if (d.frameId === 0) record(d.tabId, d.url, d.error, null);
});

api.webRequest.onErrorOccurred.addListener(
  (d) => record(d.tabId, d.url, d.error, d.ip),
  { urls: ['<all_urls>'], types: ['main_frame'] },
);

// A page that loads clears the flag. Chromium also commits its own error page for the failed
// URL right after the error: that one must not clear it.
api.webNavigation.onCommitted.addListener((d) => {
  if (d.frameId !== 0) return;
  queue = queue.then(() => clearUnlessErrorPage(d)).catch((e) => console.error(e));
});

async function clearUnlessErrorPage(d) {
  const key = tabKey(d.tabId);
  const entry = (await api.storage.session.get(key))[key];
  if (!entry) return;
  const errorPage = d.url === entry.url && Date.now() - entry.at < 3_000;
  if (errorPage || d.url.startsWith('chrome-error:')) {
    // Firefox resets a tab's badge when the tab commits a page, its error page included.
    await flag(d.tabId);
  } else {
    await clearTabError(d.tabId);
  }
}

api.tabs.onRemoved.addListener((tabId) => api.storage.session.remove([tabKey(tabId), viewKey(tabId), seenKey(tabId)]));

// Firefox tells an extension which chain it received on a page that loads (`getSecurityInfo`,
// only inside a blocking `onHeadersReceived`): kept per tab, so the popup can compare it with
// what the host receives. A navigation elsewhere forgets the last page's chain (Firefox may
// announce one navigation twice, when it moves the page to another process: the same URL keeps
// it, and the response replaces it).
if (isFirefox) {
  api.webNavigation.onBeforeNavigate.addListener((d) => {
    if (d.frameId !== 0) return;
    queue = queue.then(() => forgetSeenUnless(d.tabId, d.url)).catch((e) => console.error(e));
  });
  api.webRequest.onHeadersReceived.addListener(
    async (d) => {
      if (d.tabId < 0) return {};
      try {
        const info = await api.webRequest.getSecurityInfo(d.requestId, { certificateChain: true, rawDER: false });
        const entry = seenEntry(d, info);
        queue = queue
          .then(() => (entry ? api.storage.session.set({ [seenKey(d.tabId)]: entry }) : api.storage.session.remove(seenKey(d.tabId))))
          .catch((e) => console.error(e));
      } catch (e) {
        console.error(e);
      }
      return {};
    },
    { urls: ['https://*/*'], types: ['main_frame'] },
    ['blocking'],
  );
}

async function forgetSeenUnless(tabId, url) {
  const key = seenKey(tabId);
  const seen = (await api.storage.session.get(key))[key];
  if (seen && seen.url !== url) await api.storage.session.remove(key);
}

/** At most this many certificates, and this long a name, per record (session storage is small
 * and names come from the network). */
const SEEN_CERTS = 8;
const SEEN_NAME = 512;

/** The record of a secure response: the page, the server's address, and the chain, leaf first,
 * root last. */
function seenEntry(d, info) {
  const all = info?.state === 'secure' || info?.state === 'weak' ? info.certificates ?? [] : [];
  if (!all.length) return null;
  // The leaf and the root matter most: a longer chain loses certificates from its middle.
  const certs = all.length > SEEN_CERTS ? [...all.slice(0, SEEN_CERTS - 1), all[all.length - 1]] : all;
  const chain = certs.map((c, i, all) => ({
    sha256: String(c.fingerprint?.sha256 ?? '').slice(0, 200),
    subject: String(c.subject ?? '').slice(0, SEEN_NAME),
    issuer: String(c.issuer ?? '').slice(0, SEEN_NAME),
    builtin_root: i === all.length - 1 && c.isBuiltInRoot === true,
  }));
  // Through a proxy, the address is the proxy's: the host must find the server itself.
  return { url: d.url, at: Date.now(), ip: d.proxyInfo ? null : d.ip ?? null, chain };
}
