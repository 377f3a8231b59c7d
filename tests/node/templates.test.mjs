// The policy templates an admin copies (manifest/policies/), read in every format they come in
// and checked against the extension's managed schema (extension/managed_schema.json) and the
// extension's own checks (extension/js/managed.js): the Chrome, Chromium and Edge JSON files,
// Firefox's policies.json, the Windows .reg files, the macOS configuration profiles and the
// ADMX/ADML Group Policy templates. No browser needed. Run by `cargo xtask test` (node --test).
//
// The schema check is the subset Chrome applies to an extension's managed storage schema (type
// object/array/string/integer/number/boolean, properties, items; a key the schema lacks fails
// here, as Chrome reports it at chrome://policy). The Windows registry is read as Chrome reads
// it (components/policy/core/common/registry_dict.cc): a list is a subkey whose values are
// named 1, 2, 3…; an integer or boolean is a REG_DWORD. Chrome would also accept a number
// written as a string; the templates must not rely on that, so it fails here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readManaged } from '../../extension/js/managed.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const POLICIES = join(ROOT, 'manifest/policies');
const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const json = (path) => JSON.parse(read(path));

const SCHEMA = json('extension/managed_schema.json');
const PROPERTIES = Object.keys(SCHEMA.properties);
const NATIVE_HOST = 'jp.tlsdoctor.host';
const CHROME_WEB_STORE = 'https://clients2.google.com/service/update2/crx';

/** The Chromium extension id a manifest "key" gives: the SHA-256 of the public key, first 128
 * bits, each hex digit 0-f written as a letter a-p. */
function chromiumId(key) {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
}

const IDS = json('manifest/extension-ids.json');
const CHROME_ID = chromiumId(json('extension/manifest.chrome.json').key);
const FIREFOX_ID = json('extension/manifest.firefox.json').browser_specific_settings.gecko.id;

// ---- the schema subset -----------------------------------------------------------------------

const SCHEMA_KEYWORDS = new Set(['type', 'properties', 'items', 'additionalProperties', 'title', 'description', 'id']);
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/** Throws if `schema` uses anything `validate` does not understand (so nothing passes unchecked). */
function checkSchemaSubset(schema, path = '(schema)') {
  for (const k of Object.keys(schema)) assert.ok(SCHEMA_KEYWORDS.has(k), `${path}: keyword "${k}" is not checked by this test`);
  assert.ok(TYPES.has(schema.type), `${path}: type ${schema.type}`);
  for (const [k, s] of Object.entries(schema.properties ?? {})) checkSchemaSubset(s, `${path}.${k}`);
  if (schema.items) checkSchemaSubset(schema.items, `${path}[]`);
  if (typeof schema.additionalProperties === 'object') checkSchemaSubset(schema.additionalProperties, `${path}.*`);
}

