// The organisation's policy, as IT deploys it: Chromium started with a managed policy in
// /etc/chromium/policies (a private mount namespace), Firefox with /etc/firefox/policies/
// policies.json and its `3rdparty` section. The popup shows the help desk, treats the declared
// inspection CA as expected (a re-signing lab proxy), honours "probing disabled" and the locked
// language; the options page shows what is managed and what was ignored. Real wasm, real host.
// Run by `cargo xtask test` (node --test).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { OPTIONS, launch, openPopup, primary, visit } from './chromium-lab.mjs';
import {
  CHROME_EXTENSION_ID,
  FIREFOX_EXTENSION_ID,
  HOST_BIN,
  PROBES_OFF,
  endpoint,
  labServer,
  makeCa,
  makeLeaf,
  startLab,
  writeArtifact,
} from './lab.mjs';
import { readManaged } from '../../extension/js/managed.js';
import { startFirefox } from './firefox-lab.mjs';

/** The help desk an admin names, as every test here gives it. */
const HELPDESK = Object.freeze({
  organizationName: 'Example Corp 情報システム部',
  helpdeskEmail: 'helpdesk@example.co.jp',
  helpdeskPhone: '03-1234-5678',
  helpdeskUrl: 'https://help.example.co.jp/tls',
});

/** Settings no admin should write: a value out of range, a list entry out of range, a key
 * TLS Doctor does not have. They must be reported, and the rest must still apply. */
const MISTAKES = Object.freeze({ proceedAdvice: 'sometimes', colour: 'blue' });

let lab;

before(async () => {
  lab = await startLab(['wrong-host'], { all: true });
});

after(() => lab?.stop());

/** The lab's re-signing proxy with the company's inspection root, and its port. */
function corporateProxy() {
  const proxy = labServer(lab, 'intercept-corp');
  return { proxy, port: Number(endpoint(proxy).match(/:(\d+)$/)[1]) };
}

/** Registers, in Chromium's `dir` of native-messaging hosts, a shell wrapper running `body`
 * (which starts the real host) in place of the host. */
function registerWrapper(dir, body) {
  mkdirSync(dir, { recursive: true });
  const wrapper = join(dir, 'tls-doctor-wrapper.sh');
  writeFileSync(wrapper, `#!/bin/sh\n${body}\n`);
  chmodSync(wrapper, 0o755);
  const manifest = {
    name: 'jp.tlsdoctor.host',
    description: 'TLS Doctor (test wrapper)',
    path: wrapper,
    type: 'stdio',
    allowed_origins: [`chrome-extension://${CHROME_EXTENSION_ID}/`],
  };
  writeFileSync(join(dir, 'jp.tlsdoctor.host.json'), JSON.stringify(manifest));
}

