// Keeps the store current. The SignalR hub /hubs/jobs (WebFrontend/Live/JobsHub.cs): Subscribe(jobId) answers with
// the job's snapshot as a jobProgress event, then each later event until the job ends; Unsubscribe(jobId) stops
// them. Polling the REST API covers what the hub does not: every unfinished job when the SignalR client script is
// absent or the connection is down, a finished job's full document (events carry no result), and a slow safety
// check in case an event went missing. The store's version rule sorts out whatever arrives twice or late.

import { apiKey, askForKey } from './auth.js';
import { getJob, oneLine } from './api.js';
import { store, isFinal, hasDocument } from './store.js';

const HUB = '/hubs/jobs';
const POLL_MS = 3000;            // poll unfinished jobs this often while the hub does not cover them
const SAFETY_POLL_MS = 20000;    // and this often even while it does
const RECONNECT_DELAYS = [2000, 5000, 10000, 30000];

const STATE_TEXT = {
  connecting: 'Connecting to live updates…',
  connected: 'Live updates on',
  reconnecting: 'Reconnecting… (checking jobs by polling meanwhile)',
  disconnected: 'Live updates off — checking jobs by polling; retrying…',
  unavailable: 'Live updates unavailable — checking jobs by polling',
};

const statusEl = document.querySelector('[data-testid=connection-status]');
const signalR = window.signalR?.HubConnectionBuilder ? window.signalR : null;
const hub = { connection: null, state: 'connecting', subscribed: new Set(), restartTimer: 0, restartAttempt: 0 };
const loading = new Set();
const lastLoad = new Map();
/** Other feeds on the same connection (batch-live.js): handlers put on every connection, listeners told each state. */
const feeds = { handlers: [], stateListeners: new Set() };

/** Handles a hub event on this and every later connection. The handler must return nothing. */
export function onHubEvent(name, handler) {
  feeds.handlers.push([name, handler]);
  hub.connection?.on(name, handler);
}

/** Tells the listener each connection state ('connected' means subscriptions made now reach the server). */
export function onHubState(listener) {
  feeds.stateListeners.add(listener);
}

/** Whether the hub is connected now (never without the SignalR client). */
export const hubConnected = () => signalR !== null && isConnected();

/** Invokes a hub method on the current connection; rejects when it fails. */
export const invokeHub = (method, ...args) => hub.connection.invoke(method, ...args);

/** Loads the job document now (unless a load of it is under way). */
export async function refresh(id) {
  if (loading.has(id) || !store.get(id)) return;
  loading.add(id);
  lastLoad.set(id, Date.now());
  const answer = await getJob(id);
  loading.delete(id);
  if (answer.ok) store.apply(answer.job);
  else if (answer.status === 404 || answer.status === 400) store.markGone(id, oneLine(answer.lines));
  else store.setLoadError(id, oneLine(answer.lines));
}

/** Starts live updates (or announces polling when the SignalR client is missing) and the poll loop. */
export function startLive() {
  store.subscribe(onStoreChange);
  setInterval(pollTick, 1000);
  if (!signalR) {
    setState('unavailable');
    return;
  }
  hub.connection = connect();
  window.addEventListener('online', () => {
    if (hub.connection.state !== signalR.HubConnectionState.Disconnected) return;
    hub.restartAttempt = 0;
    clearTimeout(hub.restartTimer);
    startHub();
  });
  startHub();
}

/** Starts over after the API key changed: a new hub connection, and every job loaded again. */
export function restartLive() {
  if (hub.connection) {
    const old = hub.connection;
    clearTimeout(hub.restartTimer);
    hub.restartAttempt = 0;
    hub.subscribed.clear();
    hub.connection = connect();
    old.stop().catch(() => {});
    startHub();
  }
  refreshAll();
}

/** Loads every job the server still knows. */
export function refreshAll() {
  for (const entry of store) {
    if (!entry.gone) refresh(entry.id);
  }
}

