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

/** One finding. The primary one leads with its first screen — the verdict, whose side and how
 * serious, the one thing to do now, one line on the risk — and keeps the rest (what it means,
 * the later steps, the admin's fixes, the evidence) behind one disclosure. The others (already
 * behind a disclosure of their own) show their verdict, meaning, admin's fixes and evidence. */
function finding(f, labels, primary, actions = []) {
  const box = el('section', { class: `finding ${f.severity}${primary ? ' primary' : ''}`, 'data-finding': f.id, 'data-side': f.side });
  box.append(
    el('h2', {}, f.headline),
    el('div', { class: 'tags' }, el('span', { class: 'tag side' }, f.side_label), el('span', { class: `tag ${f.severity}` }, f.severity_label)),
  );
  const details = [el('h3', {}, labels.meaning), el('p', { class: 'meaning' }, f.meaning)];
  if (primary) {
    const [first, ...later] = f.user_steps;
    if (first) {
      box.append(el('div', { class: 'first-step' }, el('h3', {}, labels.user_steps), el('p', {}, withCode(first))));
    }
    box.append(...actions);
    box.append(el('p', { class: 'danger' }, el('span', { class: 'label' }, labels.danger), ' ', f.danger));
    if (later.length) {
      details.push(el('h3', {}, labels.user_steps), el('ol', { class: 'steps', start: '2' }, later.map((s) => el('li', {}, withCode(s)))));
    }
  }
  if (f.admin_steps.length) {
    const items = f.admin_steps.map((s) =>
      el('li', {}, s.software ? el('span', { class: 'software' }, `${s.software}: `) : null, withCode(s.text)),
    );
    details.push(el('details', { class: 'admin' }, el('summary', {}, labels.admin_steps), el('ul', {}, items)));
  }
  if (f.evidence.length) {
    details.push(el('details', { class: 'evidence', open: primary ? '' : null }, el('summary', {}, labels.evidence), lines(f.evidence)));
  }
  if (primary) box.append(el('details', { class: 'more' }, el('summary', {}, labels.more), details));
  else box.append(...details);
  return box;
}

/** Replaces `main`'s content with the explanation: `status` (a short line) above it, `actions`
 * (boxes for what the user can do from here: the answer's `actions`, drawn by the popup) right
 * after the primary finding's first step, and `notice` (a longer message about the host) right
 * after the primary finding. */
export function renderExplanation(main, ex, { status, notice, actions = [] } = {}) {
  const { labels } = ex;
  const [primary, ...rest] = ex.findings;
  const parts = [el('p', { class: 'summary', id: 'summary' }, ex.summary)];
  if (status) parts.push(status);
  if (primary) parts.push(finding(primary, labels, true, actions));
  else parts.push(...actions);
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

/** The offer to clear what the browser keeps of one site and load it again, at `step`:
 * `offer` (one button), `confirm` (what will be cleared, then confirm or cancel), `working`,
 * `done` or `failed` (a line). `t` are the popup's labels; `origin` comes from the page's URL
 * and goes in as text. Buttons carry `data-action` for the popup to act on. */
export function staleAction(t, origin, step, { firefox = false, detail = '' } = {}) {
  const box = el('div', { class: 'action', id: 'stale-action', 'data-step': step });
  if (step === 'offer') {
    box.append(
      el('p', {}, t.staleOffer),
      el('button', { type: 'button', class: 'primary', id: 'stale-clear', 'data-action': 'stale-ask' }, t.staleButton),
    );
  } else if (step === 'confirm') {
    box.append(
      el('p', {}, firefox ? t.staleConfirmFirefox : t.staleConfirm),
      el('p', { class: 'origin' }, origin),
      el('p', {}, t.staleLogout),
      ...(firefox ? [el('p', { class: 'caveat' }, t.staleFirefoxCache)] : []),
      el(
        'div',
        { class: 'buttons' },
        el('button', { type: 'button', class: 'primary', id: 'stale-confirm', 'data-action': 'stale-clear' }, t.staleConfirmButton),
        el('button', { type: 'button', class: 'secondary', id: 'stale-cancel', 'data-action': 'stale-cancel' }, t.staleCancel),
      ),
    );
  } else if (step === 'working' || step === 'done') {
    box.append(el('p', { class: 'status', role: 'status' }, step === 'done' ? t.staleDone : t.staleWorking));
  } else {
    box.append(el('p', { class: 'error', role: 'alert' }, detail ? `${t.staleFailed} (${detail})` : t.staleFailed));
  }
  return box;
}

/** The organisation's help desk (managed settings, checked by managed.js): a heading, the
 * organisation's name, and each contact the admin gave as a link. */
export function helpdesk(t, s) {
  const rows = [];
  const link = (href, text, extra = {}) => el('a', { href, ...extra }, text);
  if (s.helpdeskEmail) rows.push({ label: t.helpdeskEmail, value: link(`mailto:${s.helpdeskEmail}`, s.helpdeskEmail) });
  if (s.helpdeskPhone) rows.push({ label: t.helpdeskPhone, value: link(`tel:${s.helpdeskPhone.replace(/[^0-9+]/g, '')}`, s.helpdeskPhone) });
  if (s.helpdeskUrl) {
    rows.push({ label: t.helpdeskUrl, value: link(s.helpdeskUrl, s.helpdeskUrl, { target: '_blank', rel: 'noopener noreferrer' }) });
  }
  return [
    el('h2', {}, t.helpdeskTitle),
    s.organizationName ? el('p', { class: 'org', id: 'helpdesk-org' }, s.organizationName) : null,
    el('p', { class: 'hint' }, t.helpdeskHint),
    rows.length ? lines(rows) : null,
  ].filter(Boolean);
}