/** What the page shows of the help desk. */
async function helpdesk(page) {
  return page.evaluate(() => {
    const box = document.getElementById('helpdesk');
    return {
      hidden: box.hidden,
      text: box.innerText,
      links: [...box.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    };
  });
}

/** The options page's rows (`key` → managed?) and its list of ignored settings. */
async function optionsPage(page) {
  await page.waitForSelector('body[data-state="ready"]');
  return page.evaluate(() => ({
    managed: Object.fromEntries([...document.querySelectorAll('#managed tr[data-key]')].map((r) => [r.dataset.key, r.dataset.managed === 'true'])),
    values: Object.fromEntries([...document.querySelectorAll('#managed tr[data-key]')].map((r) => [r.dataset.key, r.querySelector('.value').innerText])),
    problems: [...document.querySelectorAll('#problems li')].map((li) => `${li.dataset.key}:${li.dataset.problem}`),
    problemsText: document.getElementById('problems-section').innerText,
  }));
}

describe('Chromium under the organisation’s policy', () => {
  test('help desk, declared inspection CA, an allowlisted host, limits, and the ignored settings', async () => {
    const { proxy, port } = corporateProxy();
    // As admins copy it: upper case with colons.
    const declared = proxy.root_sha256.toUpperCase().match(/../g).join(':');
    const settings = {
      ...HELPDESK,
      ...MISTAKES,
      expectedInspectionCAs: [declared],
      // The proxy's port is allowed; 70000 is no port and is reported.
      allowedPorts: [port, 70000],
      allowedProtocols: ['tls'],
    };
    const b = await launch(lab, {
      settings,
      // Every native host is blocked but ours, as the templates in manifest/policies/ do.
      policies: { NativeMessagingBlocklist: ['*'], NativeMessagingAllowlist: ['jp.tlsdoctor.host'] },
      hostOnly: [proxy.root_pem],
      names: ['intranet.lab.test'],
      // Chromium may drop a key its schema lacks before the extension sees it.
      exact: false,
    });
    try {
      for (const [k, v] of Object.entries({ ...PROBES_OFF, ...HELPDESK, expectedInspectionCAs: [declared], allowedPorts: [port, 70000] })) {
        assert.deepEqual(b.managed[k], v, `managed ${k} did not arrive`);
      }
      const { tabId } = await visit(b, `https://intranet.lab.test:${port}/`);
      const popup = await openPopup(b, tabId);
      writeArtifact('policy-chromium-popup-ja.png', await popup.screenshot({ fullPage: true }));
      const seen = await primary(popup);
      const shown = `${seen.id} (${seen.state}): ${seen.text.slice(0, 300)}`;
      // The host probed (the port is allowed) and the declared CA reads as the company's own.
      assert.equal(seen.state, 'confirmed', shown);
      assert.equal(seen.id, 'interception_corporate', shown);
      assert.match(seen.text, /会社が認めた通信の検査です/, shown);
      // The help desk, each contact a link.
      const desk = await helpdesk(popup);
      assert.equal(desk.hidden, false);
      assert.match(desk.text, /困ったときの問い合わせ先/);
      assert.match(desk.text, /Example Corp 情報システム部/);
      assert.deepEqual(desk.links, ['mailto:helpdesk@example.co.jp', 'tel:0312345678', 'https://help.example.co.jp/tls']);
      // …and in the report the user copies for them.
      const report = await popup.locator('#report').inputValue();
      assert.match(report, /組織\s+Example Corp 情報システム部/);
      assert.match(report, /問い合わせ先（メール）\s+helpdesk@example\.co\.jp/);
      await popup.close();

      // The options page: what is managed, and what was ignored and why.
      const options = await b.context.newPage();
      await options.setViewportSize({ width: 900, height: 1400 });
      await options.goto(OPTIONS);
      const page = await optionsPage(options);
      writeArtifact('policy-chromium-options-ja.png', await options.screenshot({ fullPage: true }));
      for (const key of ['organizationName', 'helpdeskEmail', 'expectedInspectionCAs', 'allowedPorts', 'canary']) {
        assert.equal(page.managed[key], true, `${key} is not shown as managed`);
      }
      for (const key of ['internalRootCAs', 'hostProbing', 'proceedAdvice']) assert.equal(page.managed[key], false, `${key} is shown as managed`);
      assert.equal(page.values.allowedPorts, String(port), 'the good port, without the bad one');
      // Exactly what the extension's checks ignore of what arrived, at least the two mistakes
      // Chromium cannot catch (a string outside the choices, a number outside the ports).
      const expected = readManaged(b.managed).problems.map((p) => `${p.key}:${p.problem}`);
      assert.deepEqual(page.problems, expected);
      assert.ok(page.problems.includes('proceedAdvice:value') && page.problems.includes('allowedPorts:value'), page.problems.join(' '));
      assert.match(page.problemsText, /sometimes/);
      assert.match(page.problemsText, /70000/);
      await options.close();
    } finally {
      await b.close();
    }
  });

  test('a port the admin did not allow: the host refuses, and the popup says so (refused_by_policy)', async () => {
    const c = lab.cases.get('wrong-host');
    const b = await launch(lab, { settings: { ...HELPDESK, allowedPorts: [443] } });
    try {
      const { tabId } = await visit(b, `https://${c.host}:${c.port}/`);
      const popup = await openPopup(b, tabId);
      writeArtifact('policy-chromium-port-refused-ja.png', await popup.screenshot({ fullPage: true }));
      assert.equal(await popup.getAttribute('body', 'data-state'), 'host-refused');
      assert.match(await popup.locator('#host-status').innerText(), /ブラウザが出したエラーだけから説明しています/);
      const findings = await popup.locator('section.finding').evaluateAll((els) => els.map((e) => [e.dataset.finding, e.innerText]));
      const ids = findings.map(([id]) => id);
      // The browser's error leads; the refusal says why nothing more was measured.
      assert.equal(ids[0], 'browser_error', ids.join(' '));
      const refused = findings.find(([id]) => id === 'refused_by_policy');
      assert.ok(refused, ids.join(' '));
      await popup.locator('details.also > summary').first().click();
      assert.match(await popup.locator('section.finding[data-finding="refused_by_policy"]').innerText(), new RegExp(`ポート${c.port}`));
      await popup.close();
    } finally {
      await b.close();
    }
  });

  test('probing disabled and the language locked: no host started, the browser’s report in English', async () => {
    const c = lab.cases.get('wrong-host');
    // The host registered through a wrapper that leaves a mark when the browser starts it.
    let mark;
    const b = await launch(lab, {
      settings: { ...HELPDESK, hostProbing: false, language: 'en', languageLocked: true },
      register: (dir) => {
        mark = join(dir, 'host-started');
        registerWrapper(dir, `touch '${mark}'\nexec '${HOST_BIN}' "$@"`);
      },
    });
    try {
      const { tabId } = await visit(b, `https://${c.host}:${c.port}/`);
      const popup = await openPopup(b, tabId);
      writeArtifact('policy-chromium-probing-off-en.png', await popup.screenshot({ fullPage: true }));
      const seen = await primary(popup);
      assert.equal(seen.state, 'host-disabled', seen.text.slice(0, 300));
      assert.equal(await popup.getAttribute('html', 'lang'), 'en');
      assert.equal(await popup.locator('#lang-switch').isVisible(), false, 'the language can still be switched');
      assert.match(await popup.locator('#host-status').innerText(), /browser's error alone|browser’s error alone|from the browser/i);
      assert.match((await helpdesk(popup)).text, /Example Corp/);
      assert.equal(existsSync(mark), false, 'the host was started although probing is disabled');
      // The model says why there was no check, after the browser's own error.
      const ids = await popup.locator('section.finding').evaluateAll((els) => els.map((e) => e.dataset.finding));
      assert.equal(ids[0], 'browser_error', ids.join(' '));
      assert.ok(ids.includes('refused_by_policy'), ids.join(' '));
      // The mail panel cannot ask the host either, and says why.
      await popup.click('#tab-mail');
      await popup.fill('#mail-input', 'user@example.co.jp');
      await popup.click('#mail-submit');
      await popup.waitForSelector('#mail-panel[data-state="host-disabled"]');
      assert.match(await popup.locator('#mail-notice').innerText(), /turned off server checks/);
      // The same tab, as the user would click it again: still nothing started.
      await popup.reload();
      await popup.waitForSelector('body[data-state="host-disabled"]');
      assert.equal(existsSync(mark), false, 'the host was started although probing is disabled');
      await popup.close();
    } finally {
      await b.close();
    }
  });

  test('the mail panel sends the admin’s SNTP servers with its request, and the admin’s limits', async () => {
    const c = lab.cases.get('wrong-host');
    // The host registered through a wrapper that keeps a copy of what the browser sends it.
    let log;
    const b = await launch(lab, {
      settings: { ntpServers: ['127.0.0.1:9'], allowedPorts: [443, c.port] },
      register: (dir) => {
        log = join(dir, 'requests.bin');
        registerWrapper(dir, `tee -a '${log}' | '${HOST_BIN}' "$@"`);
      },
    });
    try {
      const popup = await b.context.newPage();
      await popup.goto(`chrome-extension://${CHROME_EXTENSION_ID}/pages/popup.html?tab=-1&panel=mail`);
      await popup.waitForSelector('body[data-state="no-error"]');
      await popup.fill('#mail-input', `127.0.0.1:${c.port}`);
      await popup.click('#mail-submit');
      await popup.waitForSelector('#mail-panel[data-state="done"]', { timeout: 45_000 });
      // Native messaging frames each message with its length: the JSON is between.
      const sent = readFileSync(log).toString('latin1');
      const request = JSON.parse(sent.slice(sent.indexOf('{')));
      assert.equal(request.type, 'check', sent);
      assert.deepEqual(request.client?.ntp_servers, ['127.0.0.1:9'], sent);
      assert.deepEqual(request.limits?.allowed_ports, [443, c.port], sent);
      await popup.close();
    } finally {
      await b.close();
    }
  });
});

/** An HTTP public-key pin of a certificate file: `sha256/` and the base64 SHA-256 of its
 * SubjectPublicKeyInfo, as an admin would compute it with openssl. */
function keyPin(certFile) {
  const spki = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-pubkey']);
  const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: spki });
  const digest = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der });
  return `sha256/${digest.toString('base64')}`;
}

