// The popup: explain the tab's error at once from the browser's report, then ask the native
// host to check the server and show the refined explanation when its evidence arrives.
// Routing only: the wasm model decides, render.js draws.

import { api, browserInfo, clearTabError, failedPage, isFirefox, seenKey, tabKey, uiLanguage, viewKey } from './platform.js';
import { messages } from './i18n.js';
import { viewBasis } from './ready.js';
import { el, helpdesk, notice, renderExplanation, staleAction, status } from './render.js';
import {
  DEFAULTS,
  MANAGED_KEY,
  chooseLanguage,
  hasContact,
  localProbeOptions,
  managedSettings,
  modelSettings,
  probeLimits,
} from './settings.js';
import { setUpTabs } from './tabs.js';

performance.mark('popup-start');

const main = document.getElementById('main');
const footer = document.getElementById('footer');

// The model, the host's messenger and the mail panel load at once; the first paint waits for
// them only when the background has no view of the error ready (ready.js).
let wasm = null;
let callHost = null;
let mailPanel = null;
const loaded = Promise.all([
  import('../pkg/tls_doctor_wasm.js').then(async (m) => {
    await m.default();
    performance.mark('wasm-ready');
    return m;
  }),
  import('./host.js'),
  import('./mail.js'),
]).then(([model, host, mail]) => {
  wasm = model;
  callHost = host.callHost;
  mailPanel = new mail.MailPanel(document.getElementById('mail-panel'));
  mailPanel.ready = settingsRead;
  configureMail();
  mailPanel.draw(state.lang);
});
// The page's footer (copy the report) belongs to the first tab only.
const selectTab = setUpTabs(document.getElementById('tabs'), (panel) => {
  footer.hidden = panel !== 'main' || !state.answer;
});
const state = {
  lang: 'ja',
  // The language the user chose in the popup (local storage), if any.
  storedLang: undefined,
  // What the browser reported, for the model to explain (`explain` makes the observation of
  // it): the tab's record (`url`, `error`, `at`, `ip`) and, when comparing the chain of a page
  // that loaded (Firefox), its `chain` as JSON text; null on a page without error.
  reported: null,
  browserJson: '',
  // Comparing the chain of a page that loaded (Firefox).
  checkingSeen: false,
  // The background's first view of the tab's error (ready.js), painted while it is what the
  // model would say.
  ready: null,
  // Where the explanation last drawn came from: `ready` (that view) or `model`.
  drawnFrom: '',
  // The tab's page failed but no error was recorded (it failed before the background was
  // listening): the host checks the site, and only its answer is explained.
  unrecorded: false,
  evidenceJson: '',
  hostNotice: null,
  hostStatus: 'pending',
  answer: null,
  settings: DEFAULTS,
  settingsJson: modelSettings(DEFAULTS),
  tabId: -1,
  entry: null,
  // Firefox: the chain the browser received for the tab's page, when it loaded without error.
  seen: null,
  // The stale-state offer: `offer`, `confirm`, `working`, `done` or `failed` (with `staleDetail`).
  stale: 'offer',
  staleDetail: '',
};
// The primary finding of each explanation painted, in order (`browser_error,cert_expired`):
// lets a reader (or a test) see that the host's answer replaced the first view.
const paints = [];

function setState(name) {
  document.body.dataset.state = name;
}

/** The tab names and the mail panel (once loaded, and when the language changed), in the
 * current language. */
function drawTabs(ready) {
  const t = ready?.tabs ?? JSON.parse(wasm.panel_labels(state.lang));
  document.getElementById('tabs').setAttribute('aria-label', t.tabs);
  document.getElementById('tab-page').textContent = t.tab_page;
  document.getElementById('tab-mail').textContent = t.tab_mail;
  if (mailPanel && mailPanel.lang !== state.lang) mailPanel.draw(state.lang);
}

/** The background's view of the tab's error when it is what the model would say now: the
 * browser's report alone, in the language and with the settings the view was made for. */
function readyView() {
  const v = state.ready;
  const browserOnly = state.reported && !state.evidenceJson && !state.checkingSeen && !state.unrecorded;
  return browserOnly && v?.basis === viewBasis(state.entry, state.lang, state.settingsJson) ? v : null;
}

