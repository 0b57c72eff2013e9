// Text from an image or from vulnerability data is shown as it is, except for characters that would
// change how the text around them reads: bidi overrides and isolates (a package name containing
// U+202E can make "gpj.exe" look like "exe.jpg"), zero-width characters, C0/C1 controls, line
// separators and lone surrogates. Those are replaced by a visible \uXXXX escape.
const INVISIBLE_OR_REORDERING =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Longest text a table cell shows; the whole text stays in the cell's title. */
export const MAX_CELL_CHARS = 200;

export function escapeInvisible(text) {
  return text.replace(INVISIBLE_OR_REORDERING, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Any value from the report as display text: null and undefined are empty, objects are never shown raw. */
export function displayText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return escapeInvisible(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Shortens text for a cell; returns the shown text and whether it was cut. */
export function shorten(text, max = MAX_CELL_CHARS) {
  if (text.length <= max) return { text, cut: false };
  return { text: text.slice(0, max - 1) + '\u2026', cut: true };
}
