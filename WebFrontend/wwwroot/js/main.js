// OrleansNlp page: submit a text (or many texts as a batch), or a dataset (the Dataset tab), follow every job and batch
// of this browser session live, open a job's result. Plain ES modules, no framework: store.js and batch-store.js hold
// the jobs and batches, live.js and batch-live.js keep them current, list.js, batches.js, result.js and dataset-view.js
// show them, tabs.js switches the form, dataset-form.js edits a dataset's fields, api.js and auth.js talk to the server.

import { submitJob, submitBatch, randomToken } from './api.js';
import { initAuth, focusKeyInput } from './auth.js';
import { startBatchLive, refreshAllBatches } from './batch-live.js';
import { batchStore } from './batch-store.js';
import { initBatches, showBatchError } from './batches.js';
import { initDatasetForm } from './dataset-form.js';
import { initDatasetView } from './dataset-view.js';
import { initList, showListError } from './list.js';
import { initOps, refreshOps } from './ops.js';
import { startLive, restartLive, refreshAll } from './live.js';
import { initResult, openJob } from './result.js';
import { store } from './store.js';
import { initTabs } from './tabs.js';
import { splitTexts } from './texts.js';
import { el, byId, announce } from './ui.js';

const form = byId('submit-form');
const textArea = byId('text');
const instructionInput = byId('instruction');
const submitButton = byId('submit-button');
const formError = byId('form-error');
const splitField = byId('split-field');
const splitSelect = byId('split');

const FIELD_NAMES = { text: 'Text', texts: 'Texts', instruction: 'Instruction', metadata: 'Metadata' };

/** A field as the form names it: "texts[3]" is the fourth text of a batch. */
function fieldName(field) {
  const index = /^texts\[(\d+)\]$/.exec(field);
  return index ? `Text ${Number(index[1]) + 1}` : FIELD_NAMES[field.toLowerCase()] || field;
}

/** 'single' (one job) or 'batch' (one job per text). */
const mode = () => (form.querySelector('input[name=mode]:checked')?.value === 'batch' ? 'batch' : 'single');

let submitting = false;
/** The last submission that may have reached the server without us hearing back: { key, body }. */
let unconfirmed = null;

function showFormError(lines, fieldErrors = []) {
  const children = lines.map((line) => el('p', {}, line));
  if (fieldErrors.length > 0) {
    children.push(el('ul', {}, fieldErrors.map(({ field, message }) =>
      el('li', {}, `${fieldName(field)}: ${message}`))));
  }
  formError.replaceChildren(...children);
  formError.hidden = children.length === 0;
  // Every text of a batch is in the one text area.
  const fields = new Set(fieldErrors.map(({ field }) => (field.toLowerCase().startsWith('texts') ? 'text' : field.toLowerCase())));
  for (const [input, name] of [[textArea, 'text'], [instructionInput, 'instruction']]) {
    if (fields.has(name)) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }
  if (fields.has('instruction')) instructionInput.setAttribute('aria-describedby', 'instruction-hint form-error');
}

function setSubmitting(on) {
  submitting = on;
  if (on) submitButton.setAttribute('aria-disabled', 'true'); else submitButton.removeAttribute('aria-disabled');
  submitButton.textContent = on ? 'Submitting…' : submitLabel();
  if (on) form.setAttribute('aria-busy', 'true'); else form.removeAttribute('aria-busy');
}

const submitLabel = () => (mode() === 'batch' ? 'Submit batch' : 'Submit job');

const oneLineLabel = (text) => text.trim().replace(/\s+/g, ' ').slice(0, 120);

async function submit(event) {
  event.preventDefault();
  if (submitting) return;
  const batch = mode() === 'batch';
  const text = textArea.value;
  const texts = batch ? splitTexts(text, splitSelect.value) : [];
  const instruction = instructionInput.value.trim();
  if (text.trim() === '') {
    showFormError([batch ? 'Enter at least one text.' : 'The text is required and must not be blank.']);
    textArea.setAttribute('aria-invalid', 'true');
    textArea.focus();
    return;
  }
  showFormError([]);
  setSubmitting(true);
  const content = batch ? { texts } : { text };
  const body = JSON.stringify(instruction ? { ...content, instruction } : content);
  // The same request again after a lost answer reuses the key, so the server returns what it created instead of a
  // second one.
  const key = unconfirmed?.body === body ? unconfirmed.key : randomToken();
  unconfirmed = { key, body };
  const answer = batch ? await submitBatch(body, key) : await submitJob(body, key);
  setSubmitting(false);
  // Once the server decided (not unreachable, overloaded or failing), another submission is a new request.
  if (answer.status !== 0 && answer.status < 500 && answer.status !== 429) unconfirmed = null;
  if (!answer.ok) {
    showFormError(answer.lines, answer.fieldErrors);
    if (answer.status === 401) focusKeyInput();
    return;
  }
  if (batch) {
    const { batchId, jobIds } = answer.batch;
    const label = `${jobIds.length} text${jobIds.length === 1 ? '' : 's'}: ${oneLineLabel(texts[0]).slice(0, 80)}`;
    batchStore.add(batchId, { label, total: jobIds.length, texts });
    byId('batches-card').scrollIntoView({ block: 'nearest' });
    announce(`Batch of ${jobIds.length} texts submitted.`);
  } else {
    const job = answer.job;
    store.add(job.jobId, { label: oneLineLabel(text), submittedAt: job.createdAt });
    store.apply(job);
    openJob(job.jobId, { focus: false });
    announce('Job submitted.');
  }
  textArea.value = '';
  instructionInput.value = '';
  updateCount();
}

function updateCount() {
  if (mode() === 'batch') {
    const count = splitTexts(textArea.value, splitSelect.value).length;
    byId('text-count').textContent = `${count} text${count === 1 ? '' : 's'}`;
  } else {
    byId('text-count').textContent = `${textArea.value.length} characters`;
  }
}

/** Switches the form between one text and many: labels, the split choice and the button follow. */
function updateMode() {
  const batch = mode() === 'batch';
  splitField.hidden = !batch;
  byId('text-label').textContent = batch ? 'Texts to process' : 'Text to process';
  textArea.placeholder = batch
    ? 'One text a line, or paragraphs separated by blank lines.'
    : 'Paste or type the text here.';
  if (!submitting) submitButton.textContent = submitLabel();
  updateCount();
}

form.addEventListener('submit', submit);
form.addEventListener('change', (event) => {
  if (event.target.name === 'mode' || event.target === splitSelect) updateMode();
});
textArea.addEventListener('input', () => {
  updateCount();
  if (textArea.hasAttribute('aria-invalid') && textArea.value.trim() !== '') showFormError([]);
});
textArea.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  }
});
initAuth({
  onKeyChange: () => {
    showFormError([]);
    showListError([]);
    showBatchError([]);
    restartLive();
    refreshOps();
    refreshAllBatches();
  },
});
initTabs();
initList();
initBatches();
initResult();
initDatasetForm();
initDatasetView();
initOps();
startBatchLive();
startLive();
updateMode();
store.restore();
batchStore.restore();
refreshAll();
refreshAllBatches();
