// The admin's managed settings (`storage.managed`: Chrome's and Edge's policy for this
// extension, Firefox's `3rdparty` policies), checked by managed.js, and what the rest of the
// extension makes of them: the host's request options, the model's settings, the language.
// Nothing managed is the usual case: Chromium then answers `{}`, Firefox without a policy
// rejects. Either way the defaults apply.

import { api } from './platform.js';
import { DEFAULTS, readManaged } from './managed.js';

export { DEFAULTS };

/** `{ settings, managed, problems }` (see managed.js `readManaged`). Never rejects. Problems
 * also go to the console, for an admin looking at the extension's pages. */
export async function managedSettings() {
  let raw;
  try {
    raw = await api.storage.managed.get();
  } catch {
    // Firefox without a policy for this add-on: "Managed storage manifest not found".
    raw = {};
  }
  const read = readManaged(raw);
  for (const p of read.problems) console.warn('TLS Doctor: managed setting ignored', p);
  return read;
}

/** Where the background keeps the managed settings it read (`readManaged`'s answer), in
 * session storage: a popup paints at once with them, while it asks again. */
export const MANAGED_KEY = 'managed';

/** Reads the managed settings and keeps them for the popups (the background, at start-up and
 * whenever the policy changes). */
export async function keepManagedSettings() {
  const read = await managedSettings();
  await api.storage.session.set({ [MANAGED_KEY]: read });
  return read;
}

/** The managed settings the background kept, or null when it has not yet. Never rejects. */
export async function keptManagedSettings() {
  try {
    return (await api.storage.session.get(MANAGED_KEY))[MANAGED_KEY] ?? null;
  } catch {
    return null;
  }
}

/** The check request's `client` field (the local probes): only what the admin set, or undefined when nothing is
 * (the host's defaults, and a request an older host reads too). */
export function localProbeOptions(settings) {
  const local = {};
  if (settings.ntpServers !== undefined) local.ntp_servers = settings.ntpServers;
  if (settings.portalCheckUrl !== undefined) local.portal_url = settings.portalCheckUrl;
  if (settings.canary !== undefined) local.canary = settings.canary;
  return Object.keys(local).length ? local : undefined;
}

/** The check request's `limits` field: the admin's limits on what the host may probe, or
 * undefined when there are none. The host applies them on top of its own policy file: a
 * request can only narrow what the host's policy allows. */
export function probeLimits(settings) {
  const limits = {};
  if (settings.allowedPorts !== undefined) limits.allowed_ports = settings.allowedPorts;
  if (settings.allowedProtocols !== undefined) limits.allowed_protocols = settings.allowedProtocols;
  if (settings.allowedHosts !== undefined) limits.allowed_hosts = settings.allowedHosts;
  if (settings.blockedHosts !== undefined) limits.blocked_hosts = settings.blockedHosts;
  if (settings.privateAddresses === false) limits.private_addresses = false;
  if (settings.probeTimeoutSeconds !== undefined) limits.max_timeout_seconds = settings.probeTimeoutSeconds;
  return Object.keys(limits).length ? limits : undefined;
}

/** What the model reads of the settings (`explain`'s last argument): one `key<TAB>value` per
 * line, read in the module without a JSON deserializer (see wasm/bindings `settings`). Values
 * were checked by managed.js; tabs and line breaks cannot survive in them. */
export function modelSettings(settings) {
  const clean = (s) => String(s).replace(/[\t\r\n]+/g, ' ');
  const lines = [
    ...settings.expectedInspectionCAs.map((v) => ['expected_ca', v]),
    ...settings.internalRootCAs.map((v) => ['internal_root', v]),
    ...settings.internalDomains.map((v) => ['internal_domain', v]),
    ['proceed', settings.proceedAdvice],
    ['probing', settings.hostProbing ? 'on' : 'off'],
    ['org', settings.organizationName],
    ['email', settings.helpdeskEmail],
    ['url', settings.helpdeskUrl],
    ['phone', settings.helpdeskPhone],
  ];
  return lines
    .filter(([, v]) => v !== '' && v !== undefined)
    .map(([k, v]) => `${k}\t${clean(v)}`)
    .join('\n');
}

/** The language to show: the admin's when locked (the browser's when locked without one),
 * else the user's choice, else the admin's default, else the browser's. */
export function chooseLanguage(settings, stored, browserLanguage) {
  if (settings.languageLocked) return settings.language ?? browserLanguage;
  return stored ?? settings.language ?? browserLanguage;
}

/** Does the admin give any help-desk contact? */
export function hasContact(settings) {
  return Boolean(settings.organizationName || settings.helpdeskEmail || settings.helpdeskUrl || settings.helpdeskPhone);
}
