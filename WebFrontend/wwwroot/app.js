// OrleansNlp browser page: submit text, follow every job of this browser session live, open a job's result.
// Plain ES module, no framework. Every string that comes from the server is put into the page with
// textContent (through el()), never parsed as HTML.

const API = '/api/jobs';
const HUB = '/hubs/jobs';
const STORAGE_KEY = 'orleansNlp.jobs';            // [{id, label, submittedAt}], newest first
const SELECTED_KEY = 'orleansNlp.selectedJob';
const API_KEY_KEY = 'orleansNlp.apiKey';          // only when the server asks for one (401)
const FINAL = new Set(['completed', 'failed', 'cancelled']);
const STATUSES = ['pending', 'processing', 'completed', 'failed', 'cancelled'];
const STAGES = ['queued', 'embedding', 'llm', 'done'];
const POLL_MS = 3000;            // poll unfinished jobs this often while live updates are down
const SAFETY_POLL_MS = 20000;    // and this often even while they are up, in case an event went missing
const RECONNECT_DELAYS = [2000, 5000, 10000, 30000];

/** @type {Map<string, Entry>} */
const jobs = new Map();
/** Ids in display order, newest first. */
let order = [];
let selectedId = null;

/**
 * @typedef {{ id: string, label: string, submittedAt: string, job: any, status: string, stage: string,
 *   progress: number, message: string, lastEventAt: number, fullFinal: boolean, gone: boolean,
 *   loadError: string, fetching: boolean, cancelling: boolean, lastFetchAt: number, row: HTMLElement|null }} Entry
 */

// ---------------------------------------------------------------------------------------------
// DOM helpers

const $ = (selector) => document.querySelector(selector);

/** Creates an element; attrs are set with setAttribute/properties, string children become text nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'max') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const form = $('#submit-form');
const textArea = form.elements.namedItem('text');
const instructionInput = form.elements.namedItem('instruction');
const submitButton = $('#submit-button');
const formError = $('#form-error');
const listError = $('#list-error');
const jobList = $('#job-list');
const jobsEmpty = $('#jobs-empty');
const forgetButton = $('#forget-finished');
const resultPanel = $('#job-result');
const resultBody = $('#result-body');
const announcer = $('#announcer');
const connectionEl = $('[data-testid=connection-status]');
const authCard = $('#auth-card');
const authForm = $('#auth-form');
const apiKeyInput = $('#api-key');
const authStatus = $('#auth-status');

// ---------------------------------------------------------------------------------------------
// Values from the server

/** Status or stage as a lowercase name, whether the server sent a name or an enum number. */
function normalizeEnum(value, names, fallback) {
  if (typeof value === 'number' && names[value]) return names[value];
  if (typeof value === 'string' && value.length > 0) return value.toLowerCase();
  return fallback;
}

const normalizeStatus = (value) => normalizeEnum(value, STATUSES, 'unknown');
const normalizeStage = (value) => normalizeEnum(value, STAGES, '');
const isFinal = (status) => FINAL.has(status);
const statusRank = (status) => (isFinal(status) ? 2 : status === 'processing' ? 1 : 0);

/** A timestamp as epoch milliseconds; a timestamp without a zone is taken as UTC. NaN when absent. */
function parseTime(value) {
  if (!value) return NaN;
  if (typeof value === 'number') return value;
  const text = String(value);
  const hasZone = /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(text);
  return Date.parse(hasZone ? text : `${text}Z`);
}

function formatTime(value) {
  const ms = parseTime(value);
  if (Number.isNaN(ms)) return '—';
  const date = new Date(ms);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : date.toLocaleString();
}

function formatDuration(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60000);
  const seconds = Math.round((ms % 60000) / 1000);
  return `${minutes} min ${seconds} s`;
}

const clampProgress = (value) => Math.max(0, Math.min(100, Math.round(Number(value) || 0)));
const shortId = (id) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

// ---------------------------------------------------------------------------------------------
// HTTP

function storedApiKey() {
  try { return sessionStorage.getItem(API_KEY_KEY) || ''; } catch { return ''; }
}

/** fetch() with the JSON Accept header and, when one was given, the API key. A 401 shows the API key form. */
async function apiFetch(url, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  const key = storedApiKey();
  if (key) headers['X-Api-Key'] = key;
  const response = await fetch(url, { cache: 'no-store', ...options, headers });
  if (response.status === 401) showAuthCard(key ? 'The server did not accept this API key.' : 'This server asks for an API key.');
  return response;
}

