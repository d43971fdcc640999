// The batches of this session: one panel per batch with a progress bar and its jobs' counts by status, the language
// and sentiment summary, its jobs a page at a time (each opens the job's details as a single job does), and a Cancel
// button while it runs.

import { cancelBatch } from './api.js';
import { refreshBatch, showPage } from './batch-live.js';
import { batchStore, isBatchFinal, PAGE_SIZE } from './batch-store.js';
import { openJob } from './result.js';
import { store } from './store.js';
import { el, byId, announce, shortId, formatTime } from './ui.js';

const card = byId('batches-card');
const list = byId('batch-list');
const errorBox = byId('batch-error');
const STATUSES = ['pending', 'processing', 'completed', 'failed', 'cancelled'];
/** @type {Map<string, HTMLElement>} */
const panels = new Map();

export function initBatches() {
  batchStore.subscribe(onStoreChange);
  updateChrome();
}

export function showBatchError(lines) {
  errorBox.replaceChildren(...lines.map((line) => el('p', {}, line)));
  errorBox.hidden = lines.length === 0;
}

/** What a batch is called in messages. */
const batchName = (entry) => `Batch ${shortId(entry.id)}`;

function onStoreChange({ type, id }) {
  if (type === 'removed') {
    panels.get(id)?.remove();
    panels.delete(id);
  } else {
    const entry = batchStore.get(id);
    const before = panels.get(id)?.dataset.status;
    const panel = panelFor(entry);
    if (type === 'page') renderJobs(panel, entry);
    else renderState(panel, entry);
    if (type === 'updated' && (before === 'pending' || before === 'processing') && isBatchFinal(entry.status)) {
      announce(`${batchName(entry)} ${entry.status}: ${describeCounts(entry.counts)}.`);
    }
  }
  updateChrome();
}

function panelFor(entry) {
  let panel = panels.get(entry.id);
  if (panel) return panel;
  panel = buildPanel(entry);
  panels.set(entry.id, panel);
  let next = batchStore.nextId(entry.id);
  while (next && !panels.has(next)) next = batchStore.nextId(next);
  list.insertBefore(panel, next ? panels.get(next) : null);
  renderJobs(panel, entry);
  return panel;
}

function buildPanel(entry) {
  const headingId = `batch-${entry.id}-heading`;
  const counts = el('dl', { class: 'batch-counts', 'data-testid': 'batch-counts' },
    STATUSES.map((status) => el('div', { class: `batch-counts__item batch-counts__item--${status}` },
      el('dt', {}, status),
      el('dd', { 'data-testid': `batch-count-${status}` }, '—'))));
  const pager = el('div', { class: 'pager' },
    el('button', { type: 'button', class: 'button button--small', 'data-testid': 'batch-page-prev', 'data-step': '-1' }, 'Previous'),
    el('span', { class: 'pager__range', 'data-testid': 'batch-page-range' }),
    el('button', { type: 'button', class: 'button button--small', 'data-testid': 'batch-page-next', 'data-step': '1' }, 'Next'));
  pager.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-step]');
    if (!button || button.getAttribute('aria-disabled') === 'true') return;
    const current = batchStore.get(entry.id);
    const offset = current.page.offset + Number(button.dataset.step) * PAGE_SIZE;
    if (offset >= 0 && offset < current.total) showPage(entry.id, offset);
  });

  const panel = el('article', { class: 'batch', 'data-testid': 'batch', 'data-batch-id': entry.id, 'aria-labelledby': headingId },
    el('div', { class: 'batch__head' },
      el('div', { class: 'batch__title' },
        el('h3', { id: headingId }, entry.label || batchName(entry)),
        el('span', { class: 'batch__meta' },
          el('span', { class: 'job-row__id', title: entry.id }, shortId(entry.id)),
          ' · ',
          el('time', { datetime: entry.submittedAt }, formatTime(entry.submittedAt)),
          ' · ',
          el('span', { class: 'batch__total' }))),
      el('div', { class: 'batch__actions' })),
    el('div', { class: 'job-row__state' },
      el('span', { class: 'badge', 'data-testid': 'batch-status' }),
      el('span', { class: 'job-row__percent', 'aria-hidden': 'true' })),
    el('progress', {
      class: 'batch__progress', 'data-testid': 'batch-progress', max: 100, value: 0,
      'aria-label': `Progress of ${(entry.label || batchName(entry)).slice(0, 60)}`, 'aria-valuemin': '0', 'aria-valuemax': '100',
    }, '0%'),
    counts,
    el('dl', { class: 'facts batch__summary' },
      el('div', { class: 'facts__item facts__item--wide' },
        el('dt', {}, 'Languages'), el('dd', { 'data-testid': 'batch-languages' }, '—')),
      el('div', { class: 'facts__item facts__item--wide' },
        el('dt', {}, 'Sentiment'), el('dd', { 'data-testid': 'batch-sentiment' }, '—'))),
    el('p', { class: 'notice notice--inline batch__error', role: 'alert', hidden: true }),
    el('h4', { class: 'batch__jobs-heading' }, 'Jobs'),
    el('ol', { class: 'batch-jobs', 'data-testid': 'batch-jobs' }),
    el('p', { class: 'muted batch__jobs-note' }),
    pager);
  return panel;
}