async function draw() {
  const ready = readyView();
  if (!ready) await loaded;
  const t = ready?.t ?? (await messages(state.lang));
  document.documentElement.lang = state.lang;
  const langSwitch = document.getElementById('lang-switch');
  langSwitch.hidden = state.settings.languageLocked;
  for (const b of langSwitch.querySelectorAll('button')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  }
  drawTabs(ready);
  drawHelpdesk(t);
  if (!state.reported) {
    // A page that loaded: Firefox can offer to compare its chain with the host's.
    const offer = state.seen
      ? el('div', { class: 'action', id: 'seen-action' },
        el('p', {}, t.seenOffer),
        el('button', { type: 'button', class: 'primary', id: 'seen-check', 'data-action': 'seen-check' }, t.seenButton))
      : null;
    main.replaceChildren(status(state.seen ? t.seenNoError : t.noError), ...(offer ? [offer] : []));
    return;
  }
  if ((state.checkingSeen || state.unrecorded) && state.hostStatus !== 'confirmed') {
    // Comparing, or a failure whose error was not recorded, needs the host's answer: until it
    // comes, or when it cannot, say only that.
    const failed = state.hostStatus === 'missing' ? wasm.host_notice('host_missing', '', state.lang) : state.hostNotice;
    const waiting = state.unrecorded ? t.unrecordedChecking : t.checking;
    const shown = {
      pending: () => status(waiting, true),
      disabled: () => status(t.noError),
    }[state.hostStatus]?.() ?? notice(failed);
    main.replaceChildren(shown);
    return;
  }
  const answer = ready?.answer ?? (await modelAnswer());
  performance.mark('explained');
  state.answer = answer;
  state.drawnFrom = ready ? 'ready' : 'model';
  document.getElementById('target').textContent = `TLS Doctor: ${answer.explanation.target}`;
  const hostNotice =
    answer.host_notice ??
    (state.hostStatus === 'missing' ? wasm.host_notice('host_missing', '', state.lang) : state.hostStatus === 'failed' ? state.hostNotice : null);
  const hostStatus = {
    pending: status(t.checking, true),
    confirmed: status(t.confirmed),
    disabled: status(t.browserOnly),
    refused: status(t.browserOnly),
  }[state.hostStatus];
  // What the model offers to do here, a box of buttons each.
  const offers = {
    // Clear what the browser keeps for this one site, once asked twice.
    stale_clear: () => staleAction(t, siteOrigin(), state.stale, { firefox: isFirefox, detail: state.staleDetail }),
  };
  renderExplanation(main, answer.explanation, {
    status: hostNotice ? status(t.browserOnly) : hostStatus,
    notice: hostNotice ? notice(hostNotice) : null,
    actions: (answer.actions ?? []).map((a) => offers[a]?.()).filter(Boolean),
  });
  performance.mark('rendered');
  paints.push(answer.explanation.findings[0]?.id ?? '');
  document.body.dataset.paints = paints.join(',');
  footer.hidden = document.getElementById('main').hidden;
  document.getElementById('copy').textContent = t.copyReport;
  document.getElementById('report').value = answer.report;
}

/** The model's answer for what the browser reported (and the host's evidence, once it came). */
async function modelAnswer() {
  const r = state.reported;
  if (!state.browserJson) state.browserJson = JSON.stringify(await browserInfo());
  return JSON.parse(
    wasm.explain(r.url, r.error, r.at, r.ip ?? '', state.browserJson, r.chain, state.evidenceJson, state.lang, Date.now(), state.settingsJson),
  );
}

/** Resolves when the frame that paints what was just put in the DOM begins (the paint itself
 * follows within that frame). */
function painted() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** The organisation's help desk, when the admin named one: below every panel. */
function drawHelpdesk(t) {
  const box = document.getElementById('helpdesk');
  box.hidden = !hasContact(state.settings);
  if (!box.hidden) box.replaceChildren(...helpdesk(t, state.settings));
}

/** JSON text of an optional object, '' when absent. */
function jsonOf(value) {
  return value === undefined ? '' : JSON.stringify(value);
}

