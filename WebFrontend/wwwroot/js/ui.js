// Small DOM and formatting helpers shared by the page's modules. Every string from the server reaches the page as
// a text node (through el()), never parsed as HTML.

/** Creates an element: attrs are set as attributes (value and max as properties), children are nodes or text. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'value' || key === 'max') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** The element with this id; the page's markup guarantees it exists. */
export const byId = (id) => document.getElementById(id);

/** Reads a line to screen reader users (the page's polite live region). */
export function announce(text) {
  byId('announcer').textContent = text;
}

export const shortId = (id) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

/** How a job is named in messages: the start of its text in quotes, else its short id. */
export const jobName = (entry) => (entry.label ? `“${entry.label.slice(0, 40)}”` : shortId(entry.id));

/** A server timestamp (ISO 8601 in UTC) as local time; the date too when it is not today. */
export function formatTime(value) {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return '—';
  const date = new Date(ms);
  return date.toDateString() === new Date().toDateString()
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : date.toLocaleString();
}

export function formatDuration(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
}