function renderState(panel, entry) {
  const { status, progress, counts } = entry;
  panel.dataset.status = status;
  panel.querySelector('.batch__total').textContent = `${entry.total} text${entry.total === 1 ? '' : 's'}`;
  const badge = panel.querySelector('[data-testid=batch-status]');
  badge.textContent = status;
  badge.className = `badge badge--${status}`;
  panel.querySelector('.job-row__percent').textContent = `${progress}%`;

  const bar = panel.querySelector('[data-testid=batch-progress]');
  bar.value = progress;
  bar.textContent = `${progress}%`;
  bar.setAttribute('aria-valuenow', String(progress));
  bar.setAttribute('aria-valuetext', `${progress}%, ${status}${counts ? `, ${describeCounts(counts)}` : ''}`);

  for (const name of STATUSES) {
    panel.querySelector(`[data-testid=batch-count-${name}]`).textContent = counts ? String(counts[name]) : '—';
  }
  panel.querySelector('[data-testid=batch-languages]').textContent = describeLanguages(entry.summary);
  panel.querySelector('[data-testid=batch-sentiment]').textContent = describeSentiment(entry.summary);

  const error = panel.querySelector('.batch__error');
  error.textContent = entry.loadError;
  error.hidden = !entry.loadError;

  renderActions(panel, entry);
  renderPager(panel, entry);
}

/** Cancel while the batch runs; Forget once it ended (or the server no longer knows it). */
function renderActions(panel, entry) {
  const actions = panel.querySelector('.batch__actions');
  const cancelOffered = !entry.gone && !isBatchFinal(entry.status) && entry.status !== 'unknown';
  let cancel = actions.querySelector('[data-testid=batch-cancel]');
  if (cancelOffered && !cancel) {
    cancel = el('button', {
      type: 'button', class: 'button button--small button--danger', 'data-testid': 'batch-cancel',
      'aria-label': `Cancel ${batchName(entry)}`,
    }, 'Cancel');
    cancel.addEventListener('click', () => runCancel(entry.id));
    actions.prepend(cancel);
  } else if (!cancelOffered && cancel) {
    cancel.remove();
    cancel = null;
  }
  if (cancel) {
    if (entry.busy) cancel.setAttribute('aria-disabled', 'true'); else cancel.removeAttribute('aria-disabled');
    cancel.textContent = entry.busy ? 'Cancelling…' : 'Cancel';
  }

  const forgetOffered = entry.gone || isBatchFinal(entry.status);
  let forget = actions.querySelector('[data-testid=batch-forget]');
  if (forgetOffered && !forget) {
    forget = el('button', {
      type: 'button', class: 'button button--small', 'data-testid': 'batch-forget', 'aria-label': `Forget ${batchName(entry)}`,
    }, 'Forget');
    forget.addEventListener('click', () => {
      batchStore.remove(entry.id);
      byId('batches-heading').focus();
    });
    actions.append(forget);
  } else if (!forgetOffered && forget) {
    forget.remove();
  }
}

async function runCancel(id) {
  const entry = batchStore.get(id);
  if (!entry || entry.busy) return;
  batchStore.setBusy(id, true);
  showBatchError([]);
  const answer = await cancelBatch(id);
  if (answer.ok) {
    batchStore.apply(answer.batch);
    announce(`${batchName(entry)}: cancelling its unfinished jobs.`);
  } else {
    showBatchError([`Could not cancel ${batchName(entry)}:`, ...answer.lines]);
    if (answer.status !== 0) refreshBatch(id);
  }
  batchStore.setBusy(id, false);
}