async function askHost(entry) {
  // Nothing is asked of the host before the admin's current settings are known: they may turn
  // probing off or limit it (the first paint may have used the settings the background kept).
  await settingsRead;
  await loaded;
  if (!state.settings.hostProbing) {
    state.hostStatus = 'disabled';
    return;
  }
  // The request, the reply to expect and how long to wait for it (the host's deadline and a
  // grace), from the model. With it go the local probes the admin configured (the host's
  // defaults for the rest), the admin's limits on what the host may probe (the host adds them
  // to its own policy) and the admin's probe deadline.
  const { request, reply, wait_ms } = JSON.parse(
    wasm.host_request(
      'page',
      crypto.randomUUID(),
      entry.url,
      entry.ip ?? '',
      state.settings.probeTimeoutSeconds ?? 0,
      jsonOf(localProbeOptions(state.settings)),
      jsonOf(probeLimits(state.settings)),
      state.lang,
    ),
  );
  const answer = await callHost(request, reply, wait_ms);
  if (answer.status === 'ok') {
    state.evidenceJson = JSON.stringify(answer.reply.evidence);
    // A policy (the host's file, or the admin's limits) refused the check: nothing was
    // measured, and the model says why (`refused_by_policy`).
    state.hostStatus = answer.reply.evidence?.refusal ? 'refused' : 'confirmed';
  } else if (answer.status === 'missing') {
    state.hostStatus = 'missing';
    state.hostNotice = null;
  } else if (answer.status === 'outdated') {
    state.hostStatus = 'failed';
    state.hostNotice = wasm.host_notice('host_outdated', answer.detail, state.lang);
  } else {
    state.hostStatus = 'failed';
    state.hostNotice = wasm.host_notice('host_failed', answer.error ?? answer.detail, state.lang);
  }
}

/** The settings in force: the model's, the language, the mail panel's, whether the host may
 * be asked. Called before the host is asked, when nothing depends on the host's status yet. */
function applySettings(settings) {
  state.settings = settings;
  state.settingsJson = modelSettings(settings);
  state.lang = chooseLanguage(settings, state.storedLang, uiLanguage());
  configureMail();
  state.hostStatus = settings.hostProbing ? 'pending' : 'disabled';
}

/** The mail panel's share of the settings, once it is loaded. */
function configureMail() {
  if (!mailPanel) return;
  mailPanel.probing = state.settings.hostProbing;
  mailPanel.limits = probeLimits(state.settings);
  mailPanel.local = localProbeOptions(state.settings);
}

/** A value as JSON text with every object's keys in order: storage may give objects back with
 * their keys in another. */
function canonical(value) {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** The URL of the tab's page when it failed although no error was recorded for it (the
 * browser reports the failure, not its code), or null. Only https pages: the host checks TLS. */
async function unrecordedFailure(tabId) {
  return tabId < 0 ? null : failedPage(await api.tabs.get(tabId).catch(() => null));
}

/** The chain of a Firefox page that loaded, when the host may compare it. */
async function seenOffer(tabId) {
  if (!isFirefox || !state.settings.hostProbing) return null;
  const seen = (await api.storage.session.get(seenKey(tabId)))[seenKey(tabId)];
  return seen?.chain?.length ? seen : null;
}

// The admin's managed settings, asked at once. The first read after the browser starts can
// take seconds: the first paint does not wait for it (it uses what the background kept, or
// the defaults), the host is not asked before it (`askHost`, the mail panel).
const settingsRead = managedSettings();

async function start() {
  // The tab, the user's language and what the background kept (the managed settings, the
  // tab's record and its view), read since the page began to load (early.js).
  const [tabId, stored, kept] = await globalThis.popupReads;
  const key = tabKey(tabId);
  state.storedLang = stored.lang;
  applySettings(kept[MANAGED_KEY]?.settings ?? DEFAULTS);
  state.tabId = tabId;
  // `?panel=mail` opens the mail panel (links from other pages, tests).
  if (new URLSearchParams(location.search).get('panel') === 'mail') selectTab('mail-panel');
  let entry = kept[key];
  state.ready = kept[viewKey(tabId)] ?? null;
  if (!entry) {
    const url = await unrecordedFailure(tabId);
    if (url) entry = { url, error: '', at: Date.now(), ip: null };
  }
  // A record without an error code: the background picked the failure up after it happened.
  state.unrecorded = Boolean(entry && !entry.error);
  state.entry = entry ?? null;
  if (!entry) state.seen = await seenOffer(tabId);
  if (entry) state.reported = { ...entry, chain: '' };
  await draw();
  await painted();
  performance.mark('first-explanation');
  // Where the first explanation came from: `ready` (the background's view) or `model`.
  if (entry) document.body.dataset.firstView = state.drawnFrom;
  // The settings in force now: drawn again only when they change what is shown.
  const current = (await settingsRead).settings;
  if (canonical(current) !== canonical(state.settings)) {
    applySettings(current);
    if (!entry) state.seen = await seenOffer(tabId);
    await draw();
  }
  if (state.drawnFrom === 'ready' && readyView()) {
    // The background's view against the model's own answer, once the module has loaded (the
    // model's code is then ready for the host's answer, too): drawn again only if they differ.
    await loaded;
    const own = await modelAnswer();
    const shown = (a) => canonical([a.explanation, a.actions, a.host_notice ?? null]);
    if (shown(own) !== shown(state.answer)) {
      state.ready = null;
      await draw();
    }
  }
  setState(entry ? 'browser-only' : 'no-error');
  if (!entry) return;

  if (state.hostStatus === 'disabled') {
    // The admin turned probing off: the model says so (`refused_by_policy`), nothing is asked.
    setState('host-disabled');
    return;
  }
  await askHost(entry);
  performance.mark('host-reply');
  await draw();
  await painted();
  performance.mark('refined-explanation');
  setState(state.hostStatus === 'confirmed' ? 'confirmed' : `host-${state.hostStatus}`);
}

