// What every browser test needs: the lab's servers, a private HOME whose NSS database trusts
// the lab's root, the real native host registered for the browser, and clean-up by PID.

import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
export const HOST_BIN = process.env.TLS_DOCTOR_BIN ?? join(TARGET, 'debug/tls-doctor');
export const LAB_BIN = process.env.TLS_DOCTOR_LAB_BIN ?? join(TARGET, 'debug/tls-doctor-lab');
export const ARTIFACTS = join(TARGET, 'e2e');
/** The extension ids, from the one list (manifest/extension-ids.json): the Chromium id fixed
 * by the manifest's "key" (the development entry), and Firefox's gecko id. */
const IDS = JSON.parse(readFileSync(join(ROOT, 'manifest/extension-ids.json'), 'utf8'));
export const CHROME_EXTENSION_ID = IDS.chrome.find((e) => e.what.startsWith('development')).id;
export const FIREFOX_EXTENSION_ID = IDS.firefox[0].id;

/** The version of `tls-doctor-lab serve`'s listing this file reads (tests/README.md). */
const LISTING_VERSION = 1;

/** Starts `tls-doctor-lab serve` and resolves once `wanted` are all listed (with
 * `{ all: true }`, once the lab listed everything it runs). Every line is kept as the lab
 * printed it, by name: `kind` says what it is (`case`, `mail`, `proxy`, `sntp`, `portal`; the
 * schema is in tests/README.md). `caFile` is the lab root every case is diagnosed against. */
