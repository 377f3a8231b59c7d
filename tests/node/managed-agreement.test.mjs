// managed.js keeps in JS what the wasm module has no room for: the protocol list, the probe
// deadline's range, the host patterns and the fingerprint forms. managed-agreement.json says
// how the Rust side reads each (native-host's `policy::managed_js` test holds the host and the
// model to it); here managed.js is held to the same answers. No browser needed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { PROTOCOLS, fingerprint, readManaged } from '../../extension/js/managed.js';

const FIXTURE = JSON.parse(readFileSync(new URL('./managed-agreement.json', import.meta.url), 'utf8'));

test('the protocols are the host’s', () => {
  assert.deepEqual([...PROTOCOLS], FIXTURE.protocols);
  const { problems } = readManaged({ allowedProtocols: FIXTURE.protocols });
  assert.deepEqual(problems, []);
});

test('the probe deadline’s range is the host’s', () => {
  const { min, max } = FIXTURE.probe_timeout_seconds;
  for (const s of [min, max]) assert.deepEqual(readManaged({ probeTimeoutSeconds: s }).problems, [], `${s} s`);
  for (const s of [min - 1, max + 1]) assert.equal(readManaged({ probeTimeoutSeconds: s }).problems.length, 1, `${s} s`);
});

test('host patterns: accepted and refused as the host’s policy reads them', () => {
  for (const key of ['allowedHosts', 'blockedHosts']) {
    for (const p of FIXTURE.host_patterns.accepted) {
      assert.deepEqual(readManaged({ [key]: [p] }).problems, [], `${key}: ${p}`);
    }
    for (const p of FIXTURE.host_patterns.refused) {
      assert.equal(readManaged({ [key]: [p] }).problems.length, 1, `${key}: ${JSON.stringify(p)} is not refused`);
    }
  }
});

test('fingerprints: written in the form the model reads, for the same hash', () => {
  for (const c of FIXTURE.fingerprints) {
    const want = c.sha256 ?? (c.spki ? `spki:${c.spki}` : null);
    assert.equal(fingerprint(c.input), want, c.input);
    const { settings, problems } = readManaged({ internalRootCAs: [c.input], expectedInspectionCAs: [c.input] });
    assert.equal(problems.length, want ? 0 : 2, c.input);
    if (want) assert.deepEqual([settings.internalRootCAs, settings.expectedInspectionCAs], [[want], [want]]);
  }
});
