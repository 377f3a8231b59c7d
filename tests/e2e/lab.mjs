// What every browser test needs: the lab's servers, a private HOME whose NSS database trusts
// the lab's root, the real native host registered for the browser, and clean-up by PID.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
export const HOST_BIN = process.env.TLS_DOCTOR_BIN ?? join(TARGET, 'debug/tls-doctor');
export const LAB_BIN = process.env.TLS_DOCTOR_LAB_BIN ?? join(TARGET, 'debug/tls-doctor-lab');
export const ARTIFACTS = join(TARGET, 'e2e');
/** The Chromium extension id fixed by the manifest's "key". */
export const CHROME_EXTENSION_ID = 'meadljheakdpnddalampfeoggjanlhca';
export const FIREFOX_EXTENSION_ID = 'tls-doctor@tlsdoctor.jp';

/** Starts `tls-doctor-lab serve` and resolves with its cases once `wanted` are all listed. */
export async function startLab(wanted) {
  const child = spawn(LAB_BIN, ['serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const cases = new Map();
  const lines = createInterface({ input: child.stdout });
  await new Promise((resolvePromise, reject) => {
    child.once('exit', (code) => reject(new Error(`the lab exited early (${code})`)));
    lines.on('line', (line) => {
      const c = JSON.parse(line);
      if (c.listed !== undefined) {
        if (!wanted.every((w) => cases.has(w))) reject(new Error(`the lab has no case ${wanted.filter((w) => !cases.has(w))}`));
        return;
      }
      const args = c.args;
      const [host, port] = args[1].split(':');
      const value = (flag) => args[args.indexOf(flag) + 1];
      cases.set(c.name, { ...c, host, port: Number(port), caFile: value('--ca-file') });
      if (wanted.every((w) => cases.has(w))) resolvePromise();
    });
  });
  return {
    cases,
    stop() {
      child.stdin.end();
      child.kill('SIGTERM');
    },
  };
}

/** A hosts file mapping every lab name to loopback, for `with-lab-hosts.sh`. */
export function labHosts(cases, dir) {
  const names = [...new Set([...cases.values()].map((c) => c.host).filter((h) => h.endsWith('.lab.test')))];
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
export function privateHome(caFile) {
  const home = mkdtempSync(join(tmpdir(), 'tls-doctor-e2e-'));
  const nssdb = join(home, '.pki/nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${nssdb}`, '-t', 'C,,', '-n', 'TLS Doctor Lab Root', '-i', caFile]);
  const system = '/etc/ssl/certs/ca-certificates.crt';
  const caBundle = join(home, 'ca-bundle.pem');
  writeFileSync(caBundle, (existsSync(system) ? readFileSync(system, 'utf8') : '') + readFileSync(caFile, 'utf8'));
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

export function writeArtifact(name, data) {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), data);
  return join(ARTIFACTS, name);
}

/** The median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
