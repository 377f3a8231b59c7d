// A client-side cause in Debian's Firefox ESR: a browser too old for the server. Firefox is
// held to TLS 1.2 and says it is Firefox 60 (as an old installation would), the server speaks
// only TLS 1.3: the popup must say the browser needs updating, not the server fixing.
// Run by `cargo xtask test` (node --test).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:https';
import { join } from 'node:path';

import {
  HOST_BIN,
  PROBES_OFF,
  firefoxEnv,
  firefoxManagedStorage,
  firefoxProfile,
  firefoxSession,
  labHosts,
  makeCa,
  makeLeaf,
  privateHome,
  startLab,
  writeArtifact,
} from './lab.mjs';
import { startGeckodriver } from './webdriver.mjs';

const UUID = '6c1d0e2a-8f3b-4b7e-9d21-5a4c3e2f1b07';
const POPUP = `moz-extension://${UUID}/pages/popup.html`;
const NAME = 'tls13-only.lab.test';
const FIREFOX_60 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:60.0) Gecko/20100101 Firefox/60.0';

/** Phrases of the Japanese text `outdated_client` must show: the browser is the one to update. */
const PHRASES = [/お使いのブラウザが古いため、このサイトに接続できません/, /Firefox 60/, /ブラウザを最新版に更新/];

let lab;
let home;
let gecko;
let session;
let server;

before(async () => {
  lab = await startLab(['ok']);
  home = privateHome(lab.cases.get('ok').caFile);
  const ca = makeCa(home.home, 'TLS Doctor E2E TLS 1.3 Root');
  // Only TLS 1.3, as a server that dropped TLS 1.2.
  server = createServer({ ...makeLeaf(ca, home.home, NAME), minVersion: 'TLSv1.3' }, (req, res) => res.end('TLS 1.3 only\n'));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const profile = firefoxProfile(join(home.home, 'profile'), { 'TLS Doctor E2E TLS 1.3 Root': ca.cert });
  execFileSync(HOST_BIN, ['install', '--browser', 'firefox'], { env: { ...process.env, HOME: home.home, LC_ALL: 'C' } });
  // The admin's settings as Firefox reads them from the user's managed storage: every client
  // probe off (their defaults are servers on the internet).
  firefoxManagedStorage(home.home, PROBES_OFF);

  const env = firefoxEnv(home, labHosts(lab.cases, home.home, [NAME]));
  gecko = await startGeckodriver(process.env.GECKODRIVER ?? 'geckodriver', env);
  session = await firefoxSession(gecko, {
    profile,
    env,
    uuid: UUID,
    // An old Firefox: TLS 1.2 at most, and the user agent of Firefox 60.
    prefs: { 'security.tls.version.max': 3, 'general.useragent.override': FIREFOX_60 },
  });
});

after(async () => {
  await session?.delete().catch(() => {});
  gecko?.stop();
  server?.closeAllConnections();
  server?.close();
  lab?.stop();
  home?.cleanup();
});

describe('Firefox ESR: causes on the user’s side', () => {
  test('outdated client: TLS 1.2 at most, Firefox 60, against a TLS 1.3-only server → outdated_client', async () => {
    const url = `https://${NAME}:${server.address().port}/`;
    await session.navigate(url);
    await session.newTab();
    await session.navigate(`${POPUP}?tab=-1`);
    // The settings arrived from the managed storage manifest.
    const managed = await session.execute(() => browser.storage.managed.get());
    assert.deepEqual(managed, { ...PROBES_OFF });
    assert.match(await session.execute(() => navigator.userAgent), /Firefox\/60\.0/);
    const tabId = await session.waitFor(async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id, 15_000, url);
    const record = await session.waitFor(
      async (id) => {
        const r = (await browser.storage.session.get(`tab:${id}`))[`tab:${id}`];
        return r && r.error.startsWith('Error code') ? r : null;
      },
      15_000,
      tabId,
    );
    await session.navigate(`${POPUP}?tab=${tabId}`);
    const state = await session.waitFor(() => {
      const s = document.body.dataset.state;
      return s === 'confirmed' || s?.startsWith('host-') || s === 'failed' ? s : null;
    }, 45_000);
    const seen = await session.execute(() => {
      const f = document.querySelector('main section.finding');
      // The text as read with its disclosures open (opened and closed again unpainted).
      const closed = f ? [...f.querySelectorAll('details:not([open])')] : [];
      for (const d of closed) d.open = true;
      const text = f?.innerText;
      for (const d of closed) d.open = false;
      return {
        paints: document.body.dataset.paints,
        id: f?.dataset.finding,
        side: f?.dataset.side,
        tags: f?.querySelector('.tags')?.textContent,
        text,
      };
    });
    writeArtifact('client-firefox-outdated-ja.png', await session.screenshot());
    const shown = `${record.error} → ${seen.id} (${state}; paints ${seen.paints}): ${seen.text?.slice(0, 400)}`;
    assert.equal(state, 'confirmed', shown);
    assert.equal(seen.id, 'outdated_client', shown);
    assert.equal(seen.side, 'client', shown);
    assert.match(seen.tags, /あなたの端末側/, shown);
    for (const phrase of PHRASES) assert.match(seen.text, phrase, shown);
  });
});
