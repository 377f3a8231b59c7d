// The admin's managed settings (`storage.managed`: Chrome's policy for this extension, Firefox's
// `3rdparty` policies), with the defaults in code. Nothing managed is the usual case: Chromium
// then answers `{}`, Firefox without a policy rejects. Either way the defaults apply.
//
// - `expectedInspectionCAs`: SHA-256 fingerprints (hex, colons allowed) of the CA certificates
//   the organisation's TLS inspection signs with; the model tells its re-signing apart from an
//   unknown one. Default: none.
// - `ntpServers`, `portalCheckUrl`, `canary`: the host's client-side probes (a reference clock,
//   the captive-portal check, the canary handshake). Absent: the host's own defaults. An empty
//   value turns the probe off.

import { api } from './platform.js';

/** The settings when nothing is managed. */
export const DEFAULTS = Object.freeze({
  expectedInspectionCAs: [],
  ntpServers: undefined,
  portalCheckUrl: undefined,
  canary: undefined,
});

/** The managed settings, validated, defaults filled in. Never rejects. */
export async function managedSettings() {
  let raw;
  try {
    raw = await api.storage.managed.get();
  } catch {
    // Firefox without a policy for this add-on: "Managed storage manifest not found".
    raw = {};
  }
  return readSettings(raw);
}

/** `raw` (what `storage.managed.get()` gave) checked key by key: a value of the wrong shape
 * counts as absent. */
export function readSettings(raw) {
  const r = raw && typeof raw === 'object' ? raw : {};
  const strings = (v) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? v.map((s) => s.trim()) : undefined);
  return {
    expectedInspectionCAs: (strings(r.expectedInspectionCAs) ?? []).map(fingerprint).filter(Boolean),
    ntpServers: strings(r.ntpServers)?.filter((s) => s !== ''),
    portalCheckUrl: typeof r.portalCheckUrl === 'string' ? r.portalCheckUrl.trim() : undefined,
    canary: typeof r.canary === 'string' ? r.canary.trim() : undefined,
  };
}

/** A SHA-256 fingerprint as lowercase hex without separators, or null when it is not one
 * (`AB:CD:…`, `ab cd …` and `abcd…` are all accepted). */
export function fingerprint(text) {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** The check request's `client` field: only what the admin set, or undefined when nothing is
 * (the host's defaults, and a request an older host reads too). */
export function clientOptions(settings) {
  const client = {};
  if (settings.ntpServers !== undefined) client.ntp_servers = settings.ntpServers;
  if (settings.portalCheckUrl !== undefined) client.portal_url = settings.portalCheckUrl;
  if (settings.canary !== undefined) client.canary = settings.canary;
  return Object.keys(client).length ? client : undefined;
}

/** What the model reads of the settings (`explain`'s last argument), as JSON text. */
export function modelSettings(settings) {
  return JSON.stringify({ expected_cas: settings.expectedInspectionCAs });
}
