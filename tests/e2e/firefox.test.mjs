// The extension in Debian's Firefox ESR (driven by geckodriver), with the real wasm and the
// real native host, against the lab. Run by `cargo xtask test` (node --test).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import {
  HOST_BIN,
  PROBES_OFF,
  firefoxEnv,
  firefoxManagedStorage,
  firefoxProfile,
  firefoxSession,
  labHosts,
  privateHome,
  startLab,
  writeArtifact,
} from './lab.mjs';
import { startGeckodriver } from './webdriver.mjs';

// The add-on's internal UUID (see `firefoxSession`).
const UUID = '3f0b8a52-6d1e-4c8b-9a57-2f1d6c0e9b41';
const POPUP = `moz-extension://${UUID}/pages/popup.html`;

let lab;
let home;
let gecko;
let session;

before(async () => {
  lab = await startLab(['ok', 'expired']);
  home = privateHome(lab.cases.get('ok').caFile);
  const profile = firefoxProfile(join(home.home, 'profile'), { 'TLS Doctor Lab Root': lab.cases.get('ok').caFile });
  // The real `tls-doctor install`, into this HOME's ~/.mozilla/native-messaging-hosts.
  execFileSync(HOST_BIN, ['install', '--browser', 'firefox'], { env: { ...process.env, HOME: home.home, LC_ALL: 'C' } });
  // No client-side probe reaches past the lab (the admin's managed settings turn them off).
  firefoxManagedStorage(home.home, PROBES_OFF);

  const env = firefoxEnv(home, labHosts(lab.cases, home.home));
  gecko = await startGeckodriver(process.env.GECKODRIVER ?? 'geckodriver', env);
  session = await firefoxSession(gecko, { profile, env, uuid: UUID });
});

after(async () => {
  await session?.delete().catch(() => {});
  gecko?.stop();
  lab?.stop();
  home?.cleanup();
});

describe('Firefox ESR: the popup explains the error, then the host confirms it', () => {
  test('expired', async () => {
    const c = lab.cases.get('expired');
    const url = `https://${c.host}:${c.port}/`;
    await session.navigate(url);
    // A second tab for the extension's own pages; the error stays in the first.
    await session.newTab();
    await session.navigate(`${POPUP}?tab=-1`);
    const tabId = await session.waitFor(
      async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id,
      15_000,
      url,
    );
    // Firefox reports the NSS error as "Error code <nsresult>" (webNavigation) and as a sentence
    // (webRequest); the background keeps the code, whichever comes first.
    const record = await session.waitFor(
      async (id) => {
        const r = (await browser.storage.session.get(`tab:${id}`))[`tab:${id}`];
        return r && r.error.startsWith('Error code') ? r : null;
      },
      15_000,
      tabId,
    );
    assert.equal(record.error, 'Error code 2153390069'); // SEC_ERROR_EXPIRED_CERTIFICATE
    assert.equal(await session.execute((id) => browser.action.getBadgeText({ tabId: id }), tabId), '!');

    await session.navigate(`${POPUP}?tab=${tabId}`);
    const state = await session.waitFor(() => {
      const s = document.body.dataset.state;
      return s === 'confirmed' || s?.startsWith('host-') || s === 'failed' ? s : null;
    });
    assert.equal(state, 'confirmed');
    const seen = await session.execute(() => ({
      lang: document.documentElement.lang,
      paints: document.body.dataset.paints,
      finding: document.querySelector('main section.finding')?.dataset.finding,
      headline: document.querySelector('main section.finding h2')?.textContent,
      evidence: document.querySelector('main section.finding details.evidence')?.textContent,
      context: [...document.querySelectorAll('main > dl.lines')].pop()?.textContent,
    }));
    assert.equal(seen.lang, 'ja');
    assert.equal(seen.paints, 'browser_error,cert_expired');
    assert.equal(seen.finding, 'cert_expired');
    assert.match(seen.headline, /有効期限が切れています/);
    assert.match(seen.evidence, /\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（UTC[^）]*）、10日前/);
    assert.match(seen.context, /Error code 2153390069/);
    writeArtifact('firefox-expired-ja.png', await session.screenshot());
  });
});
