// A tiny authoritative DNS server for the browser tests (RFC 1035 §4 message format; SRV from
// RFC 2782, MX from RFC 1035 §3.3.9): UDP only, one question per message, answers from a
// fixed zone, NXDOMAIN for names it does not know. The native host started by the browser
// finds it through the `/etc/resolv.conf` that `with-lab-hosts.sh` mounts in the browser's
// private mount namespace, so neither the browser nor the host has a test hook.

import { createSocket } from 'node:dgram';

export const TYPE = { A: 1, MX: 15, AAAA: 28, SRV: 33 };

/** `records`: `{ 'name.': [{ type: 'SRV', priority, weight, port, target }, { type: 'A', address }, …] }`
 * (names lower case, with the trailing dot). Resolves with `{ address, port, queries, close }`. */
export async function startDns(records, { address = '127.0.0.77', port = 53 } = {}) {
  const socket = createSocket('udp4');
  const queries = [];
  socket.on('message', (msg, from) => {
    const reply = answer(msg, records, queries);
    if (reply) socket.send(reply, from.port, from.address);
  });
  await new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, address, resolve);
  });
  return { address, port, queries, close: () => socket.close() };
}

function answer(msg, records, queries) {
  if (msg.length < 12) return null;
  const id = msg.readUInt16BE(0);
  const flags = msg.readUInt16BE(2);
  if (flags & 0x8000 || msg.readUInt16BE(4) !== 1) return null;
  let at = 12;
  const labels = [];
  while (at < msg.length && msg[at] !== 0) {
    const len = msg[at];
    if (len > 63) return null;
    labels.push(msg.subarray(at + 1, at + 1 + len).toString('latin1'));
    at += 1 + len;
  }
  at += 1;
  if (at + 4 > msg.length) return null;
  const qtype = msg.readUInt16BE(at);
  const question = msg.subarray(12, at + 4);
  const name = `${labels.join('.').toLowerCase()}.`;
  queries.push({ name, type: qtype });

  const known = records[name];
  const matching = (known ?? []).filter((r) => TYPE[r.type] === qtype);
  const rcode = known ? 0 : 3; // NOERROR (possibly no data) or NXDOMAIN
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  // QR, AA, the query's RD, RA, rcode.
  header.writeUInt16BE(0x8000 | 0x0400 | (flags & 0x0100) | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(matching.length, 6);
  const answers = matching.map((r) => {
    const data = rdata(r);
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // the question's name
    rr.writeUInt16BE(qtype, 2);
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(60, 6);
    rr.writeUInt16BE(data.length, 10);
    return Buffer.concat([rr, data]);
  });
  return Buffer.concat([header, question, ...answers]);
}

function rdata(r) {
  switch (r.type) {
    case 'A':
      return Buffer.from(r.address.split('.').map(Number));
    case 'SRV': {
      const head = Buffer.alloc(6);
      head.writeUInt16BE(r.priority, 0);
      head.writeUInt16BE(r.weight, 2);
      head.writeUInt16BE(r.port, 4);
      return Buffer.concat([head, encodeName(r.target)]);
    }
    case 'MX': {
      const head = Buffer.alloc(2);
      head.writeUInt16BE(r.preference, 0);
      return Buffer.concat([head, encodeName(r.exchange)]);
    }
    default:
      throw new Error(`no rdata for ${r.type}`);
  }
}

function encodeName(name) {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')])), Buffer.from([0])]);
}
