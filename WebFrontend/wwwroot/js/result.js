// The job details panel: the selected job's state and, once it completed, its result (JobResponse.result:
// analysis, embedding, llm, cached; a dataset job's name, rows, fields, invalidRows and model, whose table is in the
// Dataset tab), stage timings (timings.embeddingMs / llmMs) and attempts.

import { showDataset } from './dataset-view.js';
import { store, isFinal, hasDocument } from './store.js';
import { refresh } from './live.js';
import { el, byId, formatTime, formatDuration } from './ui.js';

const panel = byId('job-result');
const body = byId('result-body');

export function initResult() {
  store.subscribe(({ type, id }) => {
    if (type === 'selected' || (id !== null && id === store.selectedId)) render();
  });
  byId('result-close').addEventListener('click', () => {
    const id = store.selectedId;
    store.select(null);
    if (id) document.querySelector(`[data-job-id="${CSS.escape(id)}"] .job-row__open`)?.focus();
  });
}

/** Shows a job in the panel; with focus, moves the keyboard focus (and a narrow screen) to it. */
export function openJob(id, { focus }) {
  store.select(id);
  const entry = store.get(id);
  if (!entry) return;
  if (focus) {
    // On a narrow screen the panel is below the list: bring it into view.
    if (window.matchMedia('(max-width: 959px)').matches) panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
    byId('result-heading').focus({ preventScroll: true });
  }
  if (isFinal(entry.status) && !hasDocument(entry)) refresh(id);
}

function render() {
  const entry = store.selectedId && store.get(store.selectedId);
  if (!entry) {
    panel.hidden = true;
    body.replaceChildren();
    return;
  }
  panel.hidden = false;
  panel.dataset.jobId = entry.id;
  panel.dataset.status = entry.status;

  const job = entry.job;
  const parts = [];
  if (entry.label) parts.push(el('p', { class: 'result__label' }, entry.label));
  parts.push(facts([
    ['Job id', el('code', {}, entry.id)],
    ['Status', el('span', { class: `badge badge--${entry.status}`, 'data-testid': 'result-status' }, entry.status)],
    ['Stage', entry.stage],
    ['Progress', `${entry.progress}%`],
    ['Message', entry.message],
    ['Created', job && formatTime(job.createdAt)],
    ['Started', job?.startedAt && formatTime(job.startedAt)],
    ['Finished', job?.completedAt && formatTime(job.completedAt)],
    ['Kept until', job?.expiresAt && formatTime(job.expiresAt)],
    ['Ran on', job?.ranOn && [job.ranOn.embedding && `embedding: ${job.ranOn.embedding}`, job.ranOn.llm && `LLM: ${job.ranOn.llm}`]
      .filter(Boolean).join(', ')],
  ], { wide: ['Job id', 'Message', 'Ran on'] }));

  if (!isFinal(entry.status) && !entry.gone) {
    parts.push(el('progress', { class: 'result__progress', max: 100, value: entry.progress, 'aria-label': 'Job progress' },
      `${entry.progress}%`));
    parts.push(el('p', { class: 'muted' }, 'The result appears here when the job completes.'));
  }
  if (entry.loadError) parts.push(el('p', { class: 'notice notice--inline', role: 'alert' }, entry.loadError));
  if (entry.status === 'failed') {
    parts.push(el('h3', {}, 'Error'));
    parts.push(el('p', { class: 'error-text', 'data-testid': 'result-error' },
      job?.error || entry.message || 'The job failed without saying why.'));
  }
  if (entry.status === 'cancelled') {
    parts.push(el('p', { class: 'muted', 'data-testid': 'result-cancelled' }, 'This job was cancelled; it has no result.'));
  }
  if (entry.status === 'completed' && !hasDocument(entry)) parts.push(el('p', { class: 'muted' }, 'Loading the result…'));
  const dataset = entry.kind === 'dataset' || job?.kind === 'dataset';
  if (dataset) parts.push(...datasetParts(entry));
  else if (job?.result) parts.push(...resultParts(job.result));
  if (job) parts.push(...timingParts(job));
  if (job && !dataset) parts.push(...attemptParts(job));
  if (job?.metadata) {
    parts.push(el('details', { class: 'metadata' },
      el('summary', {}, 'Metadata'),
      el('pre', {}, JSON.stringify(job.metadata, null, 2))));
  }
  body.replaceChildren(...parts);
}

/** A definition list of [term, value] pairs; empty values are left out. */
function facts(pairs, { testIds = {}, wide = [] } = {}) {
  const list = el('dl', { class: 'facts' });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    list.append(el('div', { class: wide.includes(term) ? 'facts__item facts__item--wide' : 'facts__item' },
      el('dt', {}, term),
      el('dd', { 'data-testid': testIds[term] }, value)));
  }
  return list;
}

const isExtractive = (llm) => llm?.provider === 'extractive';