/** Follows jobs while they run, stops when they end or leave the list, and fetches a final job's document. */
function onStoreChange({ type, id }) {
  const entry = store.get(id);
  if (type === 'removed') {
    unsubscribe(id);
    lastLoad.delete(id);
  }
  if (!entry || (type !== 'updated' && type !== 'flags')) return;
  if (type === 'updated' && hasDocument(entry)) lastLoad.set(id, Date.now());   // fresh, wherever it came from
  if (entry.gone || isFinal(entry.status)) unsubscribe(id);
  else subscribe(id);
  // Only on news from the server: a failed load is retried by the poll loop, not at once.
  if (type === 'updated' && isFinal(entry.status) && !hasDocument(entry)) refresh(id);
}

const isConnected = () => hub.state === 'connected' && hub.connection?.state === signalR.HubConnectionState.Connected;

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

function subscribeUnfinished() {
  for (const entry of store) {
    if (!isFinal(entry.status) && !entry.gone) subscribe(entry.id);
  }
}

function setState(state) {
  hub.state = state;
  statusEl.dataset.state = state;
  statusEl.querySelector('.connection__text').textContent = STATE_TEXT[state];
  for (const listener of feeds.stateListeners) listener(state);
}

function connect() {
  const key = apiKey();
  // The key goes as a header on the HTTP requests and as access_token on the WebSocket.
  const options = key ? { headers: { 'X-Api-Key': key }, accessTokenFactory: () => key } : {};
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(HUB, options)
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.on('jobProgress', (event) => {
    store.apply(event);   // returns nothing: SignalR reports a handler's return value as an error
  });
  for (const [name, handler] of feeds.handlers) connection.on(name, handler);
  connection.onreconnecting(() => {
    if (connection !== hub.connection) return;
    hub.subscribed.clear();              // subscriptions belonged to the old connection
    setState('reconnecting');
  });
  connection.onreconnected(() => {
    if (connection !== hub.connection) return;
    setState('connected');
    subscribeUnfinished();               // the server answers each with the current snapshot
  });
  connection.onclose(() => {
    if (connection !== hub.connection) return;   // replaced on purpose
    hub.subscribed.clear();
    setState('disconnected');
    scheduleRestart();                   // automatic reconnect gave up; keep trying, slowly
  });
  return connection;
}

async function startHub() {
  const connection = hub.connection;
  if (connection.state !== signalR.HubConnectionState.Disconnected) return;
  setState(hub.restartAttempt === 0 ? 'connecting' : 'disconnected');
  try {
    await connection.start();
    if (connection !== hub.connection) return;
    hub.restartAttempt = 0;
    hub.subscribed.clear();
    setState('connected');
    subscribeUnfinished();
  } catch (error) {
    if (connection !== hub.connection) return;   // replaced meanwhile (new API key)
    console.warn('Live updates: could not connect', error);
    if (error?.statusCode === 401 || /Status code '401'/.test(String(error?.message))) askForKey();
    setState('disconnected');
    scheduleRestart();
  }
}

function scheduleRestart() {
  clearTimeout(hub.restartTimer);
  const delay = RECONNECT_DELAYS[Math.min(hub.restartAttempt, RECONNECT_DELAYS.length - 1)];
  hub.restartAttempt += 1;
  hub.restartTimer = setTimeout(startHub, delay);
}

function pollTick() {
  const now = Date.now();
  for (const entry of store) {
    if (entry.gone || loading.has(entry.id)) continue;
    const since = now - (lastLoad.get(entry.id) ?? 0);
    const final = isFinal(entry.status);
    const needsDocument = final && !hasDocument(entry);
    const uncovered = !final && !(isConnected() && hub.subscribed.has(entry.id));
    if (((needsDocument || uncovered) && since >= POLL_MS - 100) || (!final && since >= SAFETY_POLL_MS)) {
      refresh(entry.id);
    }
  }
}
