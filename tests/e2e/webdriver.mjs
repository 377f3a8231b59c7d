// A small W3C WebDriver client over fetch, enough to drive Firefox ESR through geckodriver
// (Playwright drives only its own patched Firefox builds, never a distribution's).

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free loopback port (the listener is closed before geckodriver takes it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts geckodriver and resolves once it listens. `env` reaches Firefox too. */
export async function startGeckodriver(binary, env) {
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--host', '127.0.0.1', '--allow-system-access'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${base}/status`);
      return { base, child, log: () => log, stop: () => child.kill('SIGTERM') };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`geckodriver did not start:\n${log}`);
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const { value } = await call(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body).then((r) => r.value);
  }

  /** Navigates; a navigation that ends on an error page is what the tests want, not a failure. */
  async navigate(url) {
    try {
      await this.cmd('POST', '/url', { url });
    } catch (e) {
      if (!/insecure certificate|Reached error page|neterror/i.test(String(e.message))) throw e;
    }
  }

  /** Runs `fn` in the page; `args` are passed as its arguments. */
  execute(fn, ...args) {
    return this.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve((${fn}).apply(null, Array.from(arguments).slice(0, -1))).then(done, (e) => done({ __error: String(e) }));`,
      args,
    }).then((v) => {
      if (v && v.__error) throw new Error(v.__error);
      return v;
    });
  }

  async waitFor(fn, timeoutMs = 30_000, ...args) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await this.execute(fn, ...args);
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${fn}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  installAddon(path) {
    return this.cmd('POST', '/moz/addon/install', { path, temporary: true });
  }

  newTab() {
    return this.cmd('POST', '/window/new', { type: 'tab' }).then((w) => this.cmd('POST', '/window', { handle: w.handle }));
  }

  screenshot() {
    return this.cmd('GET', '/screenshot').then((b64) => Buffer.from(b64, 'base64'));
  }

  delete() {
    return this.cmd('DELETE', '');
  }
}

async function call(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
  return json;
}
