// The extension's checks of the admin's managed settings (extension/js/managed.js), in Node:
// every key's good and bad values, and what is reported. No browser needed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { DEFAULTS, PROTOCOLS, fingerprint, readManaged } from '../../extension/js/managed.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../../extension/managed_schema.json', import.meta.url), 'utf8'));
const SHA = 'ab'.repeat(32);

test('every setting in the schema has a default and a check, and nothing else does', () => {
  assert.deepEqual(Object.keys(DEFAULTS).sort(), Object.keys(SCHEMA.properties).sort());
  for (const key of Object.keys(SCHEMA.properties)) {
    const { problems } = readManaged({ [key]: Symbol('not JSON') });
    assert.equal(problems.length, 1, `${key}: a value of no JSON type is not reported`);
    assert.notEqual(problems[0].problem, 'unknown', `${key} is in the schema but has no check`);
  }
});

test('nothing managed, or not an object: the defaults, and only the latter is reported', () => {
  for (const raw of [undefined, null, {}]) {
    assert.deepEqual(readManaged(raw), { settings: { ...DEFAULTS }, managed: [], problems: [] });
  }
  for (const raw of ['text', [1, 2], 42]) {
    const r = readManaged(raw);
    assert.deepEqual(r.settings, { ...DEFAULTS });
    assert.deepEqual(r.problems, [{ key: '', problem: 'type', expected: 'object' }]);
  }
});

test('good values are used, trimmed and normalised', () => {
  const colons = SHA.toUpperCase().match(/../g).join(':');
  const pin = `sha256/${Buffer.alloc(32, 0xcd).toString('base64')}`;
  const { settings, managed, problems } = readManaged({
    organizationName: '  Example Corp 情報システム部 ',
    helpdeskEmail: 'helpdesk@example.co.jp',
    helpdeskUrl: 'https://help.example.co.jp/tls',
    helpdeskPhone: '03-1234-5678 内線 100',
    expectedInspectionCAs: [colons, pin],
    internalRootCAs: [SHA],
    internalDomains: ['*.Corp.Example.co.jp', '.intra.example.jp'],
    proceedAdvice: 'never',
    language: 'en',
    languageLocked: true,
    hostProbing: false,
    allowedPorts: [443, 8443],
    allowedProtocols: ['tls', 'smtp'],
    allowedHosts: ['*.example.co.jp', '10.0.0.0/8', 'fd00::/8'],
    blockedHosts: ['secret.example.co.jp'],
    privateAddresses: false,
    probeTimeoutSeconds: 5,
    ntpServers: ['ntp.example.co.jp', 'ntp2.example.co.jp:123'],
    portalCheckUrl: '',
    canary: 'www.example.com:443',
  });
  assert.deepEqual(problems, []);
  assert.equal(managed.length, Object.keys(DEFAULTS).length);
  assert.equal(settings.organizationName, 'Example Corp 情報システム部');
  assert.deepEqual(settings.expectedInspectionCAs, [SHA, `spki:${'cd'.repeat(32)}`]);
  assert.deepEqual(settings.internalDomains, ['corp.example.co.jp', 'intra.example.jp']);
  assert.equal(settings.proceedAdvice, 'never');
  assert.equal(settings.hostProbing, false);
  assert.deepEqual(settings.allowedPorts, [443, 8443]);
  assert.equal(settings.portalCheckUrl, '', 'an empty check URL turns the check off');
});

test('bad values are not used, and each is reported with its key', () => {
  const { settings, managed, problems } = readManaged({
    organizationName: 42,
    helpdeskEmail: 'not an address',
    helpdeskUrl: 'javascript:alert(1)',
    helpdeskPhone: 'call us',
    expectedInspectionCAs: [SHA, 'abcd', 7],
    internalDomains: 'corp.example.jp',
    proceedAdvice: 'sometimes',
    language: 'fr',
    languageLocked: 'yes',
    hostProbing: 0,
    allowedPorts: [443, 0, 70000, '80', 1.5],
    allowedProtocols: ['tls', 'gopher'],
    allowedHosts: ['ok.example.jp', 'bad host'],
    privateAddresses: 'false',
    probeTimeoutSeconds: 600,
    ntpServers: ['a.example.jp', 'b.example.jp:99999'],
    portalCheckUrl: 'https://portal.example.jp/',
    canary: 'x y',
    colour: 'blue',
  });
  const seen = problems.map((p) => `${p.key}:${p.problem}:${p.detail ?? p.expected ?? ''}`);
  assert.deepEqual(seen.sort(), [
    'allowedHosts:value:bad host',
    'allowedPorts:type:80',
    'allowedPorts:type:1.5',
    'allowedPorts:value:0',
    'allowedPorts:value:70000',
    'allowedProtocols:value:gopher',
    'canary:value:x y',
    'colour:unknown:',
    'expectedInspectionCAs:type:7',
    'expectedInspectionCAs:value:abcd',
    'helpdeskEmail:value:not an address',
    'helpdeskPhone:value:call us',
    'helpdeskUrl:value:javascript:alert(1)',
    'hostProbing:type:boolean',
    'internalDomains:type:array',
    'language:value:fr',
    'languageLocked:type:boolean',
    'ntpServers:value:b.example.jp:99999',
    'organizationName:type:string',
    'portalCheckUrl:value:https://portal.example.jp/',
    'privateAddresses:type:boolean',
    'probeTimeoutSeconds:value:600',
    'proceedAdvice:value:sometimes',
  ].sort());
  // The good entries of a list still apply; a bad scalar leaves the default.
  assert.deepEqual(settings.expectedInspectionCAs, [SHA]);
  assert.deepEqual(settings.allowedPorts, [443]);
  assert.deepEqual(settings.allowedProtocols, ['tls']);
  assert.deepEqual(settings.ntpServers, ['a.example.jp']);
  assert.equal(settings.hostProbing, true);
  assert.equal(settings.proceedAdvice, 'always');
  assert.equal(settings.helpdeskUrl, '');
  assert.equal(settings.portalCheckUrl, undefined);
  assert.ok(managed.includes('allowedPorts') && !managed.includes('proceedAdvice'));
});

test('sizes are bounded', () => {
  const { settings, problems } = readManaged({
    organizationName: 'x'.repeat(301),
    allowedHosts: Array.from({ length: 300 }, (_, i) => `h${i}.example.jp`),
    ntpServers: Array.from({ length: 9 }, (_, i) => `ntp${i}.example.jp`),
  });
  assert.equal(settings.organizationName, '');
  assert.equal(settings.allowedHosts.length, 256);
  assert.equal(settings.ntpServers.length, 8);
  assert.deepEqual(
    problems.map((p) => `${p.key}:${p.problem}`).sort(),
    ['allowedHosts:too_many', 'ntpServers:too_many', 'organizationName:too_long'],
  );
});

test('fingerprints: certificate hashes in any common spelling, key pins by their base64', () => {
  assert.equal(fingerprint(SHA.toUpperCase()), SHA);
  assert.equal(fingerprint(SHA.match(/../g).join(' ')), SHA);
  assert.equal(fingerprint(SHA.slice(2)), null);
  assert.equal(fingerprint(`sha256/${Buffer.alloc(31).toString('base64')}`), null);
  assert.equal(fingerprint(`sha256/${Buffer.alloc(32, 1).toString('base64')}`), `spki:${'01'.repeat(32)}`);
  assert.ok(PROTOCOLS.includes('tls') && PROTOCOLS.includes('smtp'));
});