describe('Chromium: the organisation’s own CA', () => {
  let work;
  let server;
  let ca;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'tls-doctor-policy-'));
    ca = makeCa(work, 'Example Corp Internal Root');
    // An internal server that sends its root along, as many do; nothing here trusts the root.
    const leaf = makeLeaf(ca, work, 'wiki.corp.lab.test');
    server = createServer({ key: leaf.key, cert: leaf.cert + readFileSync(ca.cert, 'utf8') }, (req, res) => res.end('wiki\n'));
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
  });

  after(() => {
    server?.closeAllConnections();
    server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const [how, settings] of [
    ['by its internal domain', () => ({ internalDomains: ['corp.lab.test'] })],
    ['by the declared root’s public-key pin', () => ({ internalRootCAs: [keyPin(ca.cert)] })],
  ]) {
    test(`a device without the organisation’s root, ${how} → internal_ca_untrusted`, async () => {
      const b = await launch(lab, { settings: { ...HELPDESK, ...settings() }, names: ['wiki.corp.lab.test'] });
      try {
        const { tabId, error } = await visit(b, `https://wiki.corp.lab.test:${server.address().port}/`);
        assert.equal(error, 'net::ERR_CERT_AUTHORITY_INVALID');
        const popup = await openPopup(b, tabId);
        writeArtifact(`policy-internal-ca-${how.replace(/\W+/g, '-')}-ja.png`, await popup.screenshot({ fullPage: true }));
        const seen = await primary(popup);
        const shown = `${seen.id} (${seen.state}): ${seen.text.slice(0, 300)}`;
        assert.equal(seen.state, 'confirmed', shown);
        assert.equal(seen.id, 'internal_ca_untrusted', shown);
        assert.equal(seen.side, 'client', shown);
        assert.match(seen.text, /この端末に、組織の認証局が登録されていません/, shown);
        assert.match(seen.text, /Example Corp Internal Root/, shown);
        // The server is not blamed for the same chain.
        const all = await popup.locator('section.finding').evaluateAll((els) => els.map((e) => e.dataset.finding));
        assert.ok(!all.includes('unknown_issuer'), all.join(' '));
        await popup.close();
      } finally {
        await b.close();
      }
    });
  }
});