/** A random token (also outside secure contexts, where crypto.randomUUID is missing). */
function randomToken() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Turns an HTTP error answer (RFC 7807 problem JSON or anything else) into sentences. */
async function describeError(response, fallback) {
  let problem = null;
  try {
    const type = response.headers.get('content-type') || '';
    if (type.includes('json')) problem = await response.json();
  } catch { /* not JSON after all */ }

  const lines = [];
  const title = problem && typeof problem.title === 'string' ? problem.title : '';
  const detail = problem && typeof problem.detail === 'string' ? problem.detail : '';
  const fieldErrors = [];
  if (problem && problem.errors && typeof problem.errors === 'object') {
    for (const [field, messages] of Object.entries(problem.errors)) {
      for (const message of [].concat(messages)) fieldErrors.push({ field, message: String(message) });
    }
  }

  const generic = {
    400: 'The request was not valid.',
    401: 'An API key is required.',
    404: 'The job was not found.',
    409: 'The job cannot be changed in its current state.',
    413: 'The text is too large to process. Shorten it and try again.',
    415: 'The request was not sent as JSON.',
    422: 'The request could not be processed.',
    429: 'Too many requests right now. Wait a moment and try again.',
    503: 'The service is unavailable right now. Try again shortly.',
  }[response.status];

  lines.push(title || generic || fallback || `The server answered ${response.status} ${response.statusText}.`);
  if (detail && detail !== title) lines.push(detail);
  if (response.status === 429 || response.status === 503) {
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter && /^\d+$/.test(retryAfter)) lines.push(`Try again in ${retryAfter} s.`);
  }
  return { lines, fieldErrors, status: response.status };
}

/** Error lines as one sentence run: "Job not found. No job has the id 'x'." */
const oneLine = (lines) => lines.map((line) => (/[.!?:)]$/.test(line) ? line : `${line}.`)).join(' ');

const networkError = (error) => ({
  lines: ['Could not reach the server. Check the connection and try again.', error && error.message ? `(${error.message})` : ''].filter(Boolean),
  fieldErrors: [],
  status: 0,
});

// ---------------------------------------------------------------------------------------------
// Session storage

function loadStored() {
  try {
    const raw = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || '[]');
    if (!Array.isArray(raw)) return [];
    return raw
      .map((item) => (typeof item === 'string' ? { id: item } : item))
      .filter((item) => item && typeof item.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(item.id));
  } catch {
    return [];
  }
}

function saveStored() {
  const items = order.map((id) => {
    const entry = jobs.get(id);
    return { id, label: entry.label, submittedAt: entry.submittedAt };
  });
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(items));
    if (selectedId) sessionStorage.setItem(SELECTED_KEY, selectedId);
    else sessionStorage.removeItem(SELECTED_KEY);
  } catch { /* storage full or disabled: the list just won't survive a reload */ }
}

// ---------------------------------------------------------------------------------------------
// Job state

function addEntry(id, label, submittedAt, { atTop }) {
  if (jobs.has(id)) return jobs.get(id);
  /** @type {Entry} */
  const entry = {
    id, label: label || '', submittedAt: submittedAt || new Date().toISOString(),
    job: null, status: 'unknown', stage: '', progress: 0, message: 'Loading…',
    lastEventAt: 0, fullFinal: false, gone: false, loadError: '', fetching: false, cancelling: false,
    retrying: false, generation: 0, lastFetchAt: 0, row: null,
  };
  jobs.set(id, entry);
  if (atTop) order.unshift(id); else order.push(id);
  return entry;
}

/** Applies a full job document (from POST, GET or DELETE). Never moves a job back from a final status. */
function applyJob(entry, job) {
  if (!job || typeof job !== 'object') return;
  const status = normalizeStatus(job.status);
  if (statusRank(status) < statusRank(entry.status) && entry.job) return; // an older answer than what we show
  if (isFinal(entry.status) && entry.fullFinal && !isFinal(status)) return;
  entry.job = job;
  entry.status = status;
  entry.stage = normalizeStage(job.stage) || entry.stage;
  entry.progress = clampProgress(job.progress);
  entry.message = typeof job.message === 'string' ? job.message : '';
  entry.gone = false;
  entry.loadError = '';
  if (isFinal(status)) entry.fullFinal = true;
}

/** Applies a jobProgress event from the hub. Returns true when it made the job final. */
function applyEvent(entry, event) {
  const status = normalizeStatus(event.status);
  const at = parseTime(event.timestamp);
  if (isFinal(entry.status)) return false;                          // final is final
  if (!Number.isNaN(at) && at < entry.lastEventAt) return false;    // out of order
  if (statusRank(status) < statusRank(entry.status)) return false;
  if (!Number.isNaN(at)) entry.lastEventAt = at;
  entry.status = status;
  entry.stage = normalizeStage(event.stage) || entry.stage;
  entry.progress = clampProgress(event.progress);
  entry.message = typeof event.message === 'string' ? event.message : entry.message;
  entry.gone = false;
  entry.loadError = '';
  return isFinal(status);
}

async function fetchJob(entry) {
  if (entry.fetching) return;
  entry.fetching = true;
  entry.lastFetchAt = Date.now();
  const wasRunning = entry.status === 'pending' || entry.status === 'processing';
  const generation = entry.generation;
  try {
    const response = await apiFetch(`${API}/${encodeURIComponent(entry.id)}`);
    if (generation !== entry.generation) {
      // The job was retried while this request was under way: its answer is stale.
    } else if (response.ok) {
      applyJob(entry, await response.json());
    } else if (response.status === 404 || response.status === 400) {
      const { lines } = await describeError(response);
      entry.gone = true;
      entry.status = 'unknown';
      entry.message = oneLine(lines);
      entry.loadError = entry.message;
    } else {
      const { lines } = await describeError(response, 'Could not load the job.');
      entry.loadError = oneLine(lines);
    }
  } catch (error) {
    entry.loadError = oneLine(networkError(error).lines);
  } finally {
    entry.fetching = false;
  }
  if (wasRunning && isFinal(entry.status)) announceFinal(entry);
  if (isFinal(entry.status) || entry.gone) unsubscribe(entry.id);
  render(entry);
}

