// Local causes in Debian's Chromium: a wrong clock, stale state in the browser, a
// re-signing proxy (an antivirus, the company's inspection, declared or not, an unknown one) and
// a captive portal. Each scenario gets a browser of its own where its surroundings differ (the
// admin's policy, the clock, the roots the host trusts), with the real wasm and the real host.
// Run by `cargo xtask test` (node --test).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { badge, launch as launchChromium, openPopup, primary, until, visit } from './chromium-lab.mjs';
import { endpoint, labServer as findLabServer, makeCa, makeLeaf, startLab, writeArtifact } from './lab.mjs';

/** How the popup names the user's side (the model's side label for `side: "client"`). */
const CLIENT_SIDE_LABEL = /あなたの端末側/;

/** Phrases of the Japanese text each finding must show beside its id and side: the headline
 * that says whose side it is and what to do about it. */
const PHRASES = {
  clock_ahead: [/端末の時計が\d+日進んでいます/, /時計を直せば/],
  stale_browser_state: [/ブラウザに残った古い情報が原因のようです/],
  interception_known_product: [/ESET.*が暗号化された通信を検査しています/],
  interception_corporate: [/後から登録された発行元が、証明書を差し替えています/, /Example Corp TLS Inspection CA/],
  interception_corporate_expected: [/会社が認めた通信の検査です/, /Example Corp TLS Inspection CA/],
  interception_unknown: [/無名の発行元が、複数のサイトの証明書を差し替えています/, /canary\.lab\.test/],
  captive_portal: [/ログインするまでインターネットにつながりません/],
};

/** The re-signing proxies the lab runs, by the kind of root they sign with. */
const PROXIES = { av: 'intercept-av', corporate: 'intercept-corp', unknown: 'intercept-unknown' };

let lab;
let work;
let stateCa;

before(async () => {
  lab = await startLab(['ok', 'wrong-host'], { all: true });
  work = mkdtempSync(join(tmpdir(), 'tls-doctor-client-'));
  stateCa = makeCa(work, 'TLS Doctor E2E Stale State Root');
});