/** A dataset job: its rows so far and, once completed, its size and schema, with a way to its table. */
function datasetParts(entry) {
  const result = entry.job?.result;
  const parts = [el('h3', {}, 'Dataset')];
  parts.push(facts([
    ['Name', result?.name],
    ['Rows', entry.total === null ? null : `${entry.completed ?? 0} of ${entry.total}`],
    ['Fields', result?.fields?.map((field) => `${field.name} (${field.type}${field.required ? ', required' : ''})`).join(', ')],
    ['Invalid rows left out', result?.invalidRows && String(result.invalidRows.length)],
    ['Model', result?.model],
  ], { wide: ['Fields'] }));
  const open = el('button', { type: 'button', class: 'button button--small', 'data-testid': 'result-show-dataset' }, 'Show in the Dataset tab');
  open.addEventListener('click', () => showDataset(entry.id, { focus: true }));
  parts.push(el('div', { class: 'actions' }, open));
  return parts;
}

/** The second stage's name: an extractive summary is not a language model; before a result, who ran it is unknown. */
function llmStageName(job) {
  if (!job.result) return 'Generation';
  return isExtractive(job.result.llm) ? 'Summary' : 'LLM';
}

function resultParts({ llm, analysis, embedding, cached }) {
  const parts = [];
  const heading = isExtractive(llm) ? 'Extractive summary' : `LLM output (${[llm.provider, llm.model].filter(Boolean).join('/')})`;
  parts.push(el('h3', { 'data-testid': 'result-output-label' }, heading,
    cached ? el('span', { class: 'badge badge--cached', title: 'Served from the result cache' }, 'cached') : null));
  parts.push(el('div', { class: 'output', 'data-testid': 'result-output' }, llm.output));
  const notes = [];
  if (isExtractive(llm)) notes.push(`Method: ${llm.model}. No language model was called.`);
  if (llm.promptTokens !== null || llm.completionTokens !== null) {
    notes.push(`Tokens: ${llm.promptTokens ?? '—'} prompt, ${llm.completionTokens ?? '—'} completion.`);
  }
  if (notes.length > 0) parts.push(el('p', { class: 'hint' }, notes.join(' ')));

  parts.push(el('h3', {}, 'Text analysis'));
  parts.push(el('p', {}, 'Word count (stop words removed): ',
    el('strong', { 'data-testid': 'result-word-count' }, String(analysis.wordCount))));
  const words = el('ol', { class: 'top-words', 'data-testid': 'result-top-words', 'aria-label': 'Top words with counts' });
  for (const { word, count } of analysis.topWords) {
    words.append(el('li', { 'data-word': word, 'data-count': count },
      el('span', { class: 'top-words__word' }, word),
      ' ',
      el('span', { class: 'top-words__count', 'aria-label': `${count} times` }, String(count))));
  }
  if (analysis.topWords.length === 0) words.append(el('li', { class: 'muted' }, 'No words.'));
  parts.push(words);

  parts.push(el('h3', {}, 'Embedding'));
  parts.push(facts([
    ['Model', embedding.model],
    ['Dimensions', String(embedding.dimensions)],
    ['Chunks', String(embedding.chunks)],
  ], { testIds: { Model: 'result-embedding-model', Dimensions: 'result-embedding-dimensions', Chunks: 'result-embedding-chunks' } }));
  return parts;
}

/** Time per stage once measured; before that, what the job's timestamps tell. */
function timingParts(job) {
  const stages = [['Embedding', job.timings?.embeddingMs], [llmStageName(job), job.timings?.llmMs]]
    .filter(([, ms]) => typeof ms === 'number');
  if (stages.length > 0) {
    return [el('h3', {}, 'Timings'), facts(stages.map(([name, ms]) => [name, formatDuration(ms)]))];
  }
  const created = Date.parse(job.createdAt);
  const started = Date.parse(job.startedAt);
  const completed = Date.parse(job.completedAt);
  const pairs = [];
  if (!Number.isNaN(started)) pairs.push(['Waiting in queue', formatDuration(started - created)]);
  if (!Number.isNaN(completed) && !Number.isNaN(started)) pairs.push(['Processing', formatDuration(completed - started)]);
  if (!Number.isNaN(completed)) pairs.push(['Total', formatDuration(completed - created)]);
  else if (!isFinal(job.status)) pairs.push(['Elapsed so far', formatDuration(Date.now() - created)]);
  if (pairs.length === 0) return [];
  return [el('h3', {}, 'Timings'), facts(pairs), el('p', { class: 'hint' }, 'Derived from the job’s timestamps.')];
}

function attemptParts(job) {
  return [el('h3', {}, 'Attempts'), facts([
    ['Embedding', String(job.attempts.embedding)],
    [llmStageName(job), String(job.attempts.llm)],
  ])];
}
