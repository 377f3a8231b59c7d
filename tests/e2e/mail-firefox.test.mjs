// The mail panel's app section in Debian's Firefox ESR (geckodriver), with the real wasm and
// the real native host: an Outlook user walked from the code Outlook showed to the setting to
// change, the lab's nameserver (dns.mjs) serving the domain's SRV records. Run by
// `cargo xtask test` (node --test).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startDns } from './dns.mjs';
import { startFirefox } from './firefox-lab.mjs';
import { startLab, writeArtifact } from './lab.mjs';

// The add-on's internal UUID (see `firefoxSession` in firefox-lab.mjs).
const UUID = '8c1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5';

let lab;
let dns;
let firefox;
let session;

before(async () => {
  lab = await startLab(['ok', 'root-in-chain']);
  const ok = lab.cases.get('ok');
  const other = lab.cases.get('root-in-chain');
  const srv = (c) => ({ type: 'SRV', priority: 0, weight: 1, port: c.port, target: `${c.host}.` });
  dns = await startDns({
    'post.lab.test.': [],
    '_submissions._tcp.post.lab.test.': [srv(ok)],
    '_imaps._tcp.post.lab.test.': [srv(other)],
    ...Object.fromEntries([ok, other].map((c) => [`${c.host}.`, [{ type: 'A', address: '127.0.0.1' }]])),
  });
  firefox = await startFirefox(lab, {
    uuid: UUID,
    prepare: (home) => {
      const resolvConf = join(home.home, 'resolv.conf');
      writeFileSync(resolvConf, `nameserver ${dns.address}\noptions timeout:1 attempts:1\n`);
      return { TLS_DOCTOR_RESOLV_CONF: resolvConf };
    },
  });
  session = await firefox.open();
});

after(async () => {
  await firefox?.close();
  dns?.close();
  lab?.stop();
});

describe('Firefox ESR: the mail panel speaks the mail app’s words', () => {
  test('an Outlook user: 0x800CCC0E pasted, its causes at once, then Outlook’s own choice', async () => {
    const ok = lab.cases.get('ok');
    await session.navigate(`${firefox.popup}?tab=-1`);
    await session.waitFor(() => document.body.dataset.state === 'no-error');
    const causes = await session.execute(async () => {
      document.getElementById('tab-mail').click();
      const app = document.getElementById('mail-app-select');
      app.value = 'outlook_classic';
      app.dispatchEvent(new Event('change'));
      const paste = document.getElementById('mail-paste');
      paste.value = 'タスク 送信中 はエラー (0x800CCC0E) を報告しました: サーバーに接続できません。';
      paste.dispatchEvent(new Event('input'));
      const box = document.getElementById('mail-causes-box');
      return {
        state: document.getElementById('mail-panel').dataset.state,
        message: box?.dataset.message,
        picked: document.getElementById('mail-message-select').value,
        causes: [...(box?.querySelectorAll('li') ?? [])].map((li) => li.dataset.cause),
      };
    });
    assert.equal(causes.state, 'idle', 'the causes come before the host is asked');
    assert.equal(causes.message, 'outlook_0x800ccc0e');
    assert.equal(causes.picked, 'outlook_0x800ccc0e');
    assert.deepEqual(causes.causes.slice(0, 2), ['unreachable', 'port_security_mismatch']);

    await session.execute(() => {
      document.getElementById('mail-input').value = 'user@post.lab.test';
      document.getElementById('mail-form').requestSubmit();
    });
    const state = await session.waitFor(() => {
      const s = document.getElementById('mail-panel').dataset.state;
      return ['idle', 'checking'].includes(s) ? null : s;
    }, 60_000);
    assert.equal(state, 'done');
    const steps = await session.waitFor(() => {
      const box = document.getElementById('mail-app-steps');
      if (!box) return null;
      return {
        app: box.dataset.app,
        path: box.querySelector('.path').textContent,
        settings: [...box.querySelectorAll('dl.lines[data-role]')].map((dl) => ({
          role: dl.dataset.role,
          choice: dl.dataset.choice,
          rows: [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]),
        })),
      };
    });
    assert.equal(steps.app, 'outlook_classic');
    assert.match(steps.path, /「ファイル」＞「アカウント設定」/);
    const outgoing = steps.settings.find((s) => s.role === 'outgoing');
    assert.deepEqual(outgoing.rows, [
      ['サーバー', ok.host],
      ['ポート', String(ok.port)],
      ['使用する暗号化接続の種類', 'SSL/TLS'],
    ]);
    for (const s of steps.settings) {
      assert.equal(s.choice, 'ssl_tls');
      assert.ok(!s.rows.some(([, v]) => v === 'なし' || v === '自動'), JSON.stringify(s));
    }
    writeArtifact('firefox-mail-app-ja.png', await session.screenshot());
  });
});
