// The list of this session's jobs: one row per job with its status, stage and progress, the row's actions
// (Cancel while it runs, Retry once it failed) and the "Forget finished" button.

import { cancelJob, retryJob } from './api.js';
import { refresh } from './live.js';
import { openJob } from './result.js';
import { store, isFinal, isRunning } from './store.js';
import { el, byId, announce, shortId, jobName, formatTime } from './ui.js';

const list = byId('job-list');
const empty = byId('jobs-empty');
const listError = byId('list-error');
const forgetButton = byId('forget-finished');
/** @type {Map<string, HTMLElement>} */
const rows = new Map();

/**
 * The row actions. Each is offered while `offered(entry)` holds and runs one REST call that answers with the
 * job, which goes to the store like any other news of it.
 */
const ACTIONS = {
  cancel: {
    label: 'Cancel', busyLabel: 'Cancelling…', testId: 'job-cancel', className: 'button button--small button--danger',
    offered: (entry) => isRunning(entry.status), call: cancelJob,
  },
  retry: {
    label: 'Retry', busyLabel: 'Retrying…', testId: 'job-retry', className: 'button button--small',
    offered: (entry) => entry.status === 'failed', call: retryJob,
    done: (entry) => `Job ${shortId(entry.id)} retried.`,
  },
};

export function initList() {
  store.subscribe(onStoreChange);
  forgetButton.addEventListener('click', () => {
    store.forgetFinished();
    showListError([]);
    byId('jobs-heading').focus();
  });
  updateChrome();
}

export function showListError(lines) {
  listError.replaceChildren(...lines.map((line) => el('p', {}, line)));
  listError.hidden = lines.length === 0;
}

function onStoreChange({ type, id, previous }) {
  if (type === 'removed') {
    rows.get(id)?.remove();
    rows.delete(id);
  } else if (type === 'selected') {
    for (const changed of new Set([previous, id])) if (changed) renderRow(changed);
  } else {
    renderRow(id);
    const entry = store.get(id);
    if (type === 'updated' && isRunning(previous) && isFinal(entry.status)) announce(`Job ${jobName(entry)} ${entry.status}.`);
  }
  updateChrome();
}

/** Runs a row action on a job; one at a time per job. */
async function runAction(name, id) {
  const action = ACTIONS[name];
  const entry = store.get(id);
  if (!entry || entry.busy) return;
  store.setBusy(id, name);
  showListError([]);
  const answer = await action.call(id);
  if (answer.ok) {
    store.apply(answer.job);
    if (action.done) announce(action.done(entry));
  } else {
    showListError([`Could not ${name} job ${shortId(id)}:`, ...answer.lines]);
    if (answer.status !== 0) refresh(id);   // it may have moved on meanwhile
  }
  store.setBusy(id, '');
}

function renderRow(id) {
  const entry = store.get(id);
  if (!entry) return;
  let row = rows.get(id);
  if (!row) {
    row = buildRow(entry);
    rows.set(id, row);
    let next = store.nextId(id);
    while (next && !rows.has(next)) next = store.nextId(next);
    list.insertBefore(row, next ? rows.get(next) : null);
  }
  const { status, stage, progress } = entry;
  const selected = id === store.selectedId;
  row.dataset.status = status;
  row.classList.toggle('job-row--selected', selected);
  row.querySelector('.job-row__open').setAttribute('aria-expanded', String(selected));
  if (selected) row.setAttribute('aria-current', 'true'); else row.removeAttribute('aria-current');

  const badge = row.querySelector('[data-testid=job-status]');
  badge.textContent = status;
  badge.className = `badge badge--${status}`;
  const rowCount = entry.total === null ? '' : ` · ${entry.completed ?? 0}/${entry.total} rows`;
  row.querySelector('.job-row__stage').textContent = stage ? `stage: ${stage}${rowCount}` : '';

  const bar = row.querySelector('[data-testid=job-progress]');
  bar.value = progress;
  bar.textContent = `${progress}%`;
  bar.setAttribute('aria-valuenow', String(progress));
  bar.setAttribute('aria-valuetext', `${progress}%, ${status}${stage ? `, ${stage}` : ''}`);
  row.querySelector('.job-row__percent').textContent = `${progress}%`;

  const message = row.querySelector('.job-row__message');
  message.textContent = [entry.message, entry.loadError !== entry.message && entry.loadError].filter(Boolean).join(' — ');
  message.classList.toggle('job-row__message--error', Boolean(entry.loadError) || status === 'failed');

  for (const [name, action] of Object.entries(ACTIONS)) renderAction(row, entry, name, action);
}

/** Adds, updates or removes one action button of a row; a removed button hands its focus to the row. */
function renderAction(row, entry, name, action) {
  let button = row.querySelector(`[data-testid=${action.testId}]`);
  const offered = action.offered(entry) && !entry.gone;
  if (offered && !button) {
    button = el('button', {
      type: 'button', class: action.className, 'data-testid': action.testId,
      'aria-label': `${action.label} job ${entry.label ? `“${entry.label.slice(0, 40)}”` : entry.id}`,
    });
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      runAction(name, entry.id);
    });
    row.querySelector('.job-row__actions').append(button);
  } else if (!offered && button) {
    const hadFocus = document.activeElement === button;
    button.remove();
    if (hadFocus) row.querySelector('.job-row__open').focus();
    return;
  }
  if (!button) return;
  // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
  const busy = entry.busy === name;
  if (busy) button.setAttribute('aria-disabled', 'true'); else button.removeAttribute('aria-disabled');
  button.textContent = busy ? action.busyLabel : action.label;
}

function buildRow(entry) {
  const title = entry.label || `Job ${shortId(entry.id)}`;
  const open = el('button', { type: 'button', class: 'job-row__open', 'aria-controls': 'job-result', 'aria-expanded': 'false' },
    el('span', { class: 'job-row__title' }, title),
    el('span', { class: 'job-row__meta' },
      el('span', { class: 'job-row__id', title: entry.id }, shortId(entry.id)),
      ' · ',
      el('time', { datetime: entry.submittedAt }, formatTime(entry.submittedAt))));
  open.addEventListener('click', (event) => {
    event.stopPropagation();
    openJob(entry.id, { focus: true });
  });

  const row = el('li', { class: 'job-row', 'data-testid': 'job-row', 'data-job-id': entry.id },
    el('div', { class: 'job-row__head' }, open, el('div', { class: 'job-row__actions' })),
    el('div', { class: 'job-row__state' },
      el('span', { class: 'badge', 'data-testid': 'job-status' }, entry.status),
      el('span', { class: 'job-row__stage' }),
      el('span', { class: 'job-row__percent', 'aria-hidden': 'true' })),
    el('progress', {
      class: 'job-row__progress', 'data-testid': 'job-progress', max: 100, value: 0,
      'aria-label': `Progress of ${title.slice(0, 60)}`, 'aria-valuemin': '0', 'aria-valuemax': '100',
    }, '0%'),
    el('p', { class: 'job-row__message' }));
  // The whole row opens the job; the inner button is the keyboard and screen reader target.
  row.addEventListener('click', (event) => {
    if (event.target.closest('button, a, input, textarea, select')) return;
    if (String(window.getSelection()).length > 0) return;   // selecting text
    openJob(entry.id, { focus: false });
  });
  return row;
}

function updateChrome() {
  empty.hidden = store.size > 0;
  let anyFinished = false;
  for (const entry of store) anyFinished ||= isFinal(entry.status) || entry.gone;
  forgetButton.hidden = !anyFinished;
}
