// OrleansNlp page: submit text, follow every job of this browser session live, open a job's result.
// Plain ES modules, no framework: store.js holds the jobs, live.js keeps them current, list.js and result.js
// show them, api.js and auth.js talk to the server.

import { submitJob, randomToken } from './api.js';
import { initAuth, focusKeyInput } from './auth.js';
import { initList, showListError } from './list.js';
import { initOps, refreshOps } from './ops.js';
import { startLive, restartLive, refreshAll } from './live.js';
import { initResult, openJob } from './result.js';
import { store } from './store.js';
import { el, byId, announce } from './ui.js';

const form = byId('submit-form');
const textArea = byId('text');
const instructionInput = byId('instruction');
const submitButton = byId('submit-button');
const formError = byId('form-error');

const FIELD_NAMES = { text: 'Text', instruction: 'Instruction', metadata: 'Metadata' };

let submitting = false;
/** The last submission that may have reached the server without us hearing back: { key, body }. */
let unconfirmed = null;

function showFormError(lines, fieldErrors = []) {
  const children = lines.map((line) => el('p', {}, line));
  if (fieldErrors.length > 0) {
    children.push(el('ul', {}, fieldErrors.map(({ field, message }) =>
      el('li', {}, `${FIELD_NAMES[field.toLowerCase()] || field}: ${message}`))));
  }
  formError.replaceChildren(...children);
  formError.hidden = children.length === 0;
  const fields = new Set(fieldErrors.map(({ field }) => field.toLowerCase()));
  for (const [input, name] of [[textArea, 'text'], [instructionInput, 'instruction']]) {
    if (fields.has(name)) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }
  if (fields.has('instruction')) instructionInput.setAttribute('aria-describedby', 'instruction-hint form-error');
}

function setSubmitting(on) {
  submitting = on;
  if (on) submitButton.setAttribute('aria-disabled', 'true'); else submitButton.removeAttribute('aria-disabled');
  submitButton.textContent = on ? 'Submitting…' : 'Submit job';
  if (on) form.setAttribute('aria-busy', 'true'); else form.removeAttribute('aria-busy');
}

async function submit(event) {
  event.preventDefault();
  if (submitting) return;
  const text = textArea.value;
  const instruction = instructionInput.value.trim();
  if (text.trim() === '') {
    showFormError(['The text is required and must not be blank.']);
    textArea.setAttribute('aria-invalid', 'true');
    textArea.focus();
    return;
  }
  showFormError([]);
  setSubmitting(true);
  const body = JSON.stringify(instruction ? { text, instruction } : { text });
  // The same text again after a lost answer reuses the key, so the server returns that job instead of a second one.
  const key = unconfirmed?.body === body ? unconfirmed.key : randomToken();
  unconfirmed = { key, body };
  const answer = await submitJob(body, key);
  setSubmitting(false);
  // Once the server decided (not unreachable, overloaded or failing), another submission is a new request.
  if (answer.status !== 0 && answer.status < 500 && answer.status !== 429) unconfirmed = null;
  if (!answer.ok) {
    showFormError(answer.lines, answer.fieldErrors);
    if (answer.status === 401) focusKeyInput();
    return;
  }
  const job = answer.job;
  store.add(job.jobId, { label: text.trim().replace(/\s+/g, ' ').slice(0, 120), submittedAt: job.createdAt });
  store.apply(job);
  openJob(job.jobId, { focus: false });
  form.reset();
  updateCount();
  announce('Job submitted.');
}

function updateCount() {
  byId('text-count').textContent = String(textArea.value.length);
}

form.addEventListener('submit', submit);
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
    restartLive();
    refreshOps();
  },
});
initList();
initResult();
initOps();
startLive();
updateCount();
store.restore();
refreshAll();