document.getElementById('lang-switch').addEventListener('click', async (e) => {
  const lang = e.target?.dataset?.lang;
  if (!lang || lang === state.lang || state.settings.languageLocked) return;
  state.lang = lang;
  await api.storage.local.set({ lang });
  await draw();
});

/** The origin of the page with the error (what the stale-state action clears). */
function siteOrigin() {
  return state.entry ? new URL(state.entry.url).origin : '';
}

async function setStale(step, detail = '') {
  state.stale = step;
  state.staleDetail = detail;
  await draw();
}

/** Clears what the browser keeps for the page's site, then loads it again, bypassing the
 * cache. Chromium clears by origin; Firefox clears cookies and site data by host name and
 * cannot clear one site's cache (the confirmation said so). */
async function clearSiteAndReload() {
  const url = new URL(state.entry.url);
  const data = { cookies: true, localStorage: true, indexedDB: true, serviceWorkers: true };
  const removal = isFirefox
    ? api.browsingData.remove({ hostnames: [url.hostname] }, data)
    : api.browsingData.remove({ origins: [url.origin] }, { ...data, cache: true, cacheStorage: true });
  await removal;
  // The user acted on this error: its record and the flag go; a new failure records anew.
  await clearTabError(state.tabId);
  await api.tabs.reload(state.tabId, { bypassCache: true });
}

/** The user asked whether the page that loaded is what the server sends: the host checks the
 * server, the model compares its chain with the one the browser received. */
async function checkSeen() {
  const seen = state.seen;
  state.browserJson = JSON.stringify(await browserInfo());
  state.reported = { url: seen.url, error: '', at: seen.at, ip: seen.ip, chain: JSON.stringify(seen.chain) };
  state.checkingSeen = true;
  state.hostStatus = 'pending';
  await draw();
  setState('checking');
  await askHost(seen);
  performance.mark('host-reply');
  await draw();
  await painted();
  setState(state.hostStatus === 'confirmed' ? 'confirmed' : `host-${state.hostStatus}`);
}

main.addEventListener('click', async (e) => {
  const action = e.target?.closest?.('button[data-action]')?.dataset.action;
  if (!action) return;
  if (action === 'seen-check' && !state.reported) {
    await checkSeen().catch(async (err) => {
      console.error(err);
      const t = await messages(state.lang);
      main.replaceChildren(notice(`${t.failed} (${err?.message ?? err})`));
      setState('failed');
    });
  } else if (action === 'stale-ask') {
    await setStale('confirm');
    document.getElementById('stale-confirm')?.focus();
  } else if (action === 'stale-cancel') {
    await setStale('offer');
  } else if (action === 'stale-clear' && state.stale === 'confirm') {
    await setStale('working');
    try {
      await clearSiteAndReload();
      await setStale('done');
      setState('stale-cleared');
      // A toolbar popup closes; opened as a page (tests, links), it stays and says it is done.
      setTimeout(() => window.close(), 1500);
    } catch (err) {
      console.error(err);
      await setStale('failed', String(err?.message ?? err));
    }
  }
});

document.getElementById('copy').addEventListener('click', async () => {
  const t = await messages(state.lang);
  const out = document.getElementById('copy-status');
  try {
    await navigator.clipboard.writeText(state.answer?.report ?? '');
    out.textContent = t.copied;
  } catch {
    const area = document.getElementById('report');
    area.hidden = false;
    area.select();
    out.textContent = t.copyFailed;
  }
});

start().catch(async (e) => {
  console.error(e);
  const t = await messages(state.lang).catch(() => ({ failed: 'TLS Doctor: error' }));
  main.replaceChildren(notice(`${t.failed} (${e?.message ?? e})`));
  setState('failed');
});
