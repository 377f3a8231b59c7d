// The admin's managed settings, checked key by key. Pure: no browser API, so Node's tests read
// the policy templates through the very same checks (tests/e2e/templates.test.mjs).
//
// Chrome checks a value's type against managed_schema.json and drops a mistyped one before we
// see it (chrome://policy shows the error); Firefox passes anything. So every value is checked
// here again, and more closely than the schema can say (a fingerprint, a port, an address).
// A value that fails is not used, and is reported: `problems` lists each key or entry ignored,
// with the reason, for the options page and the console. Everything else applies.

/** The settings when nothing is managed. `undefined`: the host's own default. */
export const DEFAULTS = Object.freeze({
  organizationName: '',
  helpdeskEmail: '',
  helpdeskUrl: '',
  helpdeskPhone: '',
  expectedInspectionCAs: [],
  internalRootCAs: [],
  internalDomains: [],
  proceedAdvice: 'always',
  language: undefined,
  languageLocked: false,
  hostProbing: true,
  allowedPorts: undefined,
  allowedProtocols: undefined,
  allowedHosts: undefined,
  blockedHosts: undefined,
  privateAddresses: true,
  probeTimeoutSeconds: undefined,
  ntpServers: undefined,
  portalCheckUrl: undefined,
  canary: undefined,
});

// Kept in JS (the wasm module has no room for them) and held to the Rust side by a shared
// fixture, tests/node/managed-agreement.json: the protocol list, the probe deadline's range,
// which host patterns the host accepts, and which fingerprint forms the model reads.

/** The protocols the host speaks: implicit TLS, and the STARTTLS dialogues. */
export const PROTOCOLS = Object.freeze(['tls', 'smtp', 'imap', 'pop3', 'ftp', 'xmpp_client', 'xmpp_server', 'ldap', 'postgres', 'mysql', 'nntp', 'sieve']);

/** Longest text kept from any one value: a policy is not a place for essays. */
const MAX_TEXT = 300;
/** Most entries kept from any one list. */
const MAX_ITEMS = 256;

// One checker per key: `(value) => ({ value } | { problem, detail? })`. A list checker keeps
// the good entries and reports each bad one.
const text = (check) => (v) => {
  if (typeof v !== 'string') return { problem: 'type', expected: 'string' };
  const s = v.trim();
  if (s.length > MAX_TEXT) return { problem: 'too_long' };
  return check(s) ? { value: s } : { problem: 'value', detail: s };
};
const bool = (v) => (typeof v === 'boolean' ? { value: v } : { problem: 'type', expected: 'boolean' });
const oneOf = (choices) => text((s) => choices.includes(s));
const list = (entry, { max = MAX_ITEMS } = {}) => (v) => {
  if (!Array.isArray(v)) return { problem: 'type', expected: 'array' };
  const value = [];
  const entries = [];
  for (const item of v.slice(0, max)) {
    const r = entry(item);
    if ('value' in r) value.push(r.value);
    else entries.push({ ...r, detail: r.detail ?? String(item) });
  }
  if (v.length > max) entries.push({ problem: 'too_many', detail: String(max) });
  return { value, entries };
};
const integer = (min, max) => (v) =>
  Number.isInteger(v) ? (v >= min && v <= max ? { value: v } : { problem: 'value', detail: String(v) }) : { problem: 'type', expected: 'integer' };

