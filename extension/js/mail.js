// The 「メールの設定を診断」 panel: a mail address (the host finds the servers, checks each and
// the model recommends settings) or a server and port (one check, explained like a web page).
// Routing only: the wasm reads the input and says every word, render.js-style DOM building
// draws. What is typed goes to the local host only and is not stored. The mail app section
// (which app, which message, or the message pasted) is read by the wasm too: it gives the
// likely causes at once and, after the check, that app's steps; nothing of it is stored.

import { explain_server, host_notice, host_request, mail_app, panel_labels } from '../pkg/tls_doctor_wasm.js';
import { callHost } from './host.js';
import { el, lines, renderExplanation } from './render.js';

export class MailPanel {
  constructor(root) {
    this.root = root;
    this.lang = 'ja';
    this.form = root.querySelector('#mail-form');
    this.input = root.querySelector('#mail-input');
    this.submit = root.querySelector('#mail-submit');
    this.error = root.querySelector('#mail-error');
    this.result = root.querySelector('#mail-result');
    this.appSelect = root.querySelector('#mail-app-select');
    this.messageSelect = root.querySelector('#mail-message-select');
    this.paste = root.querySelector('#mail-paste');
    this.causes = root.querySelector('#mail-causes');
    this.appSelect.addEventListener('change', () => {
      this.messageSelect.value = '';
      this.paste.value = '';
      this.drawApp();
    });
    this.messageSelect.addEventListener('change', () => {
      // A message picked from the list replaces one pasted.
      this.paste.value = '';
      this.drawApp();
    });
    this.paste.addEventListener('input', () => this.drawApp());
    // What is shown, kept as data so that a language switch can say it again.
    this.shown = { kind: 'idle' };
    this.pending = null;
    // Resolves once the admin's managed settings are read (the popup sets it).
    this.ready = Promise.resolve();
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.run().catch((err) => this.fail(String(err?.message ?? err)));
    });
    this.setState('idle');
  }

  setState(name) {
    this.root.dataset.state = name;
  }

  /** Labels and the current result in `lang`. */
  draw(lang) {
    this.lang = lang;
    const t = JSON.parse(panel_labels(lang));
    this.labels = t;
    this.root.querySelector('#mail-intro').textContent = t.intro;
    this.root.querySelector('#mail-input-label').textContent = t.input_label;
    this.input.placeholder = t.placeholder;
    this.submit.textContent = t.submit;
    this.root.querySelector('#mail-via').textContent = t.via_host;
    this.drawApp();
    this.paint();
  }

  /** The app section as the model words it: `{ pickers, causes?, steps? }`, with the steps for
   * `recommended` (the host's recommended servers as `role<TAB>host<TAB>port<TAB>security`
   * lines, read by the model without a JSON reader) when given. */
  appView(recommended = '') {
    const message = this.paste.value.trim() || this.messageSelect.value;
    return JSON.parse(mail_app(this.appSelect.value, message, recommended, this.lang));
  }

  /** The pickers (keeping what is chosen) and the likely causes of the message, at once. */
  drawApp() {
    const view = this.appView();
    const p = view.pickers;
    this.root.querySelector('#mail-app-label').textContent = p.app_label;
    this.root.querySelector('#mail-message-label').textContent = p.message_label;
    this.root.querySelector('#mail-paste-label').textContent = p.paste_label;
    const options = (select, items, first) => {
      const chosen = select.value;
      select.replaceChildren(
        ...(first === null ? [] : [el('option', { value: '' }, first)]),
        ...items.map((o) => el('option', { value: o.id }, o.text)),
      );
      select.value = items.some((o) => o.id === chosen) ? chosen : (first === null ? (items[0]?.id ?? '') : '');
    };
    options(this.appSelect, p.apps, p.choose);
    options(this.messageSelect, p.messages, null);
    const chosen = Boolean(view.causes);
    this.messageSelect.disabled = !chosen;
    this.paste.disabled = !chosen;
    if (!chosen) {
      this.causes.replaceChildren();
      return;
    }
    const c = view.causes;
    // A pasted message shows as the message it was read as.
    this.messageSelect.value = c.message;
    this.causes.replaceChildren(
      el(
        'div',
        { class: 'causes', id: 'mail-causes-box', 'data-message': c.message },
        el('h3', {}, c.heading),
        c.warning ? el('p', { class: 'plain-warning', id: 'mail-answer-no' }, c.warning) : null,
        el('p', {}, c.lead),
        el('ol', {}, c.causes.map((x) => el('li', { 'data-cause': x.id }, x.text))),
      ),
    );
    if (this.shown.kind === 'mail') this.paint();
  }

  /** That app's steps for the recommended settings, or nothing when no app is chosen. */
  appSteps(reply) {
    if (!this.appSelect.value) return null;
    const r = reply?.report?.recommended ?? {};
    const recommended = [r.outgoing, r.incoming]
      .filter(Boolean)
      .map((c) => [c.role, c.host, c.port, c.security].join('\t'))
      .join('\n');
    const steps = recommended ? this.appView(recommended).steps : null;
    if (!steps) return null;
    return el(
      'section',
      { class: 'app-steps', id: 'mail-app-steps', 'data-app': steps.app },
      el('h3', {}, steps.heading),
      el('p', { class: 'path' }, steps.path),
      el('p', { class: 'written-for' }, steps.written_for),
      steps.notes.map((n) => el('p', { class: 'note' }, n)),
      steps.settings.flatMap((x) => {
        const rows = lines(x.rows);
        rows.dataset.role = x.role;
        if (x.choice) rows.dataset.choice = x.choice;
        return [el('h4', {}, x.heading), rows];
      }),
      steps.choices.length
        ? el('details', { class: 'choices' }, el('summary', {}, steps.choices_heading), lines(steps.choices))
        : null,
    );
  }

  /** What the model makes of the input: `{ request, reply, wait_ms }` (the host's request, the
   * reply to expect and how long to wait), or `{ problem }` (what is wrong with it, in the
   * panel's language). Every request carries the admin's limits on what the host may probe
   * (`limits`) and local-probe options (`local`: the admin's SNTP servers), both set by the
   * popup. */
  ask(text, id = '') {
    const json = (v) => (v ? JSON.stringify(v) : '');
    return JSON.parse(host_request('panel', id, text, '', 0, json(this.local), json(this.limits), this.lang));
  }

  async run() {
    // The admin's current settings first (set by the popup): they may turn probing off.
    await this.ready;
    const text = this.input.value;
    const id = crypto.randomUUID();
    const asked = this.ask(text, id);
    if (asked.problem !== undefined) {
      this.show({ kind: 'problem', text }, 'invalid');
      this.input.focus();
      return;
    }
    if (this.probing === false) {
      // The organisation turned the host's checks off: nothing is asked of it.
      this.show({ kind: 'notice', notice: 'probing_disabled', detail: '' }, 'host-disabled');
      return;
    }
    const { request, reply, wait_ms } = asked;
    const mail = request.type === 'mail';
    this.pending = id;
    this.submit.disabled = true;
    this.input.setAttribute('aria-invalid', 'false');
    this.show({ kind: 'checking', mode: mail ? 'mail' : 'server' }, 'checking');
    try {
      const answer = await callHost(request, reply, wait_ms);
      // A newer request replaced this one: its answer is the one to show.
      if (this.pending !== id) return;
      if (answer.status === 'ok' && mail) {
        this.show({ kind: 'mail', reply: JSON.stringify(answer.reply) }, 'done');
      } else if (answer.status === 'ok') {
        this.show({ kind: 'server', evidence: JSON.stringify(answer.reply.evidence), at: Date.now() }, 'done');
      } else if (answer.status === 'missing') {
        this.show({ kind: 'notice', notice: 'host_missing', detail: '' }, 'host-missing');
      } else if (answer.status === 'outdated') {
        this.show({ kind: 'notice', notice: 'host_outdated', detail: answer.detail }, 'host-outdated');
      } else if (answer.status === 'refused' && mail) {
        this.show({ kind: 'notice', notice: 'bad_mail_address', detail: request.address }, 'host-refused');
      } else {
        this.show({ kind: 'notice', notice: 'host_failed', detail: answer.error ?? answer.detail }, 'host-failed');
      }
    } finally {
      if (this.pending === id) {
        this.pending = null;
        this.submit.disabled = false;
      }
    }
  }

  fail(detail) {
    console.error(detail);
    this.pending = null;
    this.submit.disabled = false;
    this.show({ kind: 'notice', notice: 'host_failed', detail }, 'host-failed');
  }

  show(shown, state) {
    this.shown = shown;
    this.paint();
    this.setState(state);
  }

  /** Draws `this.shown` in the current language. */
  paint() {
    const t = this.labels;
    const s = this.shown;
    if (!t) return;
    this.error.hidden = s.kind !== 'problem';
    this.input.setAttribute('aria-invalid', String(s.kind === 'problem'));
    if (s.kind === 'problem') {
      this.error.textContent = this.ask(s.text).problem ?? '';
      this.result.replaceChildren();
      return;
    }
    this.error.textContent = '';
    switch (s.kind) {
      case 'idle':
        this.result.replaceChildren();
        break;
      case 'checking':
        this.result.replaceChildren(
          el('p', { class: 'status busy', id: 'mail-status' }, s.mode === 'mail' ? t.checking_mail : t.checking_server),
        );
        break;
      case 'notice':
        this.result.replaceChildren(
          el('div', { class: 'notice', id: 'mail-notice', role: 'note' }, host_notice(s.notice, s.detail, this.lang)),
          el('p', { class: 'plain-warning' }, t.plain_warning),
        );
        break;
      case 'server':
        this.paintServer(JSON.parse(explain_server(s.evidence, this.lang, s.at)));
        break;
      case 'mail': {
        const reply = JSON.parse(s.reply);
        this.paintMail(this.panel(reply), this.appSteps(reply));
        break;
      }
    }
  }

  // The host words its mail report in every language: the panel of the popup's language.
  panel(reply) {
    const panels = Array.isArray(reply.panels) ? reply.panels : [];
    const panel = panels.find((p) => p.lang === this.lang) ?? panels[0];
    if (panel?.explanation) return panel;
    return { host_notice: host_notice('host_failed', 'the reply has no mail panel', this.lang) };
  }

  paintServer(answer) {
    const t = this.labels;
    if (!answer.explanation) {
      this.result.replaceChildren(el('div', { class: 'notice', id: 'mail-notice', role: 'note' }, answer.host_notice));
      return;
    }
    const body = el('div', { class: 'server-result' });
    renderExplanation(body, answer.explanation);
    dropIds(body);
    this.result.replaceChildren(
      el('h2', { class: 'result-title' }, t.server_result, el('span', { class: 'target' }, answer.explanation.target)),
      body,
      el('p', { class: 'plain-warning' }, t.plain_warning),
    );
  }

  paintMail(answer, steps = null) {
    const t = this.labels;
    const ex = answer.explanation;
    if (!ex) {
      this.result.replaceChildren(el('div', { class: 'notice', id: 'mail-notice', role: 'note' }, answer.host_notice));
      return;
    }
    const parts = [el('h2', { class: 'result-title' }, ex.title)];
    parts.push(
      el(
        'div',
        { class: ex.safe ? 'verdict safe' : 'verdict unsafe', id: 'mail-verdict' },
        ex.verdict.map((sentence) => el('p', {}, sentence)),
      ),
    );
    if (ex.recommended.length) {
      const c = ex.columns;
      const value = (rows, label, i) => (rows.find((r) => r.label === label) ?? rows[i])?.value ?? '';
      const body = ex.recommended.map((r) =>
        el(
          'tr',
          { 'data-role': r.role },
          el('th', { scope: 'row' }, r.heading),
          el('td', { class: 'host' }, value(r.rows, c.server, 0)),
          el('td', {}, value(r.rows, c.port, 1)),
          el('td', {}, value(r.rows, c.security, 2)),
        ),
      );
      parts.push(
        el('h3', {}, ex.recommended_heading),
        el(
          'table',
          { class: 'recommended', id: 'mail-recommended' },
          el('thead', {}, el('tr', {}, [c.role, c.server, c.port, c.security].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, body),
        ),
        ex.recommended.filter((r) => r.note).map((r) => el('p', { class: 'caveat' }, r.note)),
      );
    }
    if (steps) parts.push(steps);
    if (answer.plain_warning) parts.push(el('p', { class: 'plain-warning' }, answer.plain_warning));
    if (ex.servers.length) {
      parts.push(el('h3', {}, ex.servers_heading));
      parts.push(
        el(
          'div',
          { class: 'servers', id: 'mail-servers' },
          ex.servers.map((s, i) => this.server(s, answer.details[i])),
        ),
      );
    }
    if (ex.notes.length) {
      parts.push(el('h3', {}, ex.notes_heading), el('ul', { class: 'notes' }, ex.notes.map((n) => el('li', {}, n))));
    }
    if (ex.lookups.length) {
      parts.push(el('details', { class: 'lookups' }, el('summary', {}, ex.lookups_heading), lines(ex.lookups)));
    }
    this.result.replaceChildren(...parts);
  }

  /** One checked server: a summary line, and its whole explanation when opened. */
  server(s, detail) {
    const t = this.labels;
    const host = s.host.includes(':') ? `[${s.host}]` : s.host;
    const severityLabel = detail?.findings?.[0]?.severity_label;
    const summary = el(
      'summary',
      {},
      el(
        'span',
        { class: 'tags' },
        severityLabel ? el('span', { class: `tag ${s.severity}` }, severityLabel) : null,
        s.recommended ? el('span', { class: 'tag recommended' }, t.recommended_tag) : null,
        el('span', { class: 'tag' }, s.role_label),
      ),
      el('span', { class: 'where' }, `${host}:${s.port}`, el('span', { class: 'security' }, s.security_label)),
      el('span', { class: 'headline' }, s.headline),
      detail ? el('span', { class: 'more' }, t.details) : null,
    );
    const box = el('details', { class: `server ${s.severity}`, 'data-finding': s.finding });
    box.append(summary);
    if (detail) {
      const body = el('div', { class: 'server-detail' });
      renderExplanation(body, detail);
      dropIds(body);
      box.append(body);
    }
    return box;
  }
}

/** renderExplanation names its summary for the page panel; copies elsewhere stay anonymous. */
function dropIds(node) {
  for (const n of node.querySelectorAll('[id]')) n.removeAttribute('id');
}