/** Every way `value` breaks `schema`, as "path: reason" lines; empty when it fits. */
function validate(value, schema, path = '') {
  const at = path || '(root)';
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  switch (schema.type) {
    case 'object': {
      if (kind !== 'object') return [`${at}: expected object, got ${kind}`];
      const errors = [];
      for (const [k, v] of Object.entries(value)) {
        const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : null);
        if (!sub) errors.push(`${path}${path ? '.' : ''}${k}: not in the schema`);
        else errors.push(...validate(v, sub, `${path}${path ? '.' : ''}${k}`));
      }
      return errors;
    }
    case 'array':
      if (kind !== 'array') return [`${at}: expected array, got ${kind}`];
      return value.flatMap((v, i) => (schema.items ? validate(v, schema.items, `${at}[${i}]`) : []));
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: expected integer, got ${JSON.stringify(value)}`];
    case 'number':
      return kind === 'number' && Number.isFinite(value) ? [] : [`${at}: expected number, got ${JSON.stringify(value)}`];
    case 'string':
    case 'boolean':
      return kind === schema.type ? [] : [`${at}: expected ${schema.type}, got ${JSON.stringify(value)}`];
    default:
      return [`${at}: schema type ${schema.type} unknown`];
  }
}

// ---- parsers ---------------------------------------------------------------------------------

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    if (!(e in ENTITIES)) throw new Error(`unknown XML entity ${m}`);
    return ENTITIES[e];
  });
}

/** A small XML reader (elements, attributes, text, comments, declarations): enough for plists
 * and ADMX, and strict about nesting. Returns the root `{ name, attrs, children, text }`. */
function parseXml(source) {
  const root = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gy;
  let m;
  let end = 0;
  while ((m = token.exec(source))) {
    end = token.lastIndex;
    const top = stack[stack.length - 1];
    if (m[1]) {
      if (top.name !== m[1]) throw new Error(`</${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const attrs = {};
      for (const a of m[3].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in attrs) throw new Error(`<${m[2]}> repeats ${a[1]}`);
        attrs[a[1]] = decodeEntities(a[2] ?? a[3]);
      }
      const el = { name: m[2], attrs, children: [], text: '' };
      top.children.push(el);
      if (!m[4]) stack.push(el);
    } else if (m[5] !== undefined) {
      if (top === root) {
        if (m[5].trim()) throw new Error('text outside the root element');
      } else top.text += decodeEntities(m[5]);
    }
  }
  if (end !== source.length) throw new Error(`XML not understood at offset ${end}: ${source.slice(end, end + 40)}`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  const elements = root.children;
  if (elements.length !== 1) throw new Error('an XML document has exactly one root element');
  return elements[0];
}

/** A plist's value, from its XML element. */
function plistValue(el) {
  switch (el.name) {
    case 'dict': {
      const out = {};
      const c = el.children;
      if (c.length % 2) throw new Error('<dict> with a key and no value');
      for (let i = 0; i < c.length; i += 2) {
        if (c[i].name !== 'key') throw new Error(`<dict> has <${c[i].name}> where a <key> belongs`);
        if (c[i].text in out) throw new Error(`<dict> repeats the key ${c[i].text}`);
        out[c[i].text] = plistValue(c[i + 1]);
      }
      return out;
    }
    case 'array':
      return el.children.map(plistValue);
    case 'string':
      return el.text;
    case 'integer':
      if (!/^[+-]?[0-9]+$/.test(el.text.trim())) throw new Error(`<integer>${el.text}</integer>`);
      return Number(el.text);
    case 'real':
      return Number(el.text);
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      throw new Error(`plist element <${el.name}> not expected in a template`);
  }
}

function parsePlist(source) {
  const root = parseXml(source);
  assert.equal(root.name, 'plist');
  assert.equal(root.children.length, 1, '<plist> holds one value');
  return plistValue(root.children[0]);
}

/** A .reg file ("Windows Registry Editor Version 5.00", UTF-16 LE with a byte-order mark, as
 * regedit writes and reads it) as a map from lower-cased key path to `{ path, values }`, each
 * value `{ type: 'REG_SZ' | 'REG_DWORD', data }`. Deletions (`[-key]`, `"name"=-`) apply. */
function parseReg(bytes, file) {
  assert.ok(bytes[0] === 0xff && bytes[1] === 0xfe, `${file}: not UTF-16 LE with a byte-order mark (regedit would read Japanese text wrongly)`);
  const text = bytes.subarray(2).toString('utf16le');
  assert.ok(!/[^\r]\n/.test(text), `${file}: every line must end in CRLF`);
  const lines = text.split('\r\n');
  assert.equal(lines[0], 'Windows Registry Editor Version 5.00', `${file}: first line`);
  const keys = new Map();
  let current = null;
  lines.slice(1).forEach((raw, i) => {
    const line = raw.trim();
    const where = `${file}:${i + 2}`;
    if (line === '' || line.startsWith(';')) return;
    const key = line.match(/^\[(-?)([^\]]+)\]$/);
    if (key) {
      const lower = key[2].toLowerCase();
      if (key[1]) {
        for (const k of [...keys.keys()]) if (k === lower || k.startsWith(`${lower}\\`)) keys.delete(k);
        current = null;
      } else {
        if (!keys.has(lower)) keys.set(lower, { path: key[2], values: new Map() });
        current = keys.get(lower);
      }
      return;
    }
    const value = line.match(/^(@|"((?:[^"\\]|\\.)*)")=(.*)$/);
    assert.ok(value, `${where}: not a key or a value: ${line}`);
    assert.ok(current, `${where}: a value outside any key`);
    const name = value[1] === '@' ? '' : value[2].replace(/\\(.)/g, '$1');
    const data = value[3];
    let parsed;
    if (data === '-') {
      current.values.delete(name);
      return;
    } else if (/^"((?:[^"\\]|\\.)*)"$/.test(data)) {
      parsed = { type: 'REG_SZ', data: data.slice(1, -1).replace(/\\(.)/g, '$1') };
    } else if (/^dword:[0-9a-fA-F]{8}$/.test(data)) {
      parsed = { type: 'REG_DWORD', data: parseInt(data.slice(6), 16) };
    } else {
      assert.fail(`${where}: value type not used by the templates: ${data}`);
    }
    current.values.set(name, parsed);
  });
  return keys;
}