function announceFinal(entry) {
  const label = entry.label ? `“${entry.label.slice(0, 40)}”` : shortId(entry.id);
  announcer.textContent = `Job ${label} ${entry.status}.`;
}

// ---------------------------------------------------------------------------------------------
// Live updates (SignalR), with polling as the fallback

const hub = { connection: null, state: 'connecting', subscribed: new Set(), restartTimer: 0, restartAttempt: 0 };

function setConnectionState(state) {
  hub.state = state;
  const text = {
    connecting: 'Connecting to live updates…',
    connected: 'Live updates on',
    reconnecting: 'Reconnecting… (checking jobs by polling meanwhile)',
    disconnected: 'Live updates off — checking jobs by polling; retrying…',
    unavailable: 'Live updates unavailable — checking jobs by polling',
  }[state];
  connectionEl.dataset.state = state;
  connectionEl.querySelector('.connection__text').textContent = text;
}

const isConnected = () => hub.connection && hub.state === 'connected'
  && hub.connection.state === window.signalR.HubConnectionState.Connected;

async function subscribe(id) {
  if (!isConnected() || hub.subscribed.has(id)) return;
  hub.subscribed.add(id);
  try {
    await hub.connection.invoke('Subscribe', id);
  } catch (error) {
    hub.subscribed.delete(id);           // the poll loop covers it
    console.warn('Subscribe failed', id, error);
  }
}

async function unsubscribe(id) {
  if (!hub.subscribed.delete(id) || !isConnected()) return;
  try {
    await hub.connection.invoke('Unsubscribe', id);
  } catch (error) {
    console.warn('Unsubscribe failed', id, error);
  }
}

function subscribeAllUnfinished() {
  for (const id of order) {
    const entry = jobs.get(id);
    if (!isFinal(entry.status) && !entry.gone) subscribe(id);
  }
}

function onProgressEvent(event) {
  if (!event || typeof event.jobId !== 'string') return;
  const entry = jobs.get(event.jobId);
  if (!entry) return;
  const becameFinal = applyEvent(entry, event);
  render(entry);
  if (becameFinal || (isFinal(normalizeStatus(event.status)) && !entry.fullFinal)) {
    // The event has no result: fetch the full job, then stop listening.
    fetchJob(entry);
  }
}

function scheduleRestart() {
  clearTimeout(hub.restartTimer);
  const delay = RECONNECT_DELAYS[Math.min(hub.restartAttempt, RECONNECT_DELAYS.length - 1)];
  hub.restartAttempt += 1;
  hub.restartTimer = setTimeout(startHub, delay);
}

async function startHub() {
  const connection = hub.connection;
  if (!connection || connection.state !== window.signalR.HubConnectionState.Disconnected) return;
  setConnectionState(hub.restartAttempt === 0 ? 'connecting' : 'disconnected');
  try {
    await connection.start();
    if (connection !== hub.connection) return;
    hub.restartAttempt = 0;
    hub.subscribed.clear();
    setConnectionState('connected');
    subscribeAllUnfinished();
  } catch (error) {
    if (connection !== hub.connection) return;   // replaced meanwhile (new API key)
    console.warn('Live updates: could not connect', error);
    const unauthorized = error && (error.statusCode === 401 || /Status code '401'/.test(String(error.message)));
    if (unauthorized) showAuthCard(storedApiKey() ? 'The server did not accept this API key.' : 'This server asks for an API key.');
    setConnectionState('disconnected');
    scheduleRestart();
  }
}

function buildConnection() {
  const signalR = window.signalR;
  const key = storedApiKey();
  // The key goes as a header on the HTTP requests and as access_token on the WebSocket (browsers can't set its headers).
  const options = key ? { headers: { 'X-Api-Key': key }, accessTokenFactory: () => key } : {};
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(HUB, options)
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.on('jobProgress', onProgressEvent);
  connection.onreconnecting(() => {
    if (connection !== hub.connection) return;
    hub.subscribed.clear();             // subscriptions belonged to the old connection
    setConnectionState('reconnecting');
  });
  connection.onreconnected(() => {
    if (connection !== hub.connection) return;
    setConnectionState('connected');
    subscribeAllUnfinished();           // the server answers each with the current snapshot
  });
  connection.onclose(() => {
    if (connection !== hub.connection) return;   // replaced on purpose
    hub.subscribed.clear();
    setConnectionState('disconnected');
    scheduleRestart();                  // automatic reconnect gave up; keep trying, slowly
  });
  return connection;
}