export async function startLab(wanted, { all = false } = {}) {
  const child = spawn(LAB_BIN, ['serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const cases = new Map();
  const lines = createInterface({ input: child.stdout });
  await new Promise((resolvePromise, reject) => {
    child.once('exit', (code) => reject(new Error(`the lab exited early (${code})`)));
    lines.on('line', (text) => {
      const line = JSON.parse(text);
      if (line.v !== LISTING_VERSION) {
        reject(new Error(`the lab's listing is version ${line.v}, this reads ${LISTING_VERSION}: ${text}`));
        return;
      }
      if (line.kind === 'end') {
        if (!wanted.every((w) => cases.has(w))) reject(new Error(`the lab has no case ${wanted.filter((w) => !cases.has(w))}`));
        else if (all) resolvePromise();
        return;
      }
      cases.set(line.name, line);
      if (!all && wanted.every((w) => cases.has(w))) resolvePromise();
    });
  });
  const anyCase = [...cases.values()].find((c) => c.kind === 'case');
  return {
    cases,
    caFile: anyCase?.ca_file,
    stop() {
      child.stdin.end();
      child.kill('SIGTERM');
    },
  };
}

/** The line of `lab` named `pattern`, or whose name matches it; fails when the lab has none. */
export function labServer(lab, pattern) {
  const found = [...lab.cases.values()].find((c) => (typeof pattern === 'string' ? c.name === pattern : pattern.test(c.name)));
  const others = [...lab.cases.values()].filter((c) => c.kind !== 'case').map((c) => c.name);
  assert.ok(found, `the lab lists no ${pattern} (its servers other than cases: ${others.join(' ') || 'none'})`);
  return found;
}

/** `host:port` of a lab server that is not a TLS case: a `proxy` line's `proxy`, an `sntp`
 * line's `sntp`. */
export function endpoint(line) {
  const address = line[line.kind];
  assert.match(String(address), /:\d+$/, `no host:port in ${JSON.stringify(line)}`);
  return address;
}

/** A hosts file mapping every lab name (and the `extra` names) to loopback, for
 * `with-lab-hosts.sh`. */
export function labHosts(cases, dir, extra = []) {
  const lab = [...cases.values()].filter((c) => c.kind === 'case' && c.host.endsWith('.lab.test')).map((c) => c.host);
  const names = [...new Set([...lab, ...extra])];
  const path = join(dir, 'hosts');
  writeFileSync(path, `127.0.0.1 localhost\n::1 localhost\n${names.map((n) => `127.0.0.1 ${n}`).join('\n')}\n`);
  return path;
}

/** Runs a browser through `with-lab-hosts.sh`. */
export const WITH_LAB_HOSTS = join(ROOT, 'tests/e2e/with-lab-hosts.sh');

/** A private HOME whose NSS database trusts `caFile` (how Chromium and Firefox on Linux learn
 * user-added roots), and a CA bundle (the system's roots plus `caFile`) for the OpenSSL
 * convention `SSL_CERT_FILE`, which the native host's OS store honours: the browser and the
 * host then trust the lab's root alike, as on a machine where an admin installed it. */
/** `trusted` are more roots both trust; `hostOnly` are roots only the host's bundle has (as an
 * organisation's root installed in the system store that the browser does not read). */
export function privateHome(caFile, { trusted = [], hostOnly = [] } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'tls-doctor-e2e-'));
  const nssdb = join(home, '.pki/nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${nssdb}`, '-t', 'C,,', '-n', 'TLS Doctor Lab Root', '-i', caFile]);
  trusted.forEach((ca, i) => {
    execFileSync('certutil', ['-A', '-d', `sql:${nssdb}`, '-t', 'C,,', '-n', `TLS Doctor Test Root ${i + 1}`, '-i', ca]);
  });
  const system = '/etc/ssl/certs/ca-certificates.crt';
  const caBundle = join(home, 'ca-bundle.pem');
  const pems = [caFile, ...trusted, ...hostOnly].map((f) => readFileSync(f, 'utf8'));
  writeFileSync(caBundle, (existsSync(system) ? readFileSync(system, 'utf8') : '') + pems.join(''));
  return {
    home,
    nssdb,
    caBundle,
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** Registers (or removes) the real host with the real `tls-doctor install`. */
export function host(action, browser, manifestDir) {
  return execFileSync(HOST_BIN, [action, '--browser', browser, '--manifest-dir', manifestDir], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
}

/** Writes `data` to `target/e2e/<name>` (`name` may name a subdirectory). */
export function writeArtifact(name, data) {
  const path = join(ARTIFACTS, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
}

/** The median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median, 90th percentile and maximum of `samples`, and the samples (the popup timings). */
export function spread(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
  return { median: median(samples), p90, max: sorted[sorted.length - 1], samples };
}

/** A root CA made with the openssl CLI in `dir`: `{ cert, key, name }` (PEM file paths). */
export function makeCa(dir, name) {
  const base = join(dir, name.replace(/\W+/g, '-').toLowerCase());
  const ca = { name, cert: `${base}.crt`, key: `${base}.key` };
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', ca.key, '-out', ca.cert, '-days', '30', '-subj', `/O=TLS Doctor E2E/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ], { stdio: 'ignore' });
  return ca;
}

/** A server certificate for `dnsName` issued by `ca` (from `makeCa`): `{ cert, key }` as PEM
 * text, for node's `tls`/`https`. */
export function makeLeaf(ca, dir, dnsName, label = dnsName) {
  const base = join(dir, `leaf-${label.replace(/\W+/g, '-')}`);
  writeFileSync(`${base}.ext`, `subjectAltName=DNS:${dnsName}\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n`);
  execFileSync('openssl', [
    'req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${dnsName}`,
  ], { stdio: 'ignore' });
  execFileSync('openssl', [
    'x509', '-req', '-in', `${base}.csr`, '-CA', ca.cert, '-CAkey', ca.key, '-set_serial', `0x${Date.now().toString(16)}${Math.floor(Math.random() * 1e6).toString(16)}`,
    '-days', '20', '-sha256', '-extfile', `${base}.ext`, '-out', `${base}.crt`,
  ], { stdio: 'ignore' });
  return { cert: readFileSync(`${base}.crt`, 'utf8'), key: readFileSync(`${base}.key`, 'utf8') };
}

/** Managed settings that turn every local probe of the host off. The host's defaults are
 * servers on the internet (public SNTP servers, a portal check, a canary site), which a test
 * never contacts: a test that needs a probe points it at the lab. */
export const PROBES_OFF = Object.freeze({ ntpServers: [], portalCheckUrl: '', canary: '' });

/** Chromium's policy directory (for `TLS_DOCTOR_POLICIES`) giving the extension `settings` as
 * an admin's managed settings, and Chromium the policies `others` beside them. */
export function chromiumPolicies(dir, settings, others = {}) {
  const policies = join(dir, 'policies');
  mkdirSync(join(policies, 'managed'), { recursive: true });
  const policy = { ...others, '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: settings } } };
  writeFileSync(join(policies, 'managed/tls-doctor.json'), JSON.stringify(policy, null, 2));
  return policies;
}

/** libfaketime's preload library, as Debian installs it (`dpkg -L libfaketime`). */
export function faketimeLibrary() {
  const files = execFileSync('dpkg', ['-L', 'libfaketime'], { encoding: 'utf8' }).split('\n');
  const lib = files.find((f) => f.endsWith('/libfaketime.so.1'));
  if (!lib) throw new Error('libfaketime is not installed (cargo xtask setup installs it)');
  return lib;
}

// ---- launching the browsers --------------------------------------------------------------

/** Chromium's flags for every test: the unpacked extension from `dist/chrome`, and no traffic
 * of Chromium's own. With `blockPlainHttp`, plain-http fetches go to a proxy that refuses, as
 * on a network that blocks plain http, while HTTPS navigations stay direct: Chromium would
 * otherwise fetch a missing intermediate itself (AIA) and hide the broken chain.
 * (`<-loopback>` undoes the implicit bypass of 127.0.0.1.) */
export function chromiumArgs({ blockPlainHttp = true } = {}) {
  const dist = join(ROOT, 'dist/chrome');
  return [
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    '--no-sandbox',
    '--lang=ja',
    ...(blockPlainHttp ? ['--proxy-server=http=127.0.0.1:9', '--proxy-bypass-list=<-loopback>'] : []),
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
  ];
}