after(() => {
  lab?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A lab line by name or pattern (lab.mjs `labServer`), from this file's lab. */
function labServer(pattern) {
  return findLabServer(lab, pattern);
}

/** Chromium for one scenario, against this file's lab. */
function launch(options) {
  return launchChromium(lab, options);
}

/** The popup's primary finding is `id`, on the user's side, in Japanese, with its phrases. */
async function assertClientFinding(popup, id, phrases = PHRASES[id]) {
  const seen = await primary(popup);
  const shown = `${seen.id} (${seen.state}; paints ${seen.paints}): ${seen.text.slice(0, 400)}`;
  assert.equal(seen.state, 'confirmed', shown);
  assert.equal(seen.id, id, shown);
  assert.equal(seen.side, 'client', shown);
  assert.match(seen.tags, CLIENT_SIDE_LABEL, shown);
  for (const phrase of phrases ?? []) assert.match(seen.text, phrase, shown);
  return seen;
}

describe('Chromium: causes on the user’s side', () => {
  test('clock: the whole computer 400 days ahead, a lab SNTP server as reference → clock_ahead', async () => {
    // The lab's SNTP server that tells the true time.
    const sntp = labServer('sntp-true');
    const reference = endpoint(sntp);
    const b = await launch({ clock: '+400d', settings: { ntpServers: [reference] } });
    try {
      // The browser itself runs 400 days ahead.
      const year = await b.worker.evaluate(() => new Date().getUTCFullYear());
      assert.ok(year > new Date().getUTCFullYear(), `the browser's clock is not skewed (${year})`);
      const c = lab.cases.get('ok');
      // A healthy certificate (60 days left) has expired by this clock.
      const { tabId } = await visit(b, `https://${c.host}:${c.port}/`);
      const popup = await openPopup(b, tabId);
      writeArtifact('client-clock-ahead-ja.png', await popup.screenshot({ fullPage: true }));
      const seen = await assertClientFinding(popup, 'clock_ahead');
      // Measured against the admin's reference clock, not guessed.
      assert.ok(seen.evidence.includes(reference), `no ${reference} in ${seen.evidence}`);
      await popup.close();
    } finally {
      await b.close();
    }
  });

  test('stale state: a server broken then repaired on the same port → stale_browser_state, cleared from the popup', async () => {
    const name = 'stale.lab.test';
    const good = makeLeaf(stateCa, work, name);
    const wrong = makeLeaf(stateCa, work, 'other.lab.test', 'stale-wrong-name');
    const server = createServer({ ...wrong }, (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end('<!doctype html><title>repaired</title><p id="repaired">TLS Doctor: the repaired page</p>');
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const url = `https://${name}:${server.address().port}/`;
    const b = await launch({ trusted: [stateCa.cert], names: [name] });
    try {
      // Broken: a certificate for another name.
      const { tabId, page, error } = await visit(b, url);
      assert.equal(error, 'net::ERR_CERT_COMMON_NAME_INVALID');
      // Repaired on the same port, live.
      server.setSecureContext({ ...good });
      const popup = await openPopup(b, tabId);
      writeArtifact('client-stale-state-ja.png', await popup.screenshot({ fullPage: true }));
      await assertClientFinding(popup, 'stale_browser_state');
      // One click offers, a second (in the popup, no dialog) confirms.
      await popup.click('#stale-clear');
      await popup.waitForSelector('#stale-confirm');
      assert.match(await popup.locator('#stale-action').innerText(), new RegExp(new URL(url).origin.replace(/[.]/g, '\\.')));
      writeArtifact('client-stale-state-confirm-ja.png', await popup.screenshot({ fullPage: true }));
      // Cancel goes back to the offer.
      await popup.click('#stale-cancel');
      await popup.waitForSelector('#stale-clear');
      await popup.click('#stale-clear');
      await popup.click('#stale-confirm');
      // The tab loads the page again, and the flag goes.
      await page.waitForSelector('#repaired', { timeout: 15_000 });
      assert.equal(await page.locator('#repaired').innerText(), 'TLS Doctor: the repaired page');
      assert.equal(await until(async () => (await badge(b, tabId)) === ''), true, 'the icon is still flagged');
      const record = await b.worker.evaluate(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`], tabId);
      assert.equal(record, undefined);
    } finally {
      await b.close();
      server.closeAllConnections();
      server.close();
    }
  });

  /** Loads `https://<name>:<proxy port>/` through the lab proxy `proxyName` (whose root only
   * the host trusts with `hostOnly`), and returns what the popup leads with once the host
   * answered; `artifact` names its screenshot. */
  async function throughProxy(proxyName, artifact, { settings = {}, hostOnly = false, name, extraNames = [] } = {}) {
    const proxy = labServer(proxyName);
    const [, port] = endpoint(proxy).match(/:(\d+)$/);
    const b = await launch({ settings, hostOnly: hostOnly ? [proxy.root_pem] : [], names: [name, ...extraNames] });
    try {
      const { tabId } = await visit(b, `https://${name}:${port}/`);
      const popup = await openPopup(b, tabId);
      writeArtifact(artifact, await popup.screenshot({ fullPage: true }));
      return { b, popup };
    } catch (e) {
      await b.close();
      throw e;
    }
  }

  let corporateText = null;

  test('interception by a known product (an antivirus’s root) → interception_known_product', async () => {
    const { b, popup } = await throughProxy(PROXIES.av, 'client-interception-av-ja.png', { name: 'shop.lab.test' });
    try {
      await assertClientFinding(popup, 'interception_known_product');
    } finally {
      await b.close();
    }
  });

  test('interception by the company’s inspection, its root in the system store only → interception_corporate', async () => {
    const { b, popup } = await throughProxy(PROXIES.corporate, 'client-interception-corporate-ja.png', {
      name: 'intranet.lab.test',
      hostOnly: true,
    });
    try {
      corporateText = (await assertClientFinding(popup, 'interception_corporate')).text;
    } finally {
      await b.close();
    }
  });

  test('the company’s inspection declared by the admin (expectedInspectionCAs) → interception_corporate, expected', async () => {
    const corp = labServer(PROXIES.corporate);
    // Upper case with colons, as admins copy fingerprints: the extension normalises them.
    const declared = corp.root_sha256.toUpperCase().match(/../g).join(':');
    const { b, popup } = await throughProxy(PROXIES.corporate, 'client-interception-corporate-expected-ja.png', {
      name: 'intranet.lab.test',
      hostOnly: true,
      settings: { expectedInspectionCAs: [declared] },
    });
    try {
      const seen = await assertClientFinding(popup, 'interception_corporate', PHRASES.interception_corporate_expected);
      // Declared by the admin, it is told apart from an undeclared one.
      if (corporateText !== null) assert.notEqual(seen.text, corporateText, 'the declared inspection reads like the undeclared one');
    } finally {
      await b.close();
    }
  });

  test('interception by an unknown proxy, shown by the canary → interception_unknown', async () => {
    const [, port] = endpoint(labServer(PROXIES.unknown)).match(/:(\d+)$/);
    const { b, popup } = await throughProxy(PROXIES.unknown, 'client-interception-unknown-ja.png', {
      name: 'bank.lab.test',
      extraNames: ['canary.lab.test'],
      settings: { canary: `canary.lab.test:${port}` },
    });
    try {
      await assertClientFinding(popup, 'interception_unknown');
    } finally {
      await b.close();
    }
  });

  test('captive portal: the check URL answers with a login page → captive_portal', async () => {
    // The lab's portal: its check URL answers with a redirect to a login page.
    const portal = labServer('portal');
    const portalUrl = portal.portal_url;
    assert.ok(portalUrl, `no http:// URL in ${JSON.stringify(portal)}`);
    const b = await launch({ settings: { portalCheckUrl: portalUrl } });
    try {
      const c = lab.cases.get('wrong-host');
      const { tabId } = await visit(b, `https://${c.host}:${c.port}/`);
      const popup = await openPopup(b, tabId);
      writeArtifact('client-captive-portal-ja.png', await popup.screenshot({ fullPage: true }));
      await assertClientFinding(popup, 'captive_portal');
      await popup.close();
    } finally {
      await b.close();
    }
  });
});
