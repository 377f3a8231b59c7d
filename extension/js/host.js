// The one way the popup talks to the native host (`tls-doctor`): a request, one reply, a
// deadline, and the reply sorted into what the popup shows. Words come from the wasm catalog,
// and the browser's failure is read by the module (`error_kind`); this file only routes.

import { error_kind } from '../pkg/tls_doctor_wasm.js';
import { api, HOST_NAME } from './platform.js';

/**
 * Sends `request` to the host and waits at most `timeoutMs` for its reply.
 * Resolves (never rejects) with one of
 * - `{ status: 'ok', reply }` — a reply of type `expected` for this request's id;
 * - `{ status: 'missing' }` — no host is installed (or registered for this browser);
 * - `{ status: 'outdated', detail }` — the host does not know this request (too old or new);
 * - `{ status: 'refused', error, detail }` — the host read the request and refused its content;
 * - `{ status: 'failed', detail }` — anything else: no reply in time, a malformed reply, a crash.
 */
export async function callHost(request, expected, timeoutMs) {
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs);
  });
  try {
    const reply = await Promise.race([api.runtime.sendNativeMessage(HOST_NAME, request), deadline]);
    if (reply?.timedOut) return { status: 'failed', detail: `no reply in ${Math.round(timeoutMs / 1000)} s` };
    if (reply?.type === expected && reply.id === request.id) return { status: 'ok', reply };
    if (reply?.type === 'error' && ['unsupported_version', 'unknown_type'].includes(reply.error)) {
      // A host that does not speak this request: too old (or too new) for this extension.
      return { status: 'outdated', detail: String(reply.message ?? reply.error) };
    }
    if (reply?.type === 'error' && reply.error === 'bad_request') {
      return { status: 'refused', error: reply.error, detail: String(reply.message ?? '') };
    }
    const detail = reply?.type === 'error' ? reply.error : `unexpected reply ${JSON.stringify(reply)?.slice(0, 120)}`;
    return { status: 'failed', detail: String(detail ?? 'no reply') };
  } catch (e) {
    const text = String(e?.message ?? e);
    if (error_kind(text) === 'host_missing') return { status: 'missing' };
    return { status: 'failed', detail: text };
  } finally {
    clearTimeout(timer);
  }
}
