// The options page: the language (the user's one choice, unless the admin locked it) and every
// managed setting with its value and where it comes from, then the settings that were ignored
// and why. Labels come from _locales; values go in as text.

import { api, uiLanguage } from './platform.js';
import { messages } from './i18n.js';
import { el } from './render.js';
import { DEFAULTS } from './managed.js';
import { chooseLanguage, managedSettings } from './settings.js';

/** `$1` in a label, filled with `value`. */
function fill(label, value) {
  return label.replace('$1', value);
}

/** A setting's value as the page shows it. */
function shown(t, key, value) {
  if (value === undefined) {
    if (key === 'language') return t.valueBrowserLanguage;
    if (['allowedPorts', 'allowedProtocols', 'allowedHosts'].includes(key)) return t.valueAny;
    if (key === 'blockedHosts') return t.valueNone;
    return t.valueHostDefault;
  }
  if (typeof value === 'boolean') return value ? t.valueYes : t.valueNo;
  if (key === 'proceedAdvice') return t[`proceed_${value}`];
  if (key === 'language') return value === 'ja' ? '日本語' : 'English';
  if (Array.isArray(value)) {
    if (!value.length) return ['ntpServers'].includes(key) ? t.valueTurnedOff : t.valueNone;
    return el('ul', {}, value.map((v) => el('li', {}, String(v))));
  }
  if (value === '') return ['portalCheckUrl', 'canary'].includes(key) ? t.valueTurnedOff : t.valueNone;
  return String(value);
}

function problemText(t, p) {
  const reason = {
    unknown: t.problem_unknown,
    type: fill(t.problem_type, p.expected ?? ''),
    value: fill(t.problem_value, p.detail ?? ''),
    too_long: t.problem_too_long,
    too_many: fill(t.problem_too_many, p.detail ?? ''),
  }[p.problem];
  const label = t[`set_${p.key}`];
  return el('li', { 'data-key': p.key, 'data-problem': p.problem }, el('code', {}, p.key || '{}'), label ? ` ${label}: ` : ': ', reason);
}

async function draw(lang, read, stored) {
  const t = await messages(lang);
  const { settings, managed, problems } = read;
  document.documentElement.lang = lang;
  document.title = t.optionsTitle;
  document.getElementById('title').textContent = t.optionsTitle;
  document.getElementById('language-title').textContent = t.optionsLanguage;
  const note = document.getElementById('language-note');
  note.hidden = !settings.languageLocked;
  note.textContent = t.optionsLanguageLocked;
  for (const input of document.querySelectorAll('input[name="lang"]')) {
    input.checked = input.value === lang;
    input.disabled = settings.languageLocked;
  }
  document.getElementById('managed-title').textContent = t.optionsManagedTitle;
  document.getElementById('managed-intro').textContent = managed.length ? t.optionsManagedIntro : t.optionsNoneManaged;
  document.getElementById('col-setting').textContent = t.optionsSetting;
  document.getElementById('col-value').textContent = t.optionsValue;
  document.getElementById('col-source').textContent = t.optionsSource;
  const rows = Object.keys(DEFAULTS).map((key) => {
    const isManaged = managed.includes(key);
    return el(
      'tr',
      { 'data-key': key, 'data-managed': String(isManaged) },
      el('td', {}, t[`set_${key}`]),
      el('td', { class: 'value' }, shown(t, key, settings[key])),
      el('td', {}, el('span', { class: 'source' }, isManaged ? t.sourceManaged : t.sourceDefault)),
    );
  });
  document.querySelector('#managed tbody').replaceChildren(...rows);
  document.getElementById('problems-section').hidden = problems.length === 0;
  document.getElementById('problems-title').textContent = t.optionsProblemsTitle;
  document.getElementById('problems-intro').textContent = t.optionsProblemsIntro;
  document.getElementById('problems').replaceChildren(...problems.map((p) => problemText(t, p)));
  document.getElementById('language-saved').textContent = stored.saved ? t.optionsSaved : '';
  document.body.dataset.state = 'ready';
}

async function start() {
  const [read, stored] = await Promise.all([managedSettings(), api.storage.local.get('lang')]);
  let lang = chooseLanguage(read.settings, stored.lang, uiLanguage());
  await draw(lang, read, {});
  document.getElementById('language-choice').addEventListener('change', async (e) => {
    if (read.settings.languageLocked || !e.target?.value) return;
    lang = e.target.value;
    await api.storage.local.set({ lang });
    await draw(lang, read, { saved: true });
  });
}

start().catch((e) => {
  console.error(e);
  document.body.dataset.state = 'failed';
});
