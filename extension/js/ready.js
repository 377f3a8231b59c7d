// The first view of a tab's error, made by the background when it records the error, so that
// the popup paints it at once instead of waiting for its own copy of the model to load. The
// model's answer depends on the record, the language and the settings it reads (not on the
// time: a browser-only explanation says nothing of when it was made), so a view is painted
// only when all three are still what the popup would explain.

/** What a view was made from: the tab's record, the language and the model's settings
 * (settings.js `modelSettings`). */
export function viewBasis(entry, lang, modelSettings) {
  return JSON.stringify([entry.url, entry.error, entry.at, entry.ip ?? null, lang, modelSettings]);
}

/** `{ basis, answer, tabs, t }`: the model's answer (`explain`), the tab names
 * (`panel_labels`) and the popup's labels (`_locales`), all in `lang`. `wasm` is the loaded
 * model, `browser` the browser as JSON text (platform.js `browserInfo`). */
export function makeView(wasm, entry, lang, modelSettings, browser, t) {
  const answer = JSON.parse(
    wasm.explain(entry.url, entry.error, entry.at, entry.ip ?? '', browser, '', '', lang, Date.now(), modelSettings),
  );
  return { basis: viewBasis(entry, lang, modelSettings), answer, tabs: JSON.parse(wasm.panel_labels(lang)), t };
}
