// The popup's 「メールの設定を診断」 panel in Debian's Chromium, headless, with the real wasm and
// the real native host: the tabs from the keyboard, input checks, one server and port against
// the lab, and a mail address whose SRV records a tiny nameserver (dns.mjs) serves. Run by
// `cargo xtask test` (node --test). Then an iPhone, an Outlook and a Thunderbird user are
// walked from the message their app showed to the setting to change.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startDns } from './dns.mjs';
import { launch } from './chromium-lab.mjs';
import { CHROME_EXTENSION_ID, host, startLab, writeArtifact } from './lab.mjs';

// No tab with an error: the popup opens on "nothing recorded", the mail tab is a click away.
const POPUP = `chrome-extension://${CHROME_EXTENSION_ID}/pages/popup.html?tab=-1`;
/** Where the screenshot of a result is also copied, for people to look at. */
const SCREENSHOT = process.env.TLS_DOCTOR_MAIL_SCREENSHOT ?? '/tmp/mail-panel-ja.png';

let lab;
let browser;
let profile;
let context;
let dns;
before(async () => {
  lab = await startLab(['ok', 'expired', 'root-in-chain']);
  const ok = lab.cases.get('ok');
  const expired = lab.cases.get('expired');
  const other = lab.cases.get('root-in-chain');
  // post.lab.test: submission over implicit TLS on a healthy server; IMAP on the expired
  // one first, another healthy one second. nothing.lab.test: no records at all.
  const srv = (priority, c) => ({ type: 'SRV', priority, weight: 1, port: c.port, target: `${c.host}.` });
  dns = await startDns({
    'post.lab.test.': [],
    '_submissions._tcp.post.lab.test.': [srv(0, ok)],
    '_imaps._tcp.post.lab.test.': [srv(0, expired), srv(10, other)],
    ...Object.fromEntries([ok, expired, other].map((c) => [`${c.host}.`, [{ type: 'A', address: '127.0.0.1' }]])),
  });
  browser = await launch(lab, {
    env: (home) => {
      const resolvConf = join(home.home, 'resolv.conf');
      writeFileSync(resolvConf, `nameserver ${dns.address}\noptions timeout:1 attempts:1\n`);
      return { TLS_DOCTOR_RESOLV_CONF: resolvConf };
    },
    blockPlainHttp: false,
  });
  ({ context, profile } = browser);
});

after(async () => {
  await browser?.close();
  dns?.close();
  lab?.stop();
});

async function openPopup() {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 420, height: 600 });
  await popup.goto(POPUP);
  await popup.waitForSelector('body[data-state="no-error"]');
  return popup;
}

async function openMailTab() {
  const popup = await openPopup();
  await popup.click('#tab-mail');
  await popup.waitForSelector('#mail-panel:not([hidden])');
  return popup;
}

/** Types `text`, submits with Enter, and waits until the panel leaves `checking`. */
async function submit(popup, text) {
  await popup.fill('#mail-input', text);
  await popup.press('#mail-input', 'Enter');
  await popup.waitForFunction(() => !['idle', 'checking'].includes(document.getElementById('mail-panel').dataset.state), null, {
    timeout: 60_000,
  });
  return popup.getAttribute('#mail-panel', 'data-state');
}

async function screenshot(popup, name) {
  // The header is sticky: from the top, it is drawn where it belongs.
  await popup.evaluate(() => window.scrollTo(0, 0));
  const path = writeArtifact(name, await popup.screenshot({ fullPage: true }));
  if (name === 'mail-panel-ja.png') copyFileSync(path, SCREENSHOT);
  return path;
}

