// Firefox ESR (driven by geckodriver) with the add-on and the real host, against the lab: a
// private HOME trusting the lab's root, the host registered, the admin's settings, the lab's
// names on loopback, one geckodriver, and a session per profile. Shared by every Firefox test
// (firefox.test.mjs, local-firefox.test.mjs, seen-firefox.test.mjs, policy.test.mjs), as
// chromium-lab.mjs is by the Chromium ones.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { FIREFOX_EXTENSION_ID, HOST_BIN, PROBES_OFF, ROOT, WITH_LAB_HOSTS, labHosts, privateHome } from './lab.mjs';
import { Session, startGeckodriver } from './webdriver.mjs';

/**
 * Firefox for one test file, before any session: a private HOME whose NSS database trusts the
 * lab's root, the real host registered with the real `tls-doctor install` (unless `register`
 * is false), `settings` as the admin's managed settings through the user's managed storage
 * (client probes off unless `settings` says otherwise; `null` writes none), the lab's names and
 * `names` on loopback, what `prepare(home)` returns added to the environment, and geckodriver.
 * `open()` starts a session (`uuid` pins the add-on's internal UUID, so `pages` is its pages'
 * URL); `close()` ends everything.
 */
export async function startFirefox(lab, { uuid, names = [], settings = {}, register = true, prepare = () => ({}) }) {
  const home = privateHome(lab.caFile);
  if (register) {
    execFileSync(HOST_BIN, ['install', '--browser', 'firefox'], { env: { ...process.env, HOME: home.home, LC_ALL: 'C' } });
  }
  if (settings) firefoxManagedStorage(home.home, { ...PROBES_OFF, ...settings });
  const env = { ...firefoxEnv(home, labHosts(lab.cases, home.home, names)), ...prepare(home) };
  const gecko = await startGeckodriver(process.env.GECKODRIVER ?? 'geckodriver', env);
  let session = null;
  return {
    home,
    env,
    gecko,
    pages: `moz-extension://${uuid}/pages`,
    popup: `moz-extension://${uuid}/pages/popup.html`,
    /** A session (the previous one ends) on a fresh profile `profile` trusting `roots`
     * (nickname → PEM file; the lab's root unless given), with `prefs` on top. */
    async open({ profile = 'profile', roots = { 'TLS Doctor Lab Root': lab.caFile }, prefs = {} } = {}) {
      await this.end();
      const dir = firefoxProfile(join(home.home, profile), roots);
      session = await firefoxSession(gecko, { profile: dir, env, uuid, prefs });
      return session;
    },
    /** Ends the session, if one runs. */
    async end() {
      await session?.delete().catch(() => {});
      session = null;
    },
    async close() {
      await this.end();
      gecko.stop();
      home.cleanup();
    },
  };
}

/** The id of the tab showing `url` (asked from an extension page of `session`). */
export function tabOf(session, url) {
  return session.waitFor(async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id, 15_000, url);
}

/** The error the background recorded for `tabId`, once it is Firefox's NSS code ("Error code
 * <nsresult>", from webNavigation; webRequest's sentence may come first). */
export function recordedError(session, tabId) {
  return session.waitFor(
    async (id) => {
      const r = (await browser.storage.session.get(`tab:${id}`))[`tab:${id}`];
      return r && r.error.startsWith('Error code') ? r : null;
    },
    15_000,
    tabId,
  );
}

/** The popup's final state, once it has its final answer (`confirmed`; `host-…` or `failed`
 * when the host's answer is missing). */
export function finalState(session, ms = 45_000) {
  return session.waitFor(() => {
    const s = document.body.dataset.state;
    return s === 'confirmed' || s?.startsWith('host-') || s === 'failed' ? s : null;
  }, ms);
}

/** Firefox's managed storage for the add-on, as a native manifest in `home`
 * (~/.mozilla/managed-storage/<id>.json): no machine-wide policies file needed. */
export function firefoxManagedStorage(home, settings) {
  const dir = join(home, '.mozilla/managed-storage');
  mkdirSync(dir, { recursive: true });
  const manifest = { name: FIREFOX_EXTENSION_ID, description: 'TLS Doctor test settings', type: 'storage', data: settings };
  writeFileSync(join(dir, `${FIREFOX_EXTENSION_ID}.json`), JSON.stringify(manifest, null, 2));
}

/** The environment Firefox (and the host it starts) runs in: the private HOME, its CA bundle,
 * and the lab's names resolved through `with-lab-hosts.sh` (`hosts` from `labHosts`). */
export function firefoxEnv(home, hosts) {
  return {
    ...process.env,
    HOME: home.home,
    SSL_CERT_FILE: home.caBundle,
    TLS_DOCTOR_HOSTS: hosts,
    TLS_DOCTOR_BROWSER: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    MOZ_HEADLESS: '1',
  };
}

/** A Firefox profile directory whose NSS database trusts `roots` (nickname → PEM file):
 * Firefox keeps its trust in the profile. */
export function firefoxProfile(dir, roots) {
  mkdirSync(dir);
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  for (const [nick, file] of Object.entries(roots)) {
    execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-t', 'C,,', '-n', nick, '-i', file]);
  }
  return dir;
}

/** A headless Firefox session on `profile`, in Japanese, off the network, with the add-on
 * from `dist/` installed under the internal `uuid` (Firefox gives each add-on a random one; a
 * preference pins ours so tests can open the popup's page by URL), and `prefs` on top. */
export async function firefoxSession(gecko, { profile, env, uuid, prefs = {} }) {
  const session = await Session.create(gecko.base, {
    browserName: 'firefox',
    'moz:firefoxOptions': {
      binary: WITH_LAB_HOSTS,
      args: ['-headless', '-profile', profile],
      env,
      prefs: {
        'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: uuid }),
        'intl.locale.requested': 'ja',
        'intl.accept_languages': 'ja',
        // Keep Firefox off the network: the lab is all there is.
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'app.update.enabled': false,
        'browser.safebrowsing.downloads.remote.enabled': false,
        ...prefs,
      },
    },
  });
  await session.installAddon(join(ROOT, 'dist/tls-doctor-firefox.zip'));
  await session.cmd('POST', '/window/rect', { width: 440, height: 900 });
  return session;
}
