// Small helpers that build the page from data. Text always goes in as text nodes and attributes through
// setAttribute, never as HTML, so a state name or an input such as "<img onerror=…>" shows as it is.

const SVG = 'http://www.w3.org/2000/svg';

function fill(element, attributes, children) {
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h('td', { class: 'name' }, text, …). */
export function h(tag, attributes, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

/** An SVG element. */
export function s(tag, attributes, ...children) {
  return fill(document.createElementNS(SVG, tag), attributes, children);
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  return fill(element, {}, children);
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** A timestamp (epoch seconds, as the API sends them, or milliseconds) as local "YYYY-MM-DD hh:mm:ss.mmm". */
export function formatTime(value, unit = 's') {
  if (value === undefined || value === null) return '—';
  const date = new Date(unit === 's' ? value * 1000 : value);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A duration in milliseconds, readably: 850 ms, 4.2 s, 3 min 05 s, 2 h 10 min. */
export function formatDuration(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${pad(Math.floor(seconds % 60))} s`;
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

/** JSON text, indented when it parses (the API carries data as JSON text). */
export function prettyJson(text) {
  if (text === undefined || text === null) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return String(text);
  }
}

/** The last part of an ARN (a state machine's or execution's name). */
export function arnName(arn) {
  return String(arn || '').split(':').pop();
}
