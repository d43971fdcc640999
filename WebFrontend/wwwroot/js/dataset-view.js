// The Dataset tab's view of one dataset job (the last submitted, or one opened from the job details): its status and
// message ("Generating rows 21-40 of 100"), a live row counter (completed of total, from the job's jobProgress events
// and documents that store.js keeps, so the hub and the polling fallback both feed it), then, once it completed, its
// rows a page at a time (GET /api/datasets/{id}/rows), the invalid rows left out and the CSV and JSON Lines downloads.

import { getDatasetRows, downloadDataset, oneLine } from './api.js';
import { store, isFinal, hasDocument } from './store.js';
import { selectTab } from './tabs.js';
import { el, byId, announce, shortId } from './ui.js';

export const ROWS_PAGE_SIZE = 20;
const STORAGE_KEY = 'orleansNlp.dataset';

const view = byId('dataset-view');
const heading = byId('dataset-view-heading');
const part = (testId) => view.querySelector(`[data-testid=${testId}]`);

let currentId = readStored();
/** The rows on show: whose, from where, and what the server answered. */
let page = { id: null, offset: 0, rows: null, total: 0, error: '', loading: false };

function readStored() {
  try { return sessionStorage.getItem(STORAGE_KEY); } catch { return null; }
}

export function initDatasetView() {
  store.subscribe(({ type, id }) => {
    if (id !== currentId) return;
    if (type === 'removed') {
      show(null);
      return;
    }
    render();
  });
  part('dataset-pager').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-step]');
    if (!button || button.getAttribute('aria-disabled') === 'true') return;
    const offset = page.offset + Number(button.dataset.step) * ROWS_PAGE_SIZE;
    if (offset >= 0 && offset < page.total) loadPage(offset);
  });
  view.querySelector('.dataset__downloads').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-format]');
    if (button && button.getAttribute('aria-disabled') !== 'true') download(button);
  });
  render();
}

/** Shows this dataset job in the Dataset tab; with focus, moves the keyboard focus to its heading. */
export function showDataset(id, { focus = false } = {}) {
  selectTab('tab-dataset');
  show(id);
  if (focus) heading.focus();
}

function show(id) {
  currentId = id;
  page = { id: null, offset: 0, rows: null, total: 0, error: '', loading: false };
  try {
    if (id) sessionStorage.setItem(STORAGE_KEY, id); else sessionStorage.removeItem(STORAGE_KEY);
  } catch { /* the view just won't survive a reload */ }
  render();
}

function render() {
  const entry = currentId ? store.get(currentId) : undefined;
  view.hidden = !entry;
  if (!entry) return;
  const job = hasDocument(entry) ? entry.job : null;
  const result = job?.result ?? null;
  view.dataset.jobId = entry.id;
  view.dataset.status = entry.status;
  heading.textContent = result?.name ? `Dataset ${result.name}` : entry.label || `Dataset ${shortId(entry.id)}`;

  const badge = part('dataset-status');
  badge.textContent = entry.stage && !isFinal(entry.status) ? `${entry.status} · ${entry.stage}` : entry.status;
  badge.className = `badge badge--${entry.status}`;
  part('dataset-message').textContent = [entry.message, entry.loadError !== entry.message && entry.loadError].filter(Boolean).join(' — ');

  renderCounter(entry);

  const error = part('dataset-job-error');
  error.hidden = entry.status !== 'failed';
  error.textContent = entry.status === 'failed' ? entry.job?.error || entry.message || 'The dataset job failed without saying why.' : '';

  const done = part('dataset-done');
  done.hidden = entry.status !== 'completed';
  if (entry.status !== 'completed') return;
  if (page.id !== entry.id) loadPage(0);
  renderTable(result);
  renderInvalid(result);
}

/** "40 of 100 rows" and the bar: the rows generated and valid so far, of those asked for. */
function renderCounter(entry) {
  const total = entry.total ?? entry.job?.total ?? null;
  const completed = entry.completed ?? entry.job?.completed ?? 0;
  part('dataset-completed').textContent = String(completed);
  part('dataset-total').textContent = total === null ? '—' : String(total);
  const bar = part('dataset-progress');
  bar.max = Math.max(1, total ?? 1);
  bar.value = total === null ? 0 : Math.min(completed, total);
  bar.setAttribute('aria-valuetext', total === null ? 'Row count not known yet' : `${completed} of ${total} rows`);
}