const EMAIL = /^[^\s@<>()"',;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const PHONE = /^\+?[0-9][0-9 ()\-.]{1,24}(\s*(ext\.?|内線)\s*[0-9]{1,6})?$/i;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*$/i;
const IP_OR_CIDR = /^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(\/[0-9]{1,3})?$/i;
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4 = new RegExp(`^(${OCTET}\\.){3}${OCTET}$`);

/** An IPv4 or IPv6 address (as Rust's `IpAddr` reads them: no zone, no brackets). */
function isIp(s) {
  if (IPV4.test(s)) return true;
  if (!s.includes(':') || /[^0-9a-f:.]/i.test(s)) return false;
  try {
    new URL(`http://[${s}]/`);
    return true;
  } catch {
    return false;
  }
}

/** A host name in ASCII form (an IDN converted, a final dot dropped), or null: what the host
 * reads as a name. */
function asciiName(s) {
  let name = s.replace(/\.$/, '');
  if (/[^\x00-\x7f]/.test(name)) {
    try {
      name = new URL(`http://${name}/`).hostname;
    } catch {
      return null;
    }
  }
  return HOST_NAME.test(name) ? name : null;
}

function webUrl(s, schemes) {
  try {
    const u = new URL(s);
    return schemes.includes(u.protocol) && u.hostname !== '';
  } catch {
    return false;
  }
}

/** `host` or `host:port`, `[v6]:port`. */
function hostPort(s) {
  const m = s.match(/^(\[[0-9a-f:.]+\]|[^:\s]+)(:([0-9]{1,5}))?$/i);
  if (!m) return false;
  const port = m[3] === undefined ? 1 : Number(m[3]);
  const host = m[1].replace(/^\[|\]$/g, '');
  return port >= 1 && port <= 65535 && (HOST_NAME.test(host) || IP_OR_CIDR.test(host));
}

/** A CA named by the SHA-256 of its certificate (64 hex digits; colons and spaces allowed) or
 * of its public key (`sha256/` + base64, as HTTP public-key pins write it). Returns lowercase
 * hex, `spki:`-prefixed for a public key, or null. */
export function fingerprint(s) {
  const pin = s.match(/^sha256\/([A-Za-z0-9+/]{43}=)$/);
  if (pin) {
    try {
      const bytes = atob(pin[1]);
      if (bytes.length !== 32) return null;
      return `spki:${[...bytes].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')}`;
    } catch {
      return null;
    }
  }
  const hex = s.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

const ca = (v) => {
  if (typeof v !== 'string') return { problem: 'type', expected: 'string' };
  const f = fingerprint(v.trim());
  return f ? { value: f } : { problem: 'value', detail: v.trim() };
};
/** A domain: the name and every name under it. `*.corp.example` and `.corp.example` mean the
 * same. */
const domain = (v) => {
  if (typeof v !== 'string') return { problem: 'type', expected: 'string' };
  const s = v.trim().toLowerCase().replace(/^\*?\./, '').replace(/\.$/, '');
  return HOST_NAME.test(s) && s.includes('.') ? { value: s } : { problem: 'value', detail: v.trim() };
};
/** A host pattern for allowed/blocked hosts: a name, `*.name`, an IP address (IPv6 also in
 * brackets) or a CIDR range; the forms the host's policy reads (`HostPattern::parse`). */
const hostPattern = (v) => {
  if (typeof v !== 'string') return { problem: 'type', expected: 'string' };
  const s = v.trim().toLowerCase();
  const [ip, bits, ...more] = s.split('/');
  const ok =
    bits !== undefined
      ? more.length === 0 && isIp(ip) && /^[0-9]{1,3}$/.test(bits) && Number(bits) <= (ip.includes(':') ? 128 : 32)
      : isIp(s.replace(/^\[(.*)\]$/, '$1')) ||
        (s.startsWith('*.') ? asciiName(s.slice(2)) !== null : !s.includes('*') && asciiName(s) !== null);
  return ok ? { value: s } : { problem: 'value', detail: v.trim() };
};

const CHECKS = {
  organizationName: text((s) => s !== ''),
  helpdeskEmail: text((s) => EMAIL.test(s)),
  helpdeskUrl: text((s) => webUrl(s, ['https:', 'http:'])),
  helpdeskPhone: text((s) => PHONE.test(s)),
  expectedInspectionCAs: list(ca),
  internalRootCAs: list(ca),
  internalDomains: list(domain),
  proceedAdvice: oneOf(['never', 'internal', 'always']),
  language: oneOf(['ja', 'en']),
  languageLocked: bool,
  hostProbing: bool,
  allowedPorts: list(integer(1, 65535)),
  allowedProtocols: list(oneOf(PROTOCOLS)),
  allowedHosts: list(hostPattern),
  blockedHosts: list(hostPattern),
  privateAddresses: bool,
  probeTimeoutSeconds: integer(1, 30),
  ntpServers: list(text(hostPort), { max: 8 }),
  portalCheckUrl: text((s) => s === '' || webUrl(s, ['http:'])),
  canary: text((s) => s === '' || hostPort(s)),
};

/**
 * `raw` (what `storage.managed.get()` gave) checked key by key. Returns
 * `{ settings, managed, problems }`: the settings with defaults for what is absent or bad; the
 * keys whose managed value is used (whole or in part); and one `{ key, problem, detail?,
 * expected? }` per key or list entry ignored. `problem` is `unknown` (no such setting), `type`
 * (`expected` says which), `value` (`detail` is the value), `too_long` or `too_many`.
 */
export function readManaged(raw) {
  const settings = { ...DEFAULTS };
  const managed = [];
  const problems = [];
  if (raw === null || raw === undefined) return { settings, managed, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ key: '', problem: 'type', expected: 'object' });
    return { settings, managed, problems };
  }
  for (const [key, value] of Object.entries(raw)) {
    const check = Object.hasOwn(CHECKS, key) ? CHECKS[key] : null;
    if (!check) {
      problems.push({ key, problem: 'unknown' });
      continue;
    }
    const r = check(value);
    for (const e of r.entries ?? []) problems.push({ key, ...e });
    if ('value' in r) {
      settings[key] = r.value;
      managed.push(key);
    } else {
      problems.push({ key, ...r });
    }
  }
  return { settings, managed, problems };
}