describe('Chromium: the mail panel', () => {
  test('the tab is reached and switched from the keyboard', async () => {
    const popup = await openPopup();
    assert.equal(await popup.locator('#tabs').getAttribute('role'), 'tablist');
    assert.equal(await popup.locator('#tab-mail').innerText(), 'メールの設定を診断');
    assert.equal(await popup.getAttribute('#tab-page', 'aria-selected'), 'true');
    // Tab moves through the header's buttons to the selected tab (only that one is in the
    // Tab order), the arrows select the other.
    for (let i = 0; i < 6; i++) {
      if ((await popup.evaluate(() => document.activeElement?.id)) === 'tab-page') break;
      await popup.keyboard.press('Tab');
    }
    assert.equal(await popup.evaluate(() => document.activeElement?.id), 'tab-page');
    await popup.keyboard.press('ArrowRight');
    assert.equal(await popup.evaluate(() => document.activeElement?.id), 'tab-mail');
    assert.equal(await popup.getAttribute('#tab-mail', 'aria-selected'), 'true');
    assert.equal(await popup.getAttribute('#tab-page', 'tabindex'), '-1');
    assert.ok(await popup.isVisible('#mail-panel'));
    assert.ok(await popup.isHidden('#main'));
    // The next Tab stop is the input.
    await popup.keyboard.press('Tab');
    assert.equal(await popup.evaluate(() => document.activeElement?.id), 'mail-input');
    assert.match(await popup.locator('#mail-via').innerText(), /診断ツール/);
    await popup.locator('#tab-mail').focus();
    await popup.keyboard.press('ArrowLeft');
    assert.equal(await popup.getAttribute('#tab-page', 'aria-selected'), 'true');
    assert.ok(await popup.isHidden('#mail-panel'));
    await popup.close();
  });

  test('obvious mistakes are answered at once, without the host', async () => {
    const popup = await openMailTab();
    assert.equal(await submit(popup, '   '), 'invalid');
    assert.match(await popup.locator('#mail-error').innerText(), /入力してください/);
    assert.equal(await popup.getAttribute('#mail-input', 'aria-invalid'), 'true');
    assert.equal(await submit(popup, 'user @example'), 'invalid');
    assert.match(await popup.locator('#mail-error').innerText(), /「user @example」は、メールアドレスとしても/);
    assert.equal(await submit(popup, 'mail.example.jp:70000'), 'invalid');
    assert.match(await popup.locator('#mail-error').innerText(), /ポート番号/);
    await popup.close();
  });

  test('a server and port: implicit TLS on the lab server is checked and explained', async () => {
    const popup = await openMailTab();
    const ok = lab.cases.get('ok');
    assert.equal(await submit(popup, `${ok.host}:${ok.port}`), 'done');
    const finding = popup.locator('#mail-result section.finding').first();
    assert.equal(await finding.getAttribute('data-finding'), 'ok');
    assert.match(await popup.locator('#mail-result .result-title').innerText(), new RegExp(`${ok.host}:${ok.port}`));
    assert.match(await popup.locator('#mail-result .plain-warning').innerText(), /「SSLなし」/);

    const expired = lab.cases.get('expired');
    assert.equal(await submit(popup, `${expired.host}:${expired.port}`), 'done');
    const bad = popup.locator('#mail-result section.finding').first();
    assert.equal(await bad.getAttribute('data-finding'), 'cert_expired');
    assert.match(await bad.locator('h2').innerText(), /有効期限が切れています/);
    await screenshot(popup, 'mail-panel-server-ja.png');
    await popup.close();
  });

  test('a mail address: servers found by SRV, checked, and the settings recommended', async () => {
    const popup = await openMailTab();
    const ok = lab.cases.get('ok');
    const other = lab.cases.get('root-in-chain');
    assert.equal(await submit(popup, 'user@post.lab.test'), 'done');
    assert.ok(dns.queries.some((q) => q.name === '_submissions._tcp.post.lab.test.'), JSON.stringify(dns.queries));
    const rows = await popup.locator('#mail-recommended tbody tr').allInnerTexts();
    assert.equal(rows.length, 2, rows.join('\n'));
    assert.match(rows[0], new RegExp(`送信（SMTP）\\s+${ok.host}\\s+${ok.port}\\s+SSL/TLS`));
    assert.match(rows[1], new RegExp(`受信（IMAP）\\s+${other.host}\\s+${other.port}\\s+SSL/TLS`));
    assert.match(await popup.locator('#mail-verdict').innerText(), /安全に使える設定が見つかりました/);
    assert.match(await popup.locator('#mail-result .plain-warning').innerText(), /「SSLなし」/);
    // Each server checked, with its primary finding; the expired one opens to its details.
    const servers = popup.locator('#mail-servers details.server');
    assert.equal(await servers.count(), 3);
    const expired = popup.locator('#mail-servers details.server[data-finding="cert_expired"]');
    assert.match(await expired.locator(':scope > summary').innerText(), /有効期限が切れています/);
    await expired.locator(':scope > summary').click();
    assert.ok(await expired.locator('section.finding[data-finding="cert_expired"]').isVisible());
    await screenshot(popup, 'mail-panel-ja.png');
    // The same result in English, explained again by the wasm.
    await popup.click('#lang-switch button[data-lang="en"]');
    await popup.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await popup.locator('#tab-mail').innerText(), 'Check mail settings');
    assert.match(await popup.locator('#mail-recommended').innerText(), /Outgoing \(SMTP\)/);
    await screenshot(popup, 'mail-panel-en.png');
    await popup.click('#lang-switch button[data-lang="ja"]');
    await popup.close();
  });

  test('a mail address with nothing registered: nothing found, and still no "SSLなし"', async () => {
    const popup = await openMailTab();
    const state = await submit(popup, 'user@nothing.lab.test');
    assert.equal(state, 'done');
    const verdict = await popup.locator('#mail-verdict').innerText();
    assert.match(verdict, /見つかりませんでした/);
    assert.match(verdict, /「SSLなし」/);
    assert.equal(await popup.locator('#mail-recommended').count(), 0);
    await screenshot(popup, 'mail-panel-nothing-ja.png');
    await popup.close();
  });

  test('without the host, the panel says how to get it and keeps the input', async () => {
    host('uninstall', 'chromium', join(profile, 'NativeMessagingHosts'));
    try {
      const popup = await openMailTab();
      assert.equal(await submit(popup, 'mail.example.jp:993'), 'host-missing');
      assert.match(await popup.locator('#mail-notice').innerText(), /入っていません/);
      assert.equal(await popup.inputValue('#mail-input'), 'mail.example.jp:993');
      await popup.close();
    } finally {
      host('install', 'chromium', join(profile, 'NativeMessagingHosts'));
    }
  });

  // The app section: pick the app and the message (or paste it), see the likely causes at once,
  // check the address, and read the app's own setting for the recommended server.
  async function pickApp(popup, app, { message = null, paste = null } = {}) {
    await popup.selectOption('#mail-app-select', app);
    if (paste !== null) await popup.fill('#mail-paste', paste);
    else if (message !== null) await popup.selectOption('#mail-message-select', message);
    await popup.waitForSelector('#mail-causes-box');
    return {
      message: await popup.getAttribute('#mail-causes-box', 'data-message'),
      causes: await popup.locator('#mail-causes-box li').evaluateAll((li) => li.map((x) => x.dataset.cause)),
    };
  }

  /** The app's steps after the check: the path, and per direction its rows and choice id. */
  async function appSteps(popup) {
    await popup.waitForSelector('#mail-app-steps');
    return popup.evaluate(() => {
      const box = document.getElementById('mail-app-steps');
      return {
        app: box.dataset.app,
        text: box.textContent,
        path: box.querySelector('.path').textContent,
        settings: [...box.querySelectorAll('dl.lines[data-role]')].map((dl) => ({
          role: dl.dataset.role,
          choice: dl.dataset.choice ?? null,
          rows: [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]),
        })),
      };
    });
  }

  /** No setting's step is an app's "no encryption" (or accept-anything) choice. */
  function neverPlain(steps) {
    for (const s of steps.settings) {
      for (const [, value] of s.rows) {
        assert.ok(!['なし', 'オフ', 'チェックなし', '自動'].includes(value) && !value.includes('すべての証明書'), JSON.stringify(s));
      }
      assert.ok(['ssl_tls', 'starttls', 'on'].includes(s.choice), JSON.stringify(s));
    }
  }

  test('an iPhone user: the pasted dialog, its causes at once, then 「SSLを使用」 on and the port', async () => {
    const popup = await openMailTab();
    const ok = lab.cases.get('ok');
    const other = lab.cases.get('root-in-chain');
    const queries = dns.queries.length;
    const seen = await pickApp(popup, 'ios_mail', { paste: 'SSLで接続できません。アカウントをSSLなしで設定しますか?' });
    assert.equal(seen.message, 'ios_no_ssl');
    assert.equal(await popup.inputValue('#mail-message-select'), 'ios_no_ssl');
    assert.deepEqual(seen.causes.slice(0, 2), ['port_security_mismatch', 'name_mismatch']);
    // Before the host: nothing was asked of anyone.
    assert.equal(await popup.getAttribute('#mail-panel', 'data-state'), 'idle');
    assert.equal(dns.queries.length, queries);
    assert.match(await popup.locator('#mail-causes-box').innerText(), /考えられる原因/);
    // The dialog's question is answered first: no.
    assert.match(await popup.locator('#mail-answer-no').innerText(), /「いいえ」と答えてください/);
    await screenshot(popup, 'mail-app-causes-ja.png');

    assert.equal(await submit(popup, 'user@post.lab.test'), 'done');
    const steps = await appSteps(popup);
    assert.equal(steps.app, 'ios_mail');
    assert.match(steps.path, /「設定」＞「アプリ」＞「メール」＞「メールアカウント」/);
    assert.match(steps.text, /iOS 18/);
    assert.deepEqual(
      steps.settings.map((s) => [s.role, s.choice, s.rows.find(([l]) => l === 'ポート')[1], s.rows.find(([l]) => l === 'SSLを使用')[1]]),
      [
        ['outgoing', 'on', String(ok.port), 'オン'],
        ['incoming_imap', 'on', String(other.port), 'オン'],
      ],
    );
    neverPlain(steps);
    // The steps sit next to the recommended settings.
    assert.ok(await popup.evaluate(() => document.getElementById('mail-recommended').compareDocumentPosition(document.getElementById('mail-app-steps')) & Node.DOCUMENT_POSITION_FOLLOWING));
    await screenshot(popup, 'mail-app-steps-ja.png');
    await popup.close();
  });

  test('an Outlook user: 0x800CCC1A, then 「使用する暗号化接続の種類」 SSL/TLS and where it is', async () => {
    const popup = await openMailTab();
    const ok = lab.cases.get('ok');
    const seen = await pickApp(popup, 'outlook_classic', { message: 'outlook_0x800ccc1a' });
    assert.deepEqual(seen.causes.slice(0, 2), ['port_security_mismatch', 'old_tls']);
    assert.equal(await submit(popup, 'user@post.lab.test'), 'done');
    const steps = await appSteps(popup);
    assert.match(steps.path, /「ファイル」＞「アカウント設定」.*「詳細設定」タブ/);
    const outgoing = steps.settings.find((s) => s.role === 'outgoing');
    assert.deepEqual(outgoing.rows, [
      ['サーバー', ok.host],
      ['ポート', String(ok.port)],
      ['使用する暗号化接続の種類', 'SSL/TLS'],
    ]);
    neverPlain(steps);
    // 「なし」 is explained, as a choice not to make.
    assert.match(steps.text, /なし/);
    await popup.close();
  });

  test('a Thunderbird user, from the keyboard: 「セキュリティ例外の追加」, then 「接続の保護」 SSL/TLS', async () => {
    const popup = await openMailTab();
    const other = lab.cases.get('root-in-chain');
    // The pickers are labelled and in the Tab order after the address form.
    for (const id of ['mail-app-select', 'mail-message-select', 'mail-paste']) {
      assert.ok(await popup.locator(`label[for="${id}"]`).innerText());
    }
    await popup.focus('#mail-input');
    await popup.keyboard.press('Tab');
    await popup.keyboard.press('Tab');
    assert.equal(await popup.evaluate(() => document.activeElement?.id), 'mail-app-select');
    const seen = await pickApp(popup, 'thunderbird', { message: 'thunderbird_exception' });
    assert.equal(seen.causes[0], 'name_mismatch');
    assert.ok(seen.causes.includes('interception'), 'a PC may have antivirus re-signing its mail');
    await popup.keyboard.press('Tab');
    assert.equal(await popup.evaluate(() => document.activeElement?.id), 'mail-message-select');
    assert.equal(await submit(popup, 'user@post.lab.test'), 'done');
    const steps = await appSteps(popup);
    assert.match(steps.path, /「アカウント設定」＞ アカウントの「サーバー設定」/);
    const incoming = steps.settings.find((s) => s.role === 'incoming_imap');
    assert.deepEqual(incoming.rows.slice(1), [
      ['ポート', String(other.port)],
      ['接続の保護', 'SSL/TLS'],
    ]);
    assert.equal(incoming.choice, 'ssl_tls');
    neverPlain(steps);
    // The same steps in English, said again by the wasm.
    await popup.click('#lang-switch button[data-lang="en"]');
    await popup.waitForFunction(() => document.documentElement.lang === 'en');
    const en = await appSteps(popup);
    assert.deepEqual(en.settings.find((s) => s.role === 'incoming_imap').rows[2], ['Connection security', 'SSL/TLS']);
    await popup.click('#lang-switch button[data-lang="ja"]');
    await popup.close();
  });

  test('nothing typed is stored', async () => {
    const popup = await openMailTab();
    const stored = await popup.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
    }));
    assert.ok(!JSON.stringify(stored).includes('lab.test'), JSON.stringify(stored));
    // Nor the app, the message or what was pasted.
    for (const word of ['ios_mail', 'outlook_classic', 'thunderbird', 'SSLなし', '0x800ccc']) {
      assert.ok(!JSON.stringify(stored).toLowerCase().includes(word.toLowerCase()), JSON.stringify(stored));
    }
    await popup.close();
  });
});
