// UI labels from _locales/{ja,en}. The browser's own i18n only knows the UI language; the popup
// can switch, so it reads both files itself.

import { api } from './platform.js';

const cache = new Map();

/** `{ key: text }` for `lang` (`ja` or `en`). */
export async function messages(lang) {
  if (!cache.has(lang)) {
    const url = api.runtime.getURL(`_locales/${lang}/messages.json`);
    const raw = await (await fetch(url)).json();
    cache.set(lang, Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.message])));
  }
  return cache.get(lang);
}
