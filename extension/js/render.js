// Builds the popup's DOM from the model's view model. It never decides anything and never
// writes HTML: every string (some come from the network) goes in as text.

/** `el('p', {class: 'x'}, 'text', child…)` */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Text in which `code spans` become <code> elements (commands in admin advice). */
function withCode(text) {
  return text.split('`').map((part, i) => (i % 2 === 1 ? el('code', {}, part) : document.createTextNode(part)));
}

export function lines(items) {
  const dl = el('dl', { class: 'lines' });
  for (const { label, value } of items) dl.append(el('dt', {}, label), el('dd', {}, value));
  return dl;
}

function finding(f, labels, primary) {
  const box = el('section', { class: `finding ${f.severity}`, 'data-finding': f.id });
  box.append(
    el('div', { class: 'tags' }, el('span', { class: `tag ${f.severity}` }, f.severity_label), el('span', { class: 'tag' }, f.side_label)),
    el('h2', {}, f.headline),
    el('h3', {}, labels.meaning),
    el('p', { class: 'meaning' }, f.meaning),
  );
  if (primary) {
    box.append(el('h3', {}, labels.danger), el('p', { class: 'danger' }, f.danger));
    if (f.user_steps.length) {
      box.append(el('h3', {}, labels.user_steps), el('ol', { class: 'steps' }, f.user_steps.map((s) => el('li', {}, withCode(s)))));
    }
  }
  if (f.admin_steps.length) {
    const items = f.admin_steps.map((s) =>
      el('li', {}, s.software ? el('span', { class: 'software' }, `${s.software}: `) : null, withCode(s.text)),
    );
    box.append(el('details', { class: 'admin' }, el('summary', {}, labels.admin_steps), el('ul', {}, items)));
  }
  if (f.evidence.length) {
    box.append(el('details', { class: 'evidence', open: primary ? '' : null }, el('summary', {}, labels.evidence), lines(f.evidence)));
  }
  return box;
}

/** Replaces `main`'s content with the explanation: `status` (a short line) above it, `notice`
 * (a longer message about the host) right after the primary finding. */
export function renderExplanation(main, ex, { status, notice } = {}) {
  const { labels } = ex;
  const [primary, ...rest] = ex.findings;
  const parts = [el('p', { class: 'summary', id: 'summary' }, ex.summary)];
  if (status) parts.push(status);
  if (primary) parts.push(finding(primary, labels, true));
  if (notice) parts.push(notice);
  if (rest.length) {
    parts.push(
      el('details', { class: 'also' }, el('summary', {}, `${labels.also_found} (${rest.length})`), rest.map((f) => finding(f, labels, false))),
    );
  }
  if (ex.certificates.length) {
    const certs = ex.certificates.map((c) => el('div', { class: 'cert' }, el('h4', {}, c.title), lines(c.lines)));
    parts.push(el('details', { class: 'certs' }, el('summary', {}, labels.certificates), certs));
  }
  if (ex.context.length) parts.push(lines(ex.context));
  main.replaceChildren(...parts);
}

/** A status line (`busy` shows a spinner) or a notice box. */
export function status(text, busy = false) {
  return el('p', { class: busy ? 'status busy' : 'status', id: 'host-status' }, text);
}

export function notice(text) {
  return el('div', { class: 'notice', id: 'host-notice', role: 'note' }, text);
}
