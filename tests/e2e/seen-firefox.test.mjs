// A page that loads fine in Debian's Firefox ESR, checked on request: the popup compares the
// chain Firefox received (`webRequest.getSecurityInfo`) with the one the native host receives
// from the server itself. Through the lab's antivirus-named re-signing proxy (set as Firefox's
// HTTPS proxy, its root trusted by the profile, the host not proxied) the chains differ and the
// popup names the product; without the proxy they match and the popup says the connection is
// fine. Run by `cargo xtask test` (node --test).

import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { finalState, startFirefox, tabOf } from './firefox-lab.mjs';
import { startLab, writeArtifact } from './lab.mjs';

const UUID = '0d7c4f1e-5b2a-4e39-8c61-9a3b7e2d4f58';

let lab;
let firefox;

before(async () => {
  lab = await startLab(['ok', 'intercept-av']);
  firefox = await startFirefox(lab, { uuid: UUID });
});

afterEach(() => firefox?.end());

after(async () => {
  await firefox?.close();
  lab?.stop();
});

/** Loads the `ok` page, opens the popup for its tab, presses 「この接続を確かめる」 and returns
 * what the popup then shows, with the chain the background recorded. */
async function loadAndCheck(s, artifact) {
  const c = lab.cases.get('ok');
  const url = `https://${c.host}:${c.port}/`;
  await s.navigate(url);
  assert.match(await s.execute(() => document.body.textContent), /TLS Doctor lab: hello/);
  await s.newTab();
  await s.navigate(`${firefox.popup}?tab=-1`);
  const tabId = await tabOf(s, url);
  const record = await s.waitFor(
    async (id) => (await browser.storage.session.get(`seen:${id}`))[`seen:${id}`] ?? null,
    15_000,
    tabId,
  );
  // A page that loaded is no error: nothing recorded, no badge.
  assert.equal(await s.execute(async (id) => (await browser.storage.session.get(`tab:${id}`))[`tab:${id}`] ?? null, tabId), null);
  await s.navigate(`${firefox.popup}?tab=${tabId}`);
  const button = await s.waitFor(() => document.getElementById('seen-check')?.textContent ?? null, 15_000);
  assert.equal(button, 'この接続を確かめる');
  await s.execute(() => document.getElementById('seen-check').click());
  const state = await finalState(s);
  const shown = await s.execute(() => {
    const f = document.querySelector('main section.finding');
    return {
      state: document.body.dataset.state,
      id: f?.dataset.finding,
      side: f?.dataset.side,
      headline: f?.querySelector('h2')?.textContent,
      text: f?.textContent,
      main: document.getElementById('main').textContent,
    };
  });
  writeArtifact(artifact, await s.screenshot());
  return { record, state, shown };
}

describe('Firefox ESR: a page that loaded, compared with the host', () => {
  test('through a re-signing antivirus proxy → interception_known_product', async () => {
    const proxy = lab.cases.get('intercept-av');
    const [proxyHost, proxyPort] = proxy.proxy.split(':');
    const s = await firefox.open({
      profile: 'profile-proxied',
      roots: { 'TLS Doctor Lab Root': lab.caFile, 'Lab AV Root': proxy.root_pem },
      prefs: {
        'network.proxy.type': 1,
        'network.proxy.ssl': proxyHost,
        'network.proxy.ssl_port': Number(proxyPort),
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.no_proxies_on': '',
      },
    });
    const { record, state, shown } = await loadAndCheck(s, 'seen-firefox-proxied-ja.png');
    const about = `${JSON.stringify(record.chain)} → ${state} ${shown.id}: ${shown.main?.slice(0, 400)}`;
    // Firefox received the proxy's chain: its leaf issued by the antivirus root, which it
    // does not ship.
    assert.match(record.chain[0].issuer, /ESET SSL Filter CA/, about);
    assert.equal(record.chain.at(-1).builtin_root, false, about);
    assert.equal(state, 'confirmed', about);
    assert.equal(shown.id, 'interception_known_product', about);
    assert.equal(shown.side, 'client', about);
    assert.match(shown.headline, /ESET/, about);
    assert.match(shown.text, /エラーなく表示されています/, about);
  });

  test('without a proxy: the same certificate → ok, and says so', async () => {
    const s = await firefox.open({ profile: 'profile-direct' });
    const { record, state, shown } = await loadAndCheck(s, 'seen-firefox-direct-ja.png');
    const about = `${JSON.stringify(record.chain)} → ${state} ${shown.id}: ${shown.main?.slice(0, 400)}`;
    assert.doesNotMatch(record.chain[0].issuer, /ESET/, about);
    assert.equal(state, 'confirmed', about);
    assert.equal(shown.id, 'ok', about);
    assert.doesNotMatch(shown.main, /差し替え|interception/, about);
    assert.match(shown.text, /ブラウザが受け取った証明書/, about);
    assert.match(shown.text, /診断ツールが受け取ったものと同じ/, about);
  });
});
