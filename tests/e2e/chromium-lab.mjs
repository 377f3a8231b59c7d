// Chromium with the extension and the real host, against the lab: launched under an admin's
// policy in a private mount namespace, a page that fails, the popup opened for its tab. Shared
// by the browser tests that need a browser of their own per scenario (local.test.mjs,
// policy.test.mjs).

import assert from 'node:assert/strict';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import {
  CHROME_EXTENSION_ID,
  PROBES_OFF,
  WITH_LAB_HOSTS,
  chromiumArgs,
  chromiumPolicies,
  faketimeLibrary,
  host,
  labHosts,
  privateHome,
} from './lab.mjs';

export const POPUP = `chrome-extension://${CHROME_EXTENSION_ID}/pages/popup.html`;
export const OPTIONS = `chrome-extension://${CHROME_EXTENSION_ID}/pages/options.html`;

/**
 * Chromium with the extension, the host registered, `settings` as the admin's managed settings
 * for the extension (with the host's client probes off unless `settings` says otherwise) and
 * `policies` as Chromium policies beside them, `clock` (libfaketime's FAKETIME) as the whole
 * computer's clock, `trusted` roots for both, `hostOnly` roots for the host's store only, and
 * `names` resolving to loopback. `register(profile)` replaces the host's registration.
 * Unless `exact` is false, the managed settings must arrive as given. `env(home)` adds to the
 * browser's environment; `blockPlainHttp: false` lets it load plain-HTTP pages.
 */
export async function launch(lab, { settings = {}, policies = {}, clock = null, trusted = [], hostOnly = [], names = [], register = null, exact = true, env: more = () => ({}), blockPlainHttp = true } = {}) {
  const home = privateHome(lab.caFile, { trusted, hostOnly });
  const profile = join(home.home, 'profile');
  if (register) register(join(profile, 'NativeMessagingHosts'));
  else host('install', 'chromium', join(profile, 'NativeMessagingHosts'));
  const managed = { ...PROBES_OFF, ...settings };
  const env = {
    ...process.env,
    HOME: home.home,
    LANG: 'ja_JP.UTF-8',
    LANGUAGE: 'ja',
    SSL_CERT_FILE: home.caBundle,
    TLS_DOCTOR_HOSTS: labHosts(lab.cases, home.home, names),
    TLS_DOCTOR_BROWSER: process.env.CHROMIUM ?? '/usr/bin/chromium',
    TLS_DOCTOR_POLICIES: chromiumPolicies(home.home, managed, policies),
    ...more(home),
  };
  if (clock) {
    env.TLS_DOCTOR_FAKETIME = clock;
    env.TLS_DOCTOR_FAKETIME_LIB = faketimeLibrary();
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: WITH_LAB_HOSTS,
    headless: true,
    locale: 'ja-JP',
    viewport: { width: 420, height: 600 },
    env,
    args: chromiumArgs({ blockPlainHttp }),
  });
  let worker = context.serviceWorkers().find((w) => w.url().includes(CHROME_EXTENSION_ID));
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  await worker.evaluate(() => chrome.runtime.getManifest().version);
  // The policy reached the extension (Chromium reads /etc/chromium/policies at start).
  const arrived = await worker.evaluate(() => chrome.storage.managed.get());
  if (exact) assert.deepEqual(arrived, managed, 'the managed settings did not arrive');
  return {
    context,
    worker,
    home,
    profile,
    /** What `storage.managed` gave the extension. */
    managed: arrived,
    async close() {
      await context.close().catch(() => {});
      home.cleanup();
    },
  };
}

/** Loads `url` (which must fail) and returns the tab the error was recorded for. */
export async function visit(b, url) {
  // The tabs open before: a tab of an earlier visit of the same URL is not this one.
  const before = await b.worker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id));
  const page = await b.context.newPage();
  const failure = await page.goto(url, { waitUntil: 'commit' }).then(
    () => null,
    (e) => e,
  );
  assert.ok(failure, `${url}: the page loaded, but it should fail`);
  const tabId = await tabOf(b, url, before);
  assert.ok(Number.isInteger(tabId), `no tab for ${url}`);
  await until(async () => (await badge(b, tabId)) === '!');
  // The background flags the icon first and then stores the record: wait for the record too.
  const record = await until(() =>
    b.worker.evaluate(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`], tabId),
  );
  assert.match(record?.error ?? '', /^net::ERR_/, `recorded ${JSON.stringify(record)}`);
  return { tabId, page, error: record.error };
}

/** The id of the newest tab showing `url`, other than the tabs `old`, or null (the tab learns
 * its URL a moment after the navigation; several tests visit the same URL). */
export function tabOf(b, url, old = []) {
  return until(() =>
    b.worker.evaluate(async ([u, old]) => {
      const ids = (await chrome.tabs.query({})).filter((t) => t.url === u && !old.includes(t.id)).map((t) => t.id);
      return ids.length ? Math.max(...ids) : null;
    }, [url, old]),
  );
}

export function badge(b, tabId) {
  return b.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** Polls `fn` until it returns something truthy (every 100 ms, at most `ms`). */
export async function until(fn, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The popup for `tabId`, once it has its final answer (the host's, or why there is none). */
export async function openPopup(b, tabId) {
  const popup = await b.context.newPage();
  await popup.setViewportSize({ width: 420, height: 600 });
  await popup.goto(`${POPUP}?tab=${tabId}`);
  await popup.waitForSelector('body[data-state="confirmed"], body[data-state^="host-"], body[data-state="failed"]', {
    timeout: 45_000,
  });
  return popup;
}

/** The text of `locator` as read with every disclosure in it and around it open (the popup
 * keeps the meaning, later steps, admin's fixes and evidence behind one); opened and closed
 * again in one task, so nothing is painted open. */
export function fullText(locator) {
  return locator.evaluate((e) => {
    const closed = [...e.querySelectorAll('details:not([open])')];
    for (let d = e.closest('details:not([open])'); d; d = d.parentElement?.closest('details:not([open])')) closed.push(d);
    for (const d of closed) d.open = true;
    const text = e.innerText;
    for (const d of closed) d.open = false;
    return text;
  });
}

/** What the popup leads with. */
export async function primary(popup) {
  const section = popup.locator('main section.finding').first();
  return {
    state: await popup.getAttribute('body', 'data-state'),
    paints: await popup.getAttribute('body', 'data-paints'),
    id: await section.getAttribute('data-finding'),
    side: await section.getAttribute('data-side'),
    tags: await section.locator('.tags').innerText(),
    text: await fullText(section),
    evidence: await fullText(section.locator('details.evidence')).catch(() => ''),
  };
}
