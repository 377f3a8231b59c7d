// A local cause in Debian's Firefox ESR: a browser too old for the server. Firefox is
// held to TLS 1.2 and says it is Firefox 60 (as an old installation would), the server speaks
// only TLS 1.3: the popup must say the browser needs updating, not the server fixing.
// Run by `cargo xtask test` (node --test).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:https';

import { finalState, recordedError, startFirefox, tabOf } from './firefox-lab.mjs';
import { PROBES_OFF, makeCa, makeLeaf, startLab, writeArtifact } from './lab.mjs';

const UUID = '6c1d0e2a-8f3b-4b7e-9d21-5a4c3e2f1b07';
const NAME = 'tls13-only.lab.test';
const FIREFOX_60 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:60.0) Gecko/20100101 Firefox/60.0';

/** Phrases of the Japanese text `outdated_client` must show: the browser is the one to update. */
const PHRASES = [/お使いのブラウザが古いため、このサイトに接続できません/, /Firefox 60/, /ブラウザを最新版に更新/];

let lab;
let firefox;
let session;
let server;

before(async () => {
  lab = await startLab(['ok']);
  // The admin's settings as Firefox reads them from the user's managed storage: every client
  // probe off (their defaults are servers on the internet).
  firefox = await startFirefox(lab, { uuid: UUID, names: [NAME] });
  const ca = makeCa(firefox.home.home, 'TLS Doctor E2E TLS 1.3 Root');
  // Only TLS 1.3, as a server that dropped TLS 1.2.
  server = createServer({ ...makeLeaf(ca, firefox.home.home, NAME), minVersion: 'TLSv1.3' }, (req, res) => res.end('TLS 1.3 only\n'));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  session = await firefox.open({
    roots: { 'TLS Doctor E2E TLS 1.3 Root': ca.cert },
    // An old Firefox: TLS 1.2 at most, and the user agent of Firefox 60.
    prefs: { 'security.tls.version.max': 3, 'general.useragent.override': FIREFOX_60 },
  });
});

after(async () => {
  server?.closeAllConnections();
  server?.close();
  await firefox?.close();
  lab?.stop();
});

describe('Firefox ESR: causes on the user’s side', () => {
  test('outdated client: TLS 1.2 at most, Firefox 60, against a TLS 1.3-only server → outdated_client', async () => {
    const url = `https://${NAME}:${server.address().port}/`;
    await session.navigate(url);
    await session.newTab();
    await session.navigate(`${firefox.popup}?tab=-1`);
    // The settings arrived from the managed storage manifest.
    const managed = await session.execute(() => browser.storage.managed.get());
    assert.deepEqual(managed, { ...PROBES_OFF });
    assert.match(await session.execute(() => navigator.userAgent), /Firefox\/60\.0/);
    const tabId = await tabOf(session, url);
    const record = await recordedError(session, tabId);
    await session.navigate(`${firefox.popup}?tab=${tabId}`);
    const state = await finalState(session);
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
