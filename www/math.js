// Numbers and MathML for the page: how a value is written, and formulas built as elements (text is
// only ever a text node, never markup).

/** Formats a number for the stats panel; '—' for a value that does not exist (e.g. no test set). */
export function show(value, digits = 4) {
  if (!Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 10 ** -digits) return value.toExponential(2);
  return value.toFixed(digits);
}

const MATHML = 'http://www.w3.org/1998/Math/MathML';

/** A MathML element; strings become text nodes (never markup), a plain object sets attributes. */
export function m(tag, ...children) {
  const el = document.createElementNS(MATHML, tag);
  for (const child of children) {
    if (typeof child === 'object' && !(child instanceof Node)) {
      for (const [name, value] of Object.entries(child)) el.setAttribute(name, value);
    } else el.append(child);
  }
  return el;
}

/** A bracket that keeps the text's size instead of stretching around a superscript. */
export function fence(ch) {
  return m('mo', { stretchy: 'false' }, ch);
}

/** A number as MathML: `digits` significant digits (4), very large or small ones as a × 10^k. */
export function num(v, digits = 4) {
  if (!Number.isFinite(v)) return m('mn', '—');
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) {
    const [mantissa, exponent] = v.toExponential(digits - 1).split('e');
    return m('mrow', m('mn', minusSign(mantissa)), m('mo', '×'), m('msup', m('mn', '10'), m('mn', minusSign(String(Number(exponent))))));
  }
  return m('mn', minusSign(v.toPrecision(digits)));
}

/** log as an operator name, with its thin space before the argument. */
export function log() {
  return [m('mi', 'log'), m('mo', '\u2061'), m('mspace', { width: '0.2em' })];
}

/** A typeset minus sign instead of the hyphen JavaScript writes. */
export function minusSign(text) {
  return text.replace('-', '−');
}

/** A number as MathML, in parentheses if it is negative (for the right side of a − or +). */
export function operand(v) {
  return v < 0 ? m('mrow', fence('('), num(v), fence(')')) : num(v);
}

export function percent(value) {
  return Number.isFinite(value) ? `${(100 * value).toFixed(1)} %` : '—';
}
