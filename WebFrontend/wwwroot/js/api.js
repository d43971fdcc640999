// The REST calls the page makes (WebFrontend/Jobs/JobsApi.cs, WebFrontend/Batches/BatchesApi.cs, the datasets API,
// Stats/StatsApi.cs, Dashboard/DashboardApi.cs). The job calls (a dataset's submission too) answer { ok: true, job }
// with the JobResponse JSON, the batch calls { ok: true, batch } with the BatchResponse (or SubmitBatchResponse) JSON,
// the results and rows calls { ok: true, page } with a BatchResultsResponse or DatasetRowsResponse, a download
// { ok: true, blob, filename } and the stats call { ok: true, stats } with a StatsResponse; a failure is
// { ok: false, status, lines, fieldErrors } with the error in sentences (status 0 when the server could not be reached).

import { apiKey, askForKey } from './auth.js';

const JOBS = '/api/jobs';
const BATCHES = '/api/batches';
const DATASETS = '/api/datasets';

const jobUrl = (id) => `${JOBS}/${encodeURIComponent(id)}`;
const batchUrl = (id) => `${BATCHES}/${encodeURIComponent(id)}`;
const datasetUrl = (id) => `${DATASETS}/${encodeURIComponent(id)}`;

/** Names the answer's body after what it holds: { ok: true, status, [name]: body }. */
const as = (name) => (answer) => (answer.ok ? { ok: true, status: answer.status, [name]: answer.body } : answer);

export const getJob = (id) => call(jobUrl(id), {}, 'Could not load the job.').then(as('job'));

export const cancelJob = (id) => call(jobUrl(id), { method: 'DELETE' }, 'The job could not be cancelled.').then(as('job'));

/** Runs a failed job again from its last checkpoint. */
export const retryJob = (id) => call(`${jobUrl(id)}/retry`, { method: 'POST' }, 'The job could not be retried.').then(as('job'));

/** Submits { text, instruction? }; the same Idempotency-Key again returns the job it created instead of a new one. */
export const submitJob = (body, idempotencyKey) => call(JOBS, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
  body,
}, 'The job could not be submitted.').then(as('job'));

/** Submits { texts, instruction? }; answers { batchId, jobIds, status }. The Idempotency-Key works as for jobs. */
export const submitBatch = (body, idempotencyKey) => call(BATCHES, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
  body,
}, 'The batch could not be submitted.').then(as('batch'));

export const getBatch = (id) => call(batchUrl(id), {}, 'Could not load the batch.').then(as('batch'));

/** Cancels every unfinished job of the batch; answers the batch. */
export const cancelBatch = (id) => call(batchUrl(id), { method: 'DELETE' }, 'The batch could not be cancelled.').then(as('batch'));

/** A page of the batch's jobs (JobResponse each) in the order of its texts. */
export const getBatchResults = (id, offset, limit) =>
  call(`${batchUrl(id)}/results?offset=${offset}&limit=${limit}`, {}, 'Could not load the batch\'s jobs.').then(as('page'));

/** Submits { query, rows, name, fields }; answers the dataset's job. The Idempotency-Key works as for jobs. */
export const submitDataset = (body, idempotencyKey) => call(DATASETS, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
  body,
}, 'The dataset could not be submitted.').then(as('job'));

/** A page of a completed dataset's rows ({ jobId, offset, limit, total, rows }). */
export const getDatasetRows = (id, offset, limit) =>
  call(`${datasetUrl(id)}/rows?offset=${offset}&limit=${limit}`, {}, 'Could not load the dataset\'s rows.').then(as('page'));

/**
 * A completed dataset's export ('csv' or 'jsonl') as a Blob. Read with fetch rather than followed as a link, so that the
 * API key goes with it as a header; answers { ok: true, blob, filename } (the name from Content-Disposition).
 */
export async function downloadDataset(id, format) {
  const answer = await call(`${datasetUrl(id)}.${format}`, { headers: { Accept: format === 'csv' ? 'text/csv' : 'application/x-ndjson' } },
    'The dataset could not be downloaded.', (response) => response.blob());
  if (!answer.ok) return answer;
  return { ok: true, status: answer.status, blob: answer.body, filename: filenameOf(answer.headers) };
}

/** The filename a Content-Disposition header gives (filename*=UTF-8'' or filename=), or ''. */
function filenameOf(headers) {
  const disposition = headers.get('content-disposition') || '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try { return decodeURIComponent(encoded[1].trim()); } catch { /* fall through to the plain name */ }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : '';
}

/** The operations view (StatsResponse): the cluster for an admin key or without keys, else the caller's own counts. */
export const getStats = () => call('/api/stats', {}, 'Could not load the cluster figures.').then(as('stats'));

/** Lets this browser open /dashboard (an HttpOnly cookie; needs an admin key when keys are on). */
export const startDashboardSession = () => call('/api/dashboard/session', { method: 'POST' }, 'The dashboard could not be opened.');

/** Error lines as one run of sentences: "Job not found. No job has the id 'x'." */
export const oneLine = (lines) => lines.map((line) => (/[.!?:)]$/.test(line) ? line : `${line}.`)).join(' ');

/** A random token (also outside secure contexts, where crypto.randomUUID is missing). */
export function randomToken() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One request with the API key; the body is read as JSON unless a reader is given (e.g. response => response.blob()). */
async function call(url, options, fallback, read = (response) => response.json()) {
  const key = apiKey();
  const headers = { Accept: 'application/json', ...options.headers };
  if (key) headers['X-Api-Key'] = key;
  try {
    const response = await fetch(url, { cache: 'no-store', ...options, headers });
    if (response.status === 401) askForKey();
    if (!response.ok) return { ok: false, ...(await describeError(response, fallback)) };
    return { ok: true, status: response.status, headers: response.headers, body: response.status === 204 ? null : await read(response) };
  } catch (error) {
    return {
      ok: false,
      status: 0,
      lines: ['Could not reach the server. Check the connection and try again.', error?.message ? `(${error.message})` : ''].filter(Boolean),
      fieldErrors: [],
    };
  }
}

/** Sentences for a status without a problem title (e.g. from a proxy in front of the frontend). */
const GENERIC = {
  400: 'The request was not valid.',
  401: 'An API key is required.',
  404: 'Not found.',
  409: 'The job cannot be changed in its current state.',
  413: 'The text is too large to process. Shorten it and try again.',
  415: 'The request was not sent as JSON.',
  422: 'The request could not be processed.',
  429: 'Too many requests right now. Wait a moment and try again.',
  503: 'The service is unavailable right now. Try again shortly.',
};

/** Turns an error answer (RFC 7807 problem JSON, validation errors per field) into sentences. */
async function describeError(response, fallback) {
  let problem = {};
  if ((response.headers.get('content-type') || '').includes('json')) {
    try { problem = (await response.json()) || {}; } catch { /* not JSON after all */ }
  }
  const title = typeof problem.title === 'string' ? problem.title : '';
  const detail = typeof problem.detail === 'string' ? problem.detail : '';
  const lines = [title || GENERIC[response.status] || fallback];
  if (detail && detail !== title) lines.push(detail);
  const retryAfter = response.headers.get('retry-after');
  if ((response.status === 429 || response.status === 503) && /^\d+$/.test(retryAfter || '')) {
    lines.push(`Try again in ${retryAfter} s.`);
  }
  const fieldErrors = [];
  if (problem.errors && typeof problem.errors === 'object') {
    for (const [field, messages] of Object.entries(problem.errors)) {
      for (const message of [].concat(messages)) fieldErrors.push({ field, message: String(message) });
    }
  }
  return { status: response.status, lines, fieldErrors };
}
