// early.js (a classic script, so it cannot import) names the storage keys the popup reads
// before its modules load: they must be the keys the rest of the extension writes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

const JS = new URL('../../extension/js/', import.meta.url);

/** A browser namespace that answers every call and records what was asked of storage. */
function fakeApi(asked) {
  return {
    runtime: {},
    tabs: { query: async () => [{ id: 7 }] },
    storage: {
      local: { get: async (keys) => (asked.local = keys) && {} },
      session: { get: async (keys) => (asked.session = keys) && {} },
    },
  };
}

for (const search of ['?tab=7', '']) {
  test(`early.js reads the keys the background writes (${search || 'the active tab'})`, async () => {
    const asked = {};
    const api = fakeApi(asked);
    // The modules read the namespace when they load.
    globalThis.chrome = api;
    const { tabKey, viewKey } = await import(new URL('platform.js', JS));
    const { MANAGED_KEY } = await import(new URL('settings.js', JS));
    const context = { chrome: api, location: { search }, URLSearchParams, Promise };
    runInNewContext(readFileSync(new URL('early.js', JS), 'utf8'), context);
    const [tabId] = await context.popupReads;
    assert.equal(tabId, 7);
    assert.equal(asked.local, 'lang');
    assert.deepEqual([...asked.session].sort(), [MANAGED_KEY, tabKey(7), viewKey(7)].sort());
  });
}