/** The page of jobs on show: one row per job that exists, in the order of the batch's texts. */
function renderJobs(panel, entry) {
  const { offset, items, error } = entry.page;
  const rows = (items ?? []).map((job) => jobRow(entry, job));
  panel.querySelector('[data-testid=batch-jobs]').replaceChildren(...rows);
  const note = panel.querySelector('.batch__jobs-note');
  const expected = Math.max(0, Math.min(PAGE_SIZE, entry.total - offset));
  if (error) note.textContent = error;
  else if (items === null) note.textContent = 'Loading the jobs…';
  else if (items.length < expected) note.textContent = `${expected - items.length} of these jobs are not created yet (or were cancelled before they started).`;
  else note.textContent = '';
  note.hidden = note.textContent === '';
  note.classList.toggle('job-row__message--error', Boolean(error));
  renderPager(panel, entry);
}

function renderPager(panel, entry) {
  const { offset } = entry.page;
  const pager = panel.querySelector('.pager');
  pager.hidden = entry.total <= PAGE_SIZE;
  const last = Math.min(offset + PAGE_SIZE, entry.total);
  panel.querySelector('[data-testid=batch-page-range]').textContent = `${entry.total === 0 ? 0 : offset + 1}–${last} of ${entry.total}`;
  const prev = panel.querySelector('[data-testid=batch-page-prev]');
  const next = panel.querySelector('[data-testid=batch-page-next]');
  // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
  if (offset <= 0) prev.setAttribute('aria-disabled', 'true'); else prev.removeAttribute('aria-disabled');
  if (last >= entry.total) next.setAttribute('aria-disabled', 'true'); else next.removeAttribute('aria-disabled');
}

function jobRow(entry, job) {
  const index = indexOf(entry.id, job.jobId);
  const text = index >= 0 ? entry.texts[index] : undefined;
  const title = `#${index + 1}${text ? ` ${text.replace(/\s+/g, ' ').slice(0, 80)}` : ''}`;
  const language = job.result?.language?.code;
  const sentiment = job.result?.sentiment?.label;
  const open = el('button', { type: 'button', class: 'batch-job__open', 'aria-controls': 'job-result' },
    el('span', { class: 'batch-job__title' }, title));
  open.addEventListener('click', () => openBatchJob(entry, job, text));
  return el('li', { class: 'batch-job', 'data-testid': 'batch-job', 'data-job-id': job.jobId, 'data-status': job.status },
    open,
    el('span', { class: 'batch-job__facts' },
      language ? el('span', { class: 'badge', title: 'Language' }, language) : null,
      sentiment ? el('span', { class: `badge badge--sentiment-${sentiment}`, title: 'Sentiment' }, sentiment) : null,
      el('span', { class: `badge badge--${job.status}`, 'data-testid': 'batch-job-status' }, job.status)));
}

/** Opens a batch job's details like a single job's: it joins this session's job list and the details panel. */
function openBatchJob(entry, job, text) {
  const index = indexOf(entry.id, job.jobId);
  const label = text ? text.replace(/\s+/g, ' ').slice(0, 120) : `${batchName(entry)}, text ${index + 1}`;
  store.add(job.jobId, { label, submittedAt: job.createdAt });
  store.apply(job);
  openJob(job.jobId, { focus: true });
}

/** A batch job's id is the batch's id, a dash and the text's index from 0 (Grains.Interfaces/BatchJobIds.cs). */
function indexOf(batchId, jobId) {
  const prefix = `${batchId}-`;
  return jobId.startsWith(prefix) && /^\d+$/.test(jobId.slice(prefix.length)) ? Number(jobId.slice(prefix.length)) : -1;
}

function describeCounts(counts) {
  if (!counts) return 'counts unknown';
  return STATUSES.filter((name) => counts[name] > 0).map((name) => `${counts[name]} ${name}`).join(', ') || 'no jobs';
}

function describeLanguages(summary) {
  const entries = Object.entries(summary?.languages ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? 'none yet' : entries.map(([code, count]) => `${code} ${count}`).join(', ');
}

function describeSentiment(summary) {
  const sentiment = summary?.sentiment;
  if (!sentiment) return 'none yet';
  return `positive ${sentiment.positive} · neutral ${sentiment.neutral} · negative ${sentiment.negative}`;
}

function updateChrome() {
  card.hidden = batchStore.size === 0;
}