/** The direct subkeys of `path` in a parsed .reg, by name. */
function subkeys(keys, path) {
  const prefix = `${path.toLowerCase()}\\`;
  const out = new Map();
  for (const [k, v] of keys) if (k.startsWith(prefix) && !k.slice(prefix.length).includes('\\')) out.set(v.path.slice(prefix.length), v);
  return out;
}

/** A registry list (values named 1, 2, 3…, in that order) as an array. */
function registryList(key, convert, where) {
  const names = [...key.values.keys()];
  assert.deepEqual(names, names.map((_, i) => String(i + 1)), `${where}: list values must be named 1, 2, 3…`);
  return names.map((n) => convert(key.values.get(n)));
}

/** A registry value as the extension will see it, for the schema type it must have. A value of
 * the wrong registry type is passed on as it is, so the schema check reports it. */
function registryValue(v, schema) {
  if (schema?.type === 'boolean' && v.type === 'REG_DWORD' && (v.data === 0 || v.data === 1)) return v.data === 1;
  return v.data;
}

/** The extension's settings in a parsed .reg: the values under its `policy` key, and its
 * subkeys as lists. */
function registrySettings(keys, policyKey) {
  const key = keys.get(policyKey.toLowerCase());
  assert.ok(key, `no key ${policyKey}`);
  const out = {};
  for (const [name, v] of key.values) out[name] = registryValue(v, SCHEMA.properties[name]);
  for (const [name, sub] of subkeys(keys, policyKey)) {
    const items = SCHEMA.properties[name]?.items;
    out[name] = registryList(sub, (v) => registryValue(v, items), `${policyKey}\\${name}`);
  }
  return out;
}

// ---- each format's example -------------------------------------------------------------------

/** `[format, values]` for every template that gives the extension settings. */
function everyExample() {
  const out = [];
  for (const browser of ['chrome', 'chromium', 'edge']) {
    const policy = json(`manifest/policies/${browser}/tls-doctor.json`);
    assert.deepEqual(Object.keys(policy['3rdparty'].extensions), [CHROME_ID], `${browser}/tls-doctor.json: 3rdparty.extensions names only ${CHROME_ID}`);
    out.push([`${browser}/tls-doctor.json`, policy['3rdparty'].extensions[CHROME_ID]]);
  }
  const firefox = json('manifest/policies/firefox/policies.json').policies;
  assert.deepEqual(Object.keys(firefox['3rdparty'].Extensions), [FIREFOX_ID], 'firefox: 3rdparty.Extensions names only the add-on');
  out.push(['firefox/policies.json', firefox['3rdparty'].Extensions[FIREFOX_ID]]);
  for (const [file, root] of REG_FILES) {
    const keys = parseReg(readFileSync(join(POLICIES, 'windows', file)), file);
    out.push([`windows/${file}`, registrySettings(keys, `${root}\\3rdparty\\extensions\\${CHROME_ID}\\policy`)]);
  }
  for (const [file, domain] of PROFILES) {
    const payload = parsePlist(read(`manifest/policies/macos/${file}`)).PayloadContent.find((p) => p.PayloadType === `${domain}.extensions.${CHROME_ID}`);
    assert.ok(payload, `${file}: no payload for ${domain}.extensions.${CHROME_ID}`);
    out.push([`macos/${file}`, Object.fromEntries(Object.entries(payload).filter(([k]) => !k.startsWith('Payload')))]);
  }
  return out;
}

