// Background: notes the last main-frame error of each tab and flags the toolbar icon at once,
// so the explanation is ready before the user clicks. No judgement here: the model decides.

import { api, tabKey } from './platform.js';

// The user (or a new navigation) stopped the page: not an error. Chromium: net::ERR_ABORTED;
// Firefox: NS_BINDING_ABORTED (0x804B0002 = 2152398850).
const ABORTS = new Set(['net::ERR_ABORTED', 'NS_BINDING_ABORTED', 'Error code 2152398850']);

const BADGE_COLOR = '#C62828';

async function record(tabId, url, error, ip) {
  if (tabId < 0 || !error || ABORTS.has(error)) return;
  const key = tabKey(tabId);
  const previous = (await api.storage.session.get(key))[key];
  // webRequest knows the server address; webNavigation may report the same error later.
  const sameError = previous && previous.url === url && previous.error === error && Date.now() - previous.at < 10_000;
  const entry = { url, error, at: sameError ? previous.at : Date.now(), ip: ip || previous?.ip || null };
  await api.storage.session.set({ [key]: entry });
  await api.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
  await api.action.setBadgeText({ tabId, text: '!' });
  await api.action.setTitle({ tabId, title: api.i18n.getMessage('badgeTitle') });
}

async function clear(tabId) {
  await api.storage.session.remove(tabKey(tabId));
  await api.action.setBadgeText({ tabId, text: '' });
  await api.action.setTitle({ tabId, title: api.i18n.getMessage('actionTitle') });
}

api.webNavigation.onErrorOccurred.addListener((d) => {
  if (d.frameId === 0) record(d.tabId, d.url, d.error, null);
});

api.webRequest.onErrorOccurred.addListener(
  (d) => record(d.tabId, d.url, d.error, d.ip),
  { urls: ['<all_urls>'], types: ['main_frame'] },
);

// A page that loads clears the flag. Chromium also commits its own error page for the failed
// URL right after the error: that one must not clear it.
api.webNavigation.onCommitted.addListener(async (d) => {
  if (d.frameId !== 0) return;
  const key = tabKey(d.tabId);
  const entry = (await api.storage.session.get(key))[key];
  if (!entry) return;
  const errorPage = d.url === entry.url && Date.now() - entry.at < 3_000;
  if (!errorPage && !d.url.startsWith('chrome-error:')) await clear(d.tabId);
});

api.tabs.onRemoved.addListener((tabId) => api.storage.session.remove(tabKey(tabId)));