describe('Firefox ESR with policies.json', () => {
  const UUID = '0b9e4f3c-7a51-4d2e-8c6a-1f2e3d4c5b6a';
  let firefox;
  let session;

  before(async () => {
    const settings = { ...PROBES_OFF, ...HELPDESK, ...MISTAKES, internalDomains: ['corp.example.co.jp'], proceedAdvice: 'internal' };
    // The settings come from policies.json alone: no managed storage, no host registered.
    firefox = await startFirefox(lab, {
      uuid: UUID,
      settings: null,
      register: false,
      prepare: (home) => {
        const policies = join(home.home, 'firefox-policies');
        mkdirSync(policies);
        const policy = { policies: { '3rdparty': { Extensions: { [FIREFOX_EXTENSION_ID]: { ...settings, colour: 'blue' } } } } };
        writeFileSync(join(policies, 'policies.json'), JSON.stringify(policy, null, 2));
        return { TLS_DOCTOR_FIREFOX_POLICIES: policies };
      },
    });
    session = await firefox.open({ roots: {} });
  });

  after(() => firefox?.close());

  test('the 3rdparty section arrives as managed settings: the help desk, the options page, the ignored key', async () => {
    await session.navigate(`${firefox.pages}/options.html`);
    const managed = await session.execute(() => browser.storage.managed.get());
    // Firefox passes everything, the unknown key too: the extension sorts it out.
    assert.equal(managed.organizationName, HELPDESK.organizationName);
    assert.equal(managed.colour, 'blue');
    const page = await session.waitFor(() => {
      if (document.body.dataset.state !== 'ready') return null;
      return {
        managed: Object.fromEntries([...document.querySelectorAll('#managed tr[data-key]')].map((r) => [r.dataset.key, r.dataset.managed === 'true'])),
        problems: [...document.querySelectorAll('#problems li')].map((li) => `${li.dataset.key}:${li.dataset.problem}`),
      };
    }, 15_000);
    assert.deepEqual(page.problems.sort(), ['colour:unknown'].sort());
    for (const key of ['organizationName', 'helpdeskEmail', 'internalDomains', 'proceedAdvice', 'ntpServers']) {
      assert.equal(page.managed[key], true, `${key} is not shown as managed`);
    }
    writeArtifact('policy-firefox-options-ja.png', await session.screenshot());

    await session.navigate(`${firefox.popup}?tab=-1`);
    const desk = await session.waitFor(() => {
      const box = document.getElementById('helpdesk');
      return box && !box.hidden ? { text: box.innerText, links: [...box.querySelectorAll('a')].map((a) => a.getAttribute('href')) } : null;
    }, 15_000);
    assert.match(desk.text, /Example Corp 情報システム部/);
    assert.deepEqual(desk.links, ['mailto:helpdesk@example.co.jp', 'tel:0312345678', 'https://help.example.co.jp/tls']);
  });
});