const REG_FILES = [
  ['tls-doctor-chrome.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome'],
  ['tls-doctor-edge.reg', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge'],
];
const PROFILES = [
  ['tls-doctor-chrome.mobileconfig', 'com.google.Chrome'],
  ['tls-doctor-edge.mobileconfig', 'com.microsoft.Edge'],
];

// ---- tests -----------------------------------------------------------------------------------

test('the ids are the ones the manifests fix, and the one list names them', () => {
  const dev = IDS.chrome.find((e) => e.what.startsWith('development'));
  assert.equal(dev.id, CHROME_ID, 'manifest/extension-ids.json: the development id is not the one extension/manifest.chrome.json\'s key gives');
  assert.equal(CHROME_ID, 'meadljheakdpnddalampfeoggjanlhca');
  assert.deepEqual(IDS.firefox.map((e) => e.id), [FIREFOX_ID]);
});

test('the schema uses only what this test checks, and the check can fail', () => {
  checkSchemaSubset(SCHEMA);
  assert.deepEqual(validate({ language: 'ja', allowedPorts: [443] }, SCHEMA), []);
  assert.deepEqual(validate({ colour: 'blue' }, SCHEMA), ['colour: not in the schema']);
  assert.equal(validate({ languageLocked: 1 }, SCHEMA).length, 1);
  assert.equal(validate({ allowedPorts: ['443'] }, SCHEMA).length, 1);
  assert.equal(validate({ probeTimeoutSeconds: 1.5 }, SCHEMA).length, 1);
  assert.equal(validate({ internalDomains: 'corp.example' }, SCHEMA).length, 1);
  assert.equal(validate([], SCHEMA).length, 1);
});

test('every template gives every setting, well-typed, valid to the extension, and all alike', () => {
  const examples = everyExample();
  assert.equal(examples.length, 8);
  const [, reference] = examples[0];
  for (const [format, values] of examples) {
    assert.deepEqual(validate(values, SCHEMA), [], `${format}: does not fit extension/managed_schema.json`);
    assert.deepEqual(Object.keys(values).sort(), [...PROPERTIES].sort(), `${format}: every managed setting, once`);
    assert.deepEqual(readManaged(values).problems, [], `${format}: TLS Doctor would ignore some of these values`);
    assert.deepEqual(values, reference, `${format}: not the same example as ${examples[0][0]}`);
  }
});

test('Chrome, Chromium and Edge JSON: force-install, the native host allowed, no clashing files', () => {
  for (const browser of ['chrome', 'chromium', 'edge']) {
    const dir = join(POLICIES, browser);
    assert.deepEqual(readdirSync(dir).sort(), ['tls-doctor-install.json', 'tls-doctor.json']);
    const install = json(`manifest/policies/${browser}/tls-doctor-install.json`);
    const settings = json(`manifest/policies/${browser}/tls-doctor.json`);
    // Chrome merges the files of managed/ by policy name: one policy in two files is a conflict.
    assert.deepEqual(Object.keys(install).sort(), ['ExtensionSettings', 'NativeMessagingAllowlist']);
    assert.deepEqual(Object.keys(settings), ['3rdparty']);
    assert.deepEqual(install.ExtensionSettings, { [CHROME_ID]: { installation_mode: 'force_installed', update_url: CHROME_WEB_STORE } });
    assert.deepEqual(install.NativeMessagingAllowlist, [NATIVE_HOST]);
  }
});

test('Firefox policies.json: force-install from the admin\'s own address', () => {
  const { policies } = json('manifest/policies/firefox/policies.json');
  assert.deepEqual(Object.keys(policies).sort(), ['3rdparty', 'ExtensionSettings']);
  assert.deepEqual(Object.keys(policies.ExtensionSettings), [FIREFOX_ID]);
  const entry = policies.ExtensionSettings[FIREFOX_ID];
  assert.equal(entry.installation_mode, 'force_installed');
  assert.match(entry.install_url, /^https:\/\/example\.co\.jp\/.+\.xpi$/, 'an obviously-example address the admin replaces');
});

test('Windows .reg: only the browser\'s policy keys; force-install and the native host allowed', () => {
  for (const [file, root] of REG_FILES) {
    const keys = parseReg(readFileSync(join(POLICIES, 'windows', file)), file);
    for (const { path } of keys.values()) assert.ok(path.toLowerCase().startsWith(`${root.toLowerCase()}\\`), `${file}: ${path} is outside ${root}`);
    const list = (name) => registryList(keys.get(`${root}\\${name}`.toLowerCase()), (v) => v.data, `${file} ${name}`);
    assert.deepEqual(list('ExtensionInstallForcelist'), [`${CHROME_ID};${CHROME_WEB_STORE}`]);
    assert.deepEqual(list('NativeMessagingAllowlist'), [NATIVE_HOST]);
    const under = [...keys.values()].map((k) => k.path.slice(root.length + 1).split('\\')[0]);
    assert.deepEqual([...new Set(under)].sort(), ['3rdparty', 'ExtensionInstallForcelist', 'NativeMessagingAllowlist']);
  }
});

test('macOS profiles: valid payloads, fixed unique UUIDs, force-install and the native host allowed', () => {
  const uuids = new Set();
  const identifiers = new Set();
  for (const [file, domain] of PROFILES) {
    const profile = parsePlist(read(`manifest/policies/macos/${file}`));
    assert.equal(profile.PayloadType, 'Configuration');
    assert.equal(profile.PayloadVersion, 1);
    const payloads = [profile, ...profile.PayloadContent];
    for (const p of payloads) {
      assert.match(p.PayloadUUID, /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/, `${file}: ${p.PayloadIdentifier}`);
      assert.ok(!uuids.has(p.PayloadUUID), `${file}: UUID ${p.PayloadUUID} used twice`);
      uuids.add(p.PayloadUUID);
      assert.ok(!identifiers.has(p.PayloadIdentifier), `${file}: identifier ${p.PayloadIdentifier} used twice`);
      identifiers.add(p.PayloadIdentifier);
      assert.equal(p.PayloadVersion, 1);
    }
    assert.deepEqual(profile.PayloadContent.map((p) => p.PayloadType), [domain, `${domain}.extensions.${CHROME_ID}`]);
    const install = profile.PayloadContent[0];
    assert.deepEqual(install.ExtensionSettings, { [CHROME_ID]: { installation_mode: 'force_installed', update_url: CHROME_WEB_STORE } });
    assert.deepEqual(install.NativeMessagingAllowlist, [NATIVE_HOST]);
    const policies = Object.keys(install).filter((k) => !k.startsWith('Payload'));
    assert.deepEqual(policies.sort(), ['ExtensionSettings', 'NativeMessagingAllowlist']);
  }
});

// ---- ADMX / ADML -----------------------------------------------------------------------------

const ADMX_NS = 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions';
// Read inside each test, so that a file that is not well-formed fails that test by name.
const admx = () => parseXml(read('manifest/policies/windows/admx/tls-doctor.admx'));
const admls = () => Object.fromEntries(['en-US', 'ja-JP'].map((l) => [l, parseXml(read(`manifest/policies/windows/admx/${l}/tls-doctor.adml`))]));
const child = (el, name) => el.children.find((c) => c.name === name);
const all = (el, name) => el.children.filter((c) => c.name === name);
const ADMX_BROWSERS = [
  ['Chrome', `Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${CHROME_ID}\\policy`],
  ['Edge', `Software\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${CHROME_ID}\\policy`],
];
/** The presentation control each ADMX element kind needs. */
const CONTROL = { text: 'textBox', enum: 'dropdownList', list: 'listBox', decimal: 'decimalTextBox', boolean: 'checkBox' };

/** What one ADMX policy writes: `{ name, type, element }` per registry value (a list counts as
 * one array). The policy's own valueName with enabled/disabled values 1/0 is a boolean. */
function admxWrites(policy, key) {
  const out = [];
  if (policy.attrs.valueName) {
    const on = child(policy, 'enabledValue')?.children[0];
    const off = child(policy, 'disabledValue')?.children[0];
    assert.ok(on?.name === 'decimal' && on.attrs.value === '1' && off?.name === 'decimal' && off.attrs.value === '0', `${policy.attrs.name}: a policy-level value must be 1 when enabled, 0 when disabled`);
    out.push({ name: policy.attrs.valueName, type: 'boolean', element: null });
  }
  for (const el of child(policy, 'elements')?.children ?? []) {
    if (el.name === 'list') {
      assert.equal(el.attrs.valuePrefix, '', `${policy.attrs.name}: list values must be named 1, 2, 3… (valuePrefix="")`);
      assert.ok(el.attrs.key.startsWith(`${key}\\`), `${policy.attrs.name}: list key ${el.attrs.key}`);
      out.push({ name: el.attrs.key.slice(key.length + 1), type: 'array', element: el });
      continue;
    }
    const type = { text: 'string', enum: 'string', decimal: 'integer', boolean: 'boolean' }[el.name];
    assert.ok(type, `${policy.attrs.name}: element <${el.name}> not expected`);
    assert.ok(!el.attrs.key || el.attrs.key === key, `${policy.attrs.name}: element writes under another key`);
    out.push({ name: el.attrs.valueName, type, element: el });
  }
  return out;
}

test('ADMX: the Group Policy template conventions', () => {
  const ADMX = admx();
  assert.equal(ADMX.name, 'policyDefinitions');
  assert.equal(ADMX.attrs.xmlns, ADMX_NS);
  assert.equal(ADMX.attrs.revision, '1.0');
  assert.equal(ADMX.attrs.schemaVersion, '1.0');
  assert.deepEqual(ADMX.children.map((c) => c.name), ['policyNamespaces', 'supersededAdm', 'resources', 'supportedOn', 'categories', 'policies']);
  const target = all(child(ADMX, 'policyNamespaces'), 'target');
  assert.equal(target.length, 1);
  assert.ok(target[0].attrs.prefix && target[0].attrs.namespace);
  assert.equal(child(ADMX, 'resources').attrs.minRequiredRevision, '1.0');
  const categories = new Map(all(child(ADMX, 'categories'), 'category').map((c) => [c.attrs.name, c]));
  for (const c of categories.values()) {
    const parent = child(c, 'parentCategory');
    if (parent) assert.ok(categories.has(parent.attrs.ref), `category ${c.attrs.name}: parent ${parent.attrs.ref} missing`);
  }
  const supported = new Set(all(child(child(ADMX, 'supportedOn'), 'definitions'), 'definition').map((d) => d.attrs.name));
  const names = new Set();
  for (const policy of all(child(ADMX, 'policies'), 'policy')) {
    const { name } = policy.attrs;
    assert.ok(!names.has(name), `policy ${name} defined twice`);
    names.add(name);
    assert.equal(policy.attrs.class, 'Machine', `${name}: class`);
    assert.ok(categories.has(child(policy, 'parentCategory')?.attrs.ref), `${name}: parentCategory`);
    assert.ok(supported.has(child(policy, 'supportedOn')?.attrs.ref), `${name}: supportedOn`);
    assert.ok(policy.attrs.key && policy.attrs.displayName && policy.attrs.explainText, `${name}: key, displayName, explainText`);
  }
});

test('ADMX: each browser has exactly one policy per setting, writing its name with its type', () => {
  const ADMX = admx();
  const policies = all(child(ADMX, 'policies'), 'policy');
  for (const [browser, key] of ADMX_BROWSERS) {
    const mine = policies.filter((p) => p.attrs.key === key);
    const writes = mine.flatMap((p) => admxWrites(p, key).map((w) => ({ ...w, policy: p.attrs.name })));
    for (const w of writes) assert.ok(SCHEMA.properties[w.name], `${w.policy} writes ${w.name}, which the schema lacks`);
    for (const prop of PROPERTIES) {
      const found = writes.filter((w) => w.name === prop);
      assert.equal(found.length, 1, `${browser}: ${found.length} policies write ${prop}`);
      assert.equal(found[0].type, SCHEMA.properties[prop].type, `${found[0].policy}: type`);
      assert.ok(mine.find((p) => p.attrs.name === found[0].policy).attrs.name.startsWith(`${browser}_`));
      const el = found[0].element;
      if (el?.name === 'enum') {
        // Each choice offered must be one the extension accepts.
        for (const item of all(el, 'item')) {
          const v = child(child(item, 'value'), 'string')?.text;
          assert.deepEqual(readManaged({ [prop]: v }).problems, [], `${found[0].policy}: choice ${v}`);
        }
      }
      if (el?.name === 'decimal') {
        for (const bound of [el.attrs.minValue, el.attrs.maxValue]) {
          assert.deepEqual(readManaged({ [prop]: Number(bound) }).problems, [], `${found[0].policy}: bound ${bound}`);
        }
      }
    }
    assert.equal(writes.length, PROPERTIES.length, `${browser}: a policy writes something twice`);
  }
  assert.equal(policies.length, ADMX_BROWSERS.length * PROPERTIES.length, 'every policy belongs to a browser');
});

test('ADML: every string and presentation the ADMX names exists in English and Japanese', () => {
  const ADMX = admx();
  const ADML = admls();
  const admxText = read('manifest/policies/windows/admx/tls-doctor.admx');
  const strings = new Set([...admxText.matchAll(/\$\(string\.([\w.-]+)\)/g)].map((m) => m[1]));
  const presentations = new Set([...admxText.matchAll(/\$\(presentation\.([\w.-]+)\)/g)].map((m) => m[1]));
  const policies = all(child(ADMX, 'policies'), 'policy');
  for (const [lang, adml] of Object.entries(ADML)) {
    assert.equal(adml.name, 'policyDefinitionResources');
    assert.equal(adml.attrs.xmlns, ADMX_NS);
    assert.equal(adml.attrs.revision, '1.0');
    assert.equal(adml.attrs.schemaVersion, '1.0');
    const resources = child(adml, 'resources');
    const table = all(child(resources, 'stringTable'), 'string');
    const ids = table.map((s) => s.attrs.id);
    assert.equal(new Set(ids).size, ids.length, `${lang}: a string id twice`);
    for (const s of table) assert.ok(s.text.trim(), `${lang}: string ${s.attrs.id} is empty`);
    for (const id of strings) assert.ok(ids.includes(id), `${lang}: no string ${id}`);
    for (const id of ids) assert.ok(strings.has(id), `${lang}: string ${id} is never used`);
    const shown = new Map(all(child(resources, 'presentationTable'), 'presentation').map((p) => [p.attrs.id, p]));
    assert.deepEqual([...shown.keys()].sort(), [...presentations].sort(), `${lang}: presentations`);
    // Each policy's elements have a control of the right kind in its presentation, and no more.
    for (const policy of policies) {
      const elements = child(policy, 'elements')?.children ?? [];
      const ref = policy.attrs.presentation?.match(/^\$\(presentation\.(.+)\)$/)?.[1];
      if (!elements.length) {
        assert.equal(ref, undefined, `${policy.attrs.name}: presentation without elements`);
        continue;
      }
      const controls = shown.get(ref)?.children ?? [];
      assert.deepEqual(
        controls.map((c) => [c.name, c.attrs.refId]).sort(),
        elements.map((e) => [CONTROL[e.name], e.attrs.id]).sort(),
        `${lang}: ${policy.attrs.name}: presentation ${ref}`,
      );
    }
  }
  const ja = all(child(child(ADML['ja-JP'], 'resources'), 'stringTable'), 'string');
  const japanese = ja.filter((s) => /[\u3040-\u30ff]/.test(s.text)).length;
  assert.ok(japanese > ja.length / 2, 'the ja-JP strings are mostly not Japanese');
});

test('the admin guide has every setting in its English and Japanese tables', () => {
  const guide = read('manifest/policies/README.md');
  for (const prop of PROPERTIES) {
    const rows = guide.split('\n').filter((l) => l.startsWith(`| \`${prop}\``));
    assert.equal(rows.length, 2, `README.md: ${prop} needs one table row in English and one in Japanese`);
  }
});