/** Starts over with a new connection, e.g. after the API key changed. */
function rebuildHub() {
  if (!hub.connection) return;
  const old = hub.connection;
  clearTimeout(hub.restartTimer);
  hub.restartAttempt = 0;
  hub.subscribed.clear();
  hub.connection = buildConnection();
  old.stop().catch(() => {});
  startHub();
}

function initHub() {
  const signalR = window.signalR;
  if (!signalR || !signalR.HubConnectionBuilder) {
    setConnectionState('unavailable');
    return;
  }
  hub.connection = buildConnection();
  window.addEventListener('online', () => {
    if (hub.connection.state === signalR.HubConnectionState.Disconnected) {
      hub.restartAttempt = 0;
      clearTimeout(hub.restartTimer);
      startHub();
    }
  });
  startHub();
}

/** Polls what the hub does not cover: unfinished jobs while disconnected or unsubscribed, and final jobs without their result. */
function pollTick() {
  const now = Date.now();
  for (const id of order) {
    const entry = jobs.get(id);
    if (entry.gone || entry.fetching) continue;
    const final = isFinal(entry.status);
    const needsResult = final && !entry.fullFinal;
    const uncovered = !final && (!isConnected() || !hub.subscribed.has(id));
    const stale = !final && now - entry.lastFetchAt >= SAFETY_POLL_MS;
    if ((needsResult || uncovered) && now - entry.lastFetchAt >= POLL_MS - 100) fetchJob(entry);
    else if (stale) fetchJob(entry);
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering: the job list

function render(entry) {
  renderRow(entry);
  if (entry.id === selectedId) renderResult();
  updateListChrome();
}

function renderRow(entry) {
  if (!entry.row) {
    entry.row = buildRow(entry);
    const index = order.indexOf(entry.id);
    const next = order.slice(index + 1).map((id) => jobs.get(id).row).find((row) => row && row.isConnected);
    jobList.insertBefore(entry.row, next || null);
  }
  const row = entry.row;
  const status = entry.status;
  row.dataset.status = status;
  row.classList.toggle('job-row--selected', entry.id === selectedId);
  row.querySelector('.job-row__open').setAttribute('aria-expanded', String(entry.id === selectedId));
  if (entry.id === selectedId) row.setAttribute('aria-current', 'true'); else row.removeAttribute('aria-current');

  const statusEl = row.querySelector('[data-testid=job-status]');
  statusEl.textContent = status;
  statusEl.className = `badge badge--${status}`;

  row.querySelector('.job-row__stage').textContent = entry.stage ? `stage: ${entry.stage}` : '';

  const progress = row.querySelector('[data-testid=job-progress]');
  progress.value = entry.progress;
  progress.textContent = `${entry.progress}%`;
  progress.setAttribute('aria-valuenow', String(entry.progress));
  progress.setAttribute('aria-valuetext', `${entry.progress}%, ${status}${entry.stage ? `, ${entry.stage}` : ''}`);
  row.querySelector('.job-row__percent').textContent = `${entry.progress}%`;

  const messageParts = [];
  if (entry.message) messageParts.push(entry.message);
  if (entry.loadError && entry.loadError !== entry.message) messageParts.push(entry.loadError);
  const messageEl = row.querySelector('.job-row__message');
  messageEl.textContent = messageParts.join(' — ');
  messageEl.classList.toggle('job-row__message--error', Boolean(entry.loadError) || status === 'failed');

  // Cancel only while the job can still be cancelled.
  const actions = row.querySelector('.job-row__actions');
  let cancel = actions.querySelector('[data-testid=job-cancel]');
  const cancellable = (status === 'pending' || status === 'processing') && !entry.gone;
  if (cancellable && !cancel) {
    cancel = el('button', {
      type: 'button', class: 'button button--small button--danger', 'data-testid': 'job-cancel',
      'aria-label': `Cancel job ${entry.label ? `“${entry.label.slice(0, 40)}”` : entry.id}`,
    }, 'Cancel');
    cancel.addEventListener('click', (event) => { event.stopPropagation(); cancelJob(entry); });
    actions.append(cancel);
  } else if (!cancellable && cancel) {
    const hadFocus = document.activeElement === cancel;
    cancel.remove();
    if (hadFocus) row.querySelector('.job-row__open').focus();
    cancel = null;
  }
  let retry = actions.querySelector('[data-testid=job-retry]');
  const retriable = status === 'failed' && !entry.gone;
  if (retriable && !retry) {
    retry = el('button', {
      type: 'button', class: 'button button--small', 'data-testid': 'job-retry',
      'aria-label': `Retry job ${entry.label ? `“${entry.label.slice(0, 40)}”` : entry.id}`,
    }, 'Retry');
    retry.addEventListener('click', (event) => { event.stopPropagation(); retryJob(entry); });
    actions.append(retry);
  } else if (!retriable && retry) {
    const hadFocus = document.activeElement === retry;
    retry.remove();
    if (hadFocus) row.querySelector('.job-row__open').focus();
    retry = null;
  }
  if (retry) {
    if (entry.retrying) retry.setAttribute('aria-disabled', 'true'); else retry.removeAttribute('aria-disabled');
    retry.textContent = entry.retrying ? 'Retrying…' : 'Retry';
  }
  if (cancel) {
    // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
    if (entry.cancelling) cancel.setAttribute('aria-disabled', 'true'); else cancel.removeAttribute('aria-disabled');
    cancel.textContent = entry.cancelling ? 'Cancelling…' : 'Cancel';
  }
}

function buildRow(entry) {
  const title = entry.label || `Job ${shortId(entry.id)}`;
  const open = el('button', {
    type: 'button', class: 'job-row__open', 'aria-controls': 'job-result', 'aria-expanded': 'false',
  },
  el('span', { class: 'job-row__title' }, title),
  el('span', { class: 'job-row__meta' },
    el('span', { class: 'job-row__id', title: entry.id }, shortId(entry.id)),
    ' · ',
    el('time', { datetime: entry.submittedAt }, formatTime(entry.submittedAt))));
  open.addEventListener('click', (event) => { event.stopPropagation(); selectJob(entry.id, { focus: true }); });

  const row = el('li', { class: 'job-row', 'data-testid': 'job-row', 'data-job-id': entry.id },
    el('div', { class: 'job-row__head' },
      open,
      el('div', { class: 'job-row__actions' })),
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
    if (window.getSelection && String(window.getSelection()).length > 0) return; // selecting text
    selectJob(entry.id, { focus: false });
  });
  return row;
}

function updateListChrome() {
  jobsEmpty.hidden = order.length > 0;
  forgetButton.hidden = !order.some((id) => { const e = jobs.get(id); return isFinal(e.status) || e.gone; });
}

function showListError(lines) {
  listError.replaceChildren(...lines.map((line) => el('p', {}, line)));
  listError.hidden = lines.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Rendering: the result panel

function selectJob(id, { focus }) {
  const previous = selectedId;
  selectedId = id && jobs.has(id) ? id : null;
  saveStored();
  for (const otherId of [previous, selectedId]) {
    if (otherId && jobs.has(otherId) && jobs.get(otherId).row) renderRow(jobs.get(otherId));
  }
  renderResult();
  if (selectedId && focus) {
    const heading = $('#result-heading');
    // On a narrow screen the panel is below the list: bring it into view.
    if (window.matchMedia('(max-width: 959px)').matches) resultPanel.scrollIntoView({ behavior: 'smooth', block: 'start' });
    heading.focus({ preventScroll: true });
  }
  const entry = selectedId && jobs.get(selectedId);
  if (entry && isFinal(entry.status) && !entry.fullFinal) fetchJob(entry);
}

function definitionList(pairs, testIds = {}, wide = []) {
  const dl = el('dl', { class: 'facts' });
  for (const [term, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    dl.append(el('div', { class: wide.includes(term) ? 'facts__item facts__item--wide' : 'facts__item' },
      el('dt', {}, term),
      el('dd', testIds[term] ? { 'data-testid': testIds[term] } : {}, value)));
  }
  return dl;
}

function isExtractive(llm) {
  return typeof llm.provider === 'string' && llm.provider.toLowerCase() === 'extractive';
}

/** A readable name for a stage key such as embeddingMs or llm; the llm stage is only called LLM when one ran. */
function stageLabel(key, llm) {
  const name = key.replace(/(Ms|Millis(econds)?|Seconds|Secs?)$/, '');
  const known = {
    queue: 'Queued', queued: 'Queued', wait: 'Waiting',
    embedding: 'Embedding',
    llm: llm ? (isExtractive(llm) ? 'Summary' : 'LLM') : 'Generation',
    total: 'Total', processing: 'Processing',
  }[name.toLowerCase()];
  if (known) return known;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A timing value in milliseconds: a number (ms, or seconds when the key says so) or a .NET TimeSpan string. */
function timingMs(key, value) {
  if (typeof value === 'number') return /(Seconds|Secs?)$/.test(key) ? value * 1000 : value;
  if (typeof value === 'string') {
    const match = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value);
    if (match) {
      const [, minus, days, hours, minutes, seconds] = match;
      const ms = ((Number(days || 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60000 + Number(seconds) * 1000;
      return minus ? -ms : ms;
    }
  }
  return NaN;
}

function timingPairs(job) {
  const llm = job.result && job.result.llm;
  const timings = (job.timings && typeof job.timings === 'object' && job.timings)
    || (job.result && job.result.timings && typeof job.result.timings === 'object' && job.result.timings);
  if (timings) {
    const pairs = Object.entries(timings)
      .map(([key, value]) => [key, timingMs(key, value)])
      .filter(([, ms]) => Number.isFinite(ms))
      .map(([key, ms]) => [stageLabel(key, llm), formatDuration(ms)]);
    if (pairs.length > 0) return { pairs, derived: false };
  }
  const created = parseTime(job.createdAt);
  const started = parseTime(job.startedAt);
  const completed = parseTime(job.completedAt);
  const pairs = [];
  if (!Number.isNaN(started)) pairs.push(['Waiting in queue', formatDuration(started - created)]);
  if (!Number.isNaN(completed) && !Number.isNaN(started)) pairs.push(['Processing', formatDuration(completed - started)]);
  if (!Number.isNaN(completed)) pairs.push(['Total', formatDuration(completed - created)]);
  else if (!Number.isNaN(created) && !isFinal(normalizeStatus(job.status))) pairs.push(['Elapsed so far', formatDuration(Date.now() - created)]);
  return { pairs, derived: true };
}

function renderResult() {
  const entry = selectedId && jobs.get(selectedId);
  if (!entry) {
    resultPanel.hidden = true;
    resultBody.replaceChildren();
    return;
  }
  resultPanel.hidden = false;
  resultPanel.dataset.jobId = entry.id;
  resultPanel.dataset.status = entry.status;

  const job = entry.job || {};
  const parts = [];

  if (entry.label) parts.push(el('p', { class: 'result__label' }, entry.label));

  parts.push(definitionList([
    ['Job id', el('code', {}, entry.id)],
    ['Status', el('span', { class: `badge badge--${entry.status}`, 'data-testid': 'result-status' }, entry.status)],
    ['Stage', entry.stage],
    ['Progress', `${entry.progress}%`],
    ['Message', entry.message],
    ['Created', job.createdAt ? formatTime(job.createdAt) : ''],
    ['Started', job.startedAt ? formatTime(job.startedAt) : ''],
    ['Finished', job.completedAt ? formatTime(job.completedAt) : ''],
    ['Kept until', job.expiresAt ? formatTime(job.expiresAt) : ''],
  ], {}, ['Job id', 'Message']));

  if (!isFinal(entry.status) && !entry.gone) {
    parts.push(el('progress', {
      class: 'result__progress', max: 100, value: entry.progress, 'aria-label': 'Job progress',
    }, `${entry.progress}%`));
    parts.push(el('p', { class: 'muted' }, 'The result appears here when the job completes.'));
  }

  if (entry.loadError) parts.push(el('p', { class: 'notice notice--inline', role: 'alert' }, entry.loadError));

  if (entry.status === 'failed') {
    parts.push(el('h3', {}, 'Error'));
    parts.push(el('p', { class: 'error-text', 'data-testid': 'result-error' },
      typeof job.error === 'string' && job.error ? job.error : (entry.message || 'The job failed without saying why.')));
  }
  if (entry.status === 'cancelled') {
    parts.push(el('p', { class: 'muted', 'data-testid': 'result-cancelled' }, 'This job was cancelled; it has no result.'));
  }

  const result = job.result;
  if (entry.status === 'completed' && !result && !entry.fullFinal) {
    parts.push(el('p', { class: 'muted' }, 'Loading the result…'));
  }
  if (result && typeof result === 'object') parts.push(...renderResultBody(result));

  if (entry.job) {
    const { pairs, derived } = timingPairs(job);
    if (pairs.length > 0) {
      parts.push(el('h3', {}, 'Timings'));
      parts.push(definitionList(pairs));
      if (derived) parts.push(el('p', { class: 'hint' }, 'Derived from the job’s timestamps.'));
    }
    const attempts = job.attempts && typeof job.attempts === 'object' ? job.attempts : null;
    if (attempts) {
      parts.push(el('h3', {}, 'Attempts'));
      const llm = result && result.llm;
      parts.push(definitionList(Object.entries(attempts)
        .filter(([, value]) => typeof value === 'number')
        .map(([key, value]) => [stageLabel(key, llm), String(value)])));
    }
    if (job.metadata !== null && job.metadata !== undefined) {
      parts.push(el('details', { class: 'metadata' },
        el('summary', {}, 'Metadata'),
        el('pre', {}, JSON.stringify(job.metadata, null, 2))));
    }
  }

  resultBody.replaceChildren(...parts);
}

function renderResultBody(result) {
  const parts = [];
  const llm = result.llm && typeof result.llm === 'object' ? result.llm : null;
  if (llm) {
    const heading = isExtractive(llm)
      ? 'Extractive summary'
      : `LLM output (${[llm.provider, llm.model].filter(Boolean).join('/')})`;
    parts.push(el('h3', { 'data-testid': 'result-output-label' }, heading,
      result.cached ? el('span', { class: 'badge badge--cached', title: 'Served from the result cache' }, 'cached') : null));
    parts.push(el('div', { class: 'output', 'data-testid': 'result-output' }, typeof llm.output === 'string' ? llm.output : ''));
    const notes = [];
    if (isExtractive(llm) && llm.model) notes.push(`Method: ${llm.model}. No language model was called.`);
    if (typeof llm.promptTokens === 'number' || typeof llm.completionTokens === 'number') {
      notes.push(`Tokens: ${llm.promptTokens ?? '—'} prompt, ${llm.completionTokens ?? '—'} completion.`);
    }
    if (notes.length > 0) parts.push(el('p', { class: 'hint' }, notes.join(' ')));
  } else {
    parts.push(el('h3', {}, 'Output'));
    parts.push(el('div', { class: 'output', 'data-testid': 'result-output' }, ''));
  }

  const analysis = result.analysis && typeof result.analysis === 'object' ? result.analysis : {};
  parts.push(el('h3', {}, 'Text analysis'));
  parts.push(el('p', {}, 'Word count (stop words removed): ',
    el('strong', { 'data-testid': 'result-word-count' }, String(analysis.wordCount ?? '—'))));
  const topWords = Array.isArray(analysis.topWords) ? analysis.topWords : [];
  const list = el('ol', { class: 'top-words', 'data-testid': 'result-top-words', 'aria-label': 'Top words with counts' });
  for (const item of topWords) {
    if (!item || typeof item !== 'object') continue;
    const count = String(item.count ?? '');
    list.append(el('li', { 'data-word': String(item.word ?? ''), 'data-count': count },
      el('span', { class: 'top-words__word' }, String(item.word ?? '')),
      ' ',
      el('span', { class: 'top-words__count', 'aria-label': `${count} times` }, count)));
  }
  if (topWords.length === 0) list.append(el('li', { class: 'muted' }, 'No words.'));
  parts.push(list);

  const embedding = result.embedding && typeof result.embedding === 'object' ? result.embedding : null;
  if (embedding) {
    parts.push(el('h3', {}, 'Embedding'));
    parts.push(definitionList([
      ['Model', embedding.model],
      ['Dimensions', embedding.dimensions === undefined ? '' : String(embedding.dimensions)],
      ['Chunks', embedding.chunks === undefined ? '' : String(embedding.chunks)],
    ], { Model: 'result-embedding-model', Dimensions: 'result-embedding-dimensions', Chunks: 'result-embedding-chunks' }));
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Actions

function showFormError(lines, fieldErrors = []) {
  const children = lines.map((line) => el('p', {}, line));
  if (fieldErrors.length > 0) {
    const names = { text: 'Text', instruction: 'Instruction', metadata: 'Metadata' };
    children.push(el('ul', {}, fieldErrors.map(({ field, message }) =>
      el('li', {}, `${names[field.toLowerCase()] || field}: ${message}`))));
  }
  formError.replaceChildren(...children);
  formError.hidden = children.length === 0;
  const fields = new Set(fieldErrors.map(({ field }) => field.toLowerCase()));
  for (const [input, name] of [[textArea, 'text'], [instructionInput, 'instruction']]) {
    if (fields.has(name)) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }
  if (fields.has('instruction')) instructionInput.setAttribute('aria-describedby', 'instruction-hint form-error');
}

function clearFormError() {
  showFormError([]);
}

let submitting = false;
/** The Idempotency-Key of the last submission that may have reached the server without us hearing back. */
let unconfirmed = null;   // { key, body }

async function submitJob(event) {
  event.preventDefault();
  if (submitting) return;
  const text = textArea.value;
  const instruction = instructionInput.value.trim();
  if (text.trim() === '') {
    showFormError(['The text is required and must not be blank.'], []);
    textArea.setAttribute('aria-invalid', 'true');
    textArea.focus();
    return;
  }
  clearFormError();
  submitting = true;
  submitButton.setAttribute('aria-disabled', 'true');
  submitButton.textContent = 'Submitting…';
  form.setAttribute('aria-busy', 'true');
  try {
    const body = JSON.stringify(instruction ? { text, instruction } : { text });
    // Submitting the same text again after a lost answer reuses the key, so the server returns that job
    // instead of starting a second one.
    const key = unconfirmed && unconfirmed.body === body ? unconfirmed.key : randomToken();
    unconfirmed = { key, body };
    const response = await apiFetch(API, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body,
    });
    if (response.status < 500 && response.status !== 429) unconfirmed = null;  // the server decided; a retry is a new request
    if (!response.ok) {
      const { lines, fieldErrors } = await describeError(response, 'The job could not be submitted.');
      showFormError(lines, fieldErrors);
      if (response.status === 401) apiKeyInput.focus();
      return;
    }
    const job = await response.json();
    const id = job && typeof job.jobId === 'string' ? job.jobId : null;
    if (!id) {
      showFormError(['The server accepted the job but did not say its id.']);
      return;
    }
    const label = text.trim().replace(/\s+/g, ' ').slice(0, 120);
    const entry = addEntry(id, label, job.createdAt || new Date().toISOString(), { atTop: true });
    applyJob(entry, job);
    entry.lastFetchAt = Date.now();
    saveStored();
    render(entry);
    selectJob(id, { focus: false });
    subscribe(id);
    form.reset();
    updateCount();
    announcer.textContent = 'Job submitted.';
  } catch (error) {
    const { lines } = networkError(error);
    showFormError(lines);
  } finally {
    submitting = false;
    submitButton.removeAttribute('aria-disabled');
    submitButton.textContent = 'Submit job';
    form.removeAttribute('aria-busy');
  }
}

async function cancelJob(entry) {
  if (entry.cancelling) return;
  entry.cancelling = true;
  showListError([]);
  render(entry);
  try {
    const response = await apiFetch(`${API}/${encodeURIComponent(entry.id)}`, { method: 'DELETE' });
    if (response.ok) {
      const type = response.headers.get('content-type') || '';
      if (type.includes('json')) {
        const wasFinal = isFinal(entry.status);
        applyJob(entry, await response.json());
        if (!wasFinal && isFinal(entry.status)) announceFinal(entry);
      } else {
        fetchJob(entry);
      }
    } else {
      const { lines } = await describeError(response, 'The job could not be cancelled.');
      showListError([`Could not cancel job ${shortId(entry.id)}:`, ...lines]);
      fetchJob(entry);  // it may have finished meanwhile
    }
  } catch (error) {
    showListError([`Could not cancel job ${shortId(entry.id)}:`, ...networkError(error).lines]);
  } finally {
    entry.cancelling = false;
    if (isFinal(entry.status)) unsubscribe(entry.id);
    render(entry);
  }
}

/** Runs a failed job again from its last checkpoint (POST /api/jobs/{id}/retry). */
async function retryJob(entry) {
  if (entry.retrying) return;
  entry.retrying = true;
  showListError([]);
  render(entry);
  try {
    const response = await apiFetch(`${API}/${encodeURIComponent(entry.id)}/retry`, { method: 'POST' });
    if (response.ok) {
      const job = await response.json();
      // The one move back from a final status: start following the job afresh.
      entry.generation += 1;
      entry.status = 'unknown';
      entry.fullFinal = false;
      entry.lastEventAt = 0;
      entry.job = null;
      applyJob(entry, job);
      entry.lastFetchAt = Date.now();
      subscribe(entry.id);
      announcer.textContent = `Job ${shortId(entry.id)} retried.`;
    } else {
      const { lines } = await describeError(response, 'The job could not be retried.');
      showListError([`Could not retry job ${shortId(entry.id)}:`, ...lines]);
    }
  } catch (error) {
    showListError([`Could not retry job ${shortId(entry.id)}:`, ...networkError(error).lines]);
  } finally {
    entry.retrying = false;
    render(entry);
  }
}

function forgetFinished() {
  for (const id of [...order]) {
    const entry = jobs.get(id);
    if (!isFinal(entry.status) && !entry.gone) continue;
    unsubscribe(id);
    if (entry.row) entry.row.remove();
    jobs.delete(id);
    order = order.filter((other) => other !== id);
    if (selectedId === id) selectedId = null;
  }
  saveStored();
  renderResult();
  updateListChrome();
  showListError([]);
  $('#jobs-heading').focus();
}

function updateCount() {
  $('#text-count').textContent = String(textArea.value.length);
}

// ---------------------------------------------------------------------------------------------
// API key (only when the server is configured with keys)

function showAuthCard(message) {
  authCard.hidden = false;
  authStatus.textContent = message || '';
  authStatus.classList.toggle('auth__status--error', Boolean(message));
  $('#auth-forget').hidden = !storedApiKey();
}

function saveApiKey(event) {
  event.preventDefault();
  const key = apiKeyInput.value.trim();
  if (!key) {
    showAuthCard('Enter the API key.');
    apiKeyInput.focus();
    return;
  }
  try { sessionStorage.setItem(API_KEY_KEY, key); } catch { /* kept for this page only */ }
  apiKeyInput.value = '';
  showAuthCard('');
  authStatus.textContent = 'API key saved for this tab.';
  afterKeyChange();
}

function forgetApiKey() {
  try { sessionStorage.removeItem(API_KEY_KEY); } catch { /* nothing stored */ }
  showAuthCard('');
  authStatus.textContent = 'API key forgotten.';
  afterKeyChange();
}

function afterKeyChange() {
  clearFormError();
  showListError([]);
  rebuildHub();
  for (const id of order) {
    const entry = jobs.get(id);
    if (!entry.gone) fetchJob(entry);
  }
}

// ---------------------------------------------------------------------------------------------
// Start

function restore() {
  const stored = loadStored();
  for (const item of stored) {
    const entry = addEntry(item.id, typeof item.label === 'string' ? item.label : '',
      typeof item.submittedAt === 'string' ? item.submittedAt : '', { atTop: false });
    entry.message = 'Loading…';
    render(entry);
  }
  const selected = sessionStorage.getItem(SELECTED_KEY);
  if (selected && jobs.has(selected)) selectJob(selected, { focus: false });
  updateListChrome();
  // Re-fetch every job; unfinished ones are subscribed once the hub connects (or polled).
  for (const id of order) fetchJob(jobs.get(id));
}

form.addEventListener('submit', submitJob);
textArea.addEventListener('input', () => {
  updateCount();
  if (textArea.hasAttribute('aria-invalid') && textArea.value.trim() !== '') clearFormError();
});
textArea.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  }
});
$('#result-close').addEventListener('click', () => {
  const id = selectedId;
  selectJob(null, { focus: false });
  const row = id && jobs.get(id) && jobs.get(id).row;
  if (row) row.querySelector('.job-row__open').focus();
});
forgetButton.addEventListener('click', forgetFinished);
authForm.addEventListener('submit', saveApiKey);
$('#auth-forget').addEventListener('click', forgetApiKey);
if (storedApiKey()) showAuthCard('');

updateCount();
restore();
initHub();
setInterval(pollTick, 1000);