async function loadPage(offset) {
  const id = currentId;
  if (!id || (page.loading && page.id === id && page.offset === offset)) return;
  page = { ...page, id, offset, loading: true, error: '' };
  renderTable(store.get(id)?.job?.result ?? null);
  const answer = await getDatasetRows(id, offset, ROWS_PAGE_SIZE);
  if (currentId !== id || page.offset !== offset) return;   // another dataset or page was asked for meanwhile
  page = answer.ok
    ? { id, offset, rows: answer.page.rows, total: answer.page.total, error: '', loading: false }
    : { id, offset, rows: null, total: page.total, error: oneLine(answer.lines), loading: false };
  render();
}

/** The page of rows as a table: a column per field (in the schema's order), a row per dataset row. */
function renderTable(result) {
  const table = part('dataset-table');
  const rows = page.rows ?? [];
  const columns = result?.fields?.map((field) => field.name) ?? [...new Set(rows.flatMap((row) => Object.keys(row ?? {})))];
  table.tHead.replaceChildren(el('tr', {}, columns.map((name) => el('th', { scope: 'col' }, name))));
  table.tBodies[0].replaceChildren(...rows.map((row) =>
    el('tr', { 'data-testid': 'dataset-row' }, columns.map((name) => el('td', {}, cellText(row?.[name]))))));
  const last = Math.min(page.offset + rows.length, page.total);
  const range = page.total === 0 ? 'no rows' : `rows ${page.offset + 1}–${last} of ${page.total}`;
  table.caption.textContent = `${result?.name ?? 'Dataset'}: ${range}`;

  const note = part('dataset-rows-note');
  note.textContent = page.error || (page.loading ? 'Loading the rows…' : page.total === 0 && page.rows ? 'The dataset has no rows.' : '');
  note.hidden = note.textContent === '';
  note.classList.toggle('job-row__message--error', Boolean(page.error));

  const pager = part('dataset-pager');
  pager.hidden = page.total <= ROWS_PAGE_SIZE;
  part('dataset-page-range').textContent = page.total === 0 ? '' : `${page.offset + 1}–${last} of ${page.total}`;
  const prev = part('dataset-page-prev');
  const next = part('dataset-page-next');
  // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
  if (page.offset <= 0) prev.setAttribute('aria-disabled', 'true'); else prev.removeAttribute('aria-disabled');
  if (page.offset + ROWS_PAGE_SIZE >= page.total) next.setAttribute('aria-disabled', 'true'); else next.removeAttribute('aria-disabled');
}

/** A cell as text: a list joined with commas, a missing value empty. */
function cellText(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The rows the model wrote that did not fit the schema, with what was wrong. */
function renderInvalid(result) {
  const invalid = result?.invalidRows ?? [];
  const details = part('dataset-invalid');
  details.hidden = invalid.length === 0;
  details.querySelector('summary').textContent = `${invalid.length} invalid row${invalid.length === 1 ? '' : 's'} left out`;
  details.querySelector('ul').replaceChildren(...invalid.map(({ row, errors }) =>
    el('li', {}, el('span', {}, errors.join('; ')), ' ', el('code', {}, JSON.stringify(row)))));
}

/** Fetches the export with the API key, then hands it to the browser as a file. */
async function download(button) {
  const id = currentId;
  const format = button.dataset.format;
  const errorBox = part('dataset-download-error');
  const label = button.textContent;
  button.setAttribute('aria-disabled', 'true');
  button.textContent = 'Downloading…';
  errorBox.hidden = true;
  const answer = await downloadDataset(id, format);
  button.removeAttribute('aria-disabled');
  button.textContent = label;
  if (!answer.ok) {
    errorBox.textContent = oneLine(answer.lines);
    errorBox.hidden = false;
    return;
  }
  const name = store.get(id)?.job?.result?.name || 'dataset';
  const url = URL.createObjectURL(answer.blob);
  const link = el('a', { href: url, download: answer.filename || `${name}.${format}`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click returned; the URL only has to outlive the hand-over.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  announce(`${format === 'csv' ? 'CSV' : 'JSON Lines'} file of ${name} downloaded.`);
}
