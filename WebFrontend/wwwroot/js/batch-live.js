// Keeps the batches current, on the hub connection live.js holds: SubscribeBatch(batchId) answers with the batch's
// snapshot as a batchProgress event, then each later change until the batch ends; UnsubscribeBatch(batchId) stops
// them (WebFrontend/Live/JobsHub.cs). Polling GET /api/batches/{id} covers what the hub does not, as for jobs: every
// unfinished batch while the hub is down or absent, a final batch's document, and a slow safety check. The page of
// jobs on show is read again (GET /api/batches/{id}/results) at most once a second while its batch changes.

import { getBatch, getBatchResults, oneLine } from './api.js';
import { onHubEvent, onHubState, hubConnected, invokeHub } from './live.js';
import { batchStore, isBatchFinal, hasBatchDocument, PAGE_SIZE } from './batch-store.js';

const POLL_MS = 3000;            // poll unfinished batches this often while the hub does not cover them
const SAFETY_POLL_MS = 20000;    // and this often even while it does
const PAGE_REFRESH_MS = 1000;    // read the jobs on show at most this often while their batch changes

const subscribed = new Set();
const loading = new Set();
const lastLoad = new Map();
/** Per batch: when its page was last read, whether a read is under way, whether the batch changed since, and a
 * timer for the next read. */
const pages = new Map();

export function startBatchLive() {
  batchStore.subscribe(onStoreChange);
  onHubEvent('batchProgress', (event) => {
    batchStore.apply(event);   // returns nothing: SignalR reports a handler's return value as an error
  });
  onHubState((state) => {
    if (state === 'connected') subscribeUnfinished();
    else subscribed.clear();   // subscriptions belonged to the old connection
  });
  setInterval(pollTick, 1000);
}

/** Loads the batch document now (unless a load of it is under way). */
export async function refreshBatch(id) {
  if (loading.has(id) || !batchStore.get(id)) return;
  loading.add(id);
  lastLoad.set(id, Date.now());
  const answer = await getBatch(id);
  loading.delete(id);
  if (answer.ok) batchStore.apply(answer.batch);
  else if (answer.status === 404 || answer.status === 400) batchStore.markGone(id, oneLine(answer.lines));
  else batchStore.setLoadError(id, oneLine(answer.lines));
}

/** Loads every batch the page lists. */
export function refreshAllBatches() {
  for (const entry of batchStore) {
    if (!entry.gone) refreshBatch(entry.id);
  }
}

/** Shows the jobs from this offset (a page of PAGE_SIZE), read now. */
export function showPage(id, offset) {
  batchStore.setPage(id, { offset, items: null });
  loadPage(id);
}

async function loadPage(id) {
  const entry = batchStore.get(id);
  const state = pageState(id);
  if (!entry || state.loading) return;
  clearTimeout(state.timer);
  state.timer = 0;
  state.dirty = false;
  state.loading = true;
  state.loadedAt = Date.now();
  const offset = entry.page.offset;
  const answer = await getBatchResults(id, offset, PAGE_SIZE);
  state.loading = false;
  if (batchStore.get(id)?.page.offset !== offset) {
    loadPage(id);   // the user turned the page meanwhile
    return;
  }
  if (answer.ok) batchStore.setPage(id, { offset, items: answer.page.items });
  else batchStore.setPage(id, { offset, error: oneLine(answer.lines) });
  if (state.dirty) schedulePage(id);   // the batch changed while the page was read
}

/** Reads the page again soon: at once if the last read is old enough, else when it is. */
function schedulePage(id) {
  const state = pageState(id);
  state.dirty = true;
  if (state.timer || state.loading) return;
  const wait = Math.max(0, state.loadedAt + PAGE_REFRESH_MS - Date.now());
  state.timer = setTimeout(() => {
    state.timer = 0;
    loadPage(id);
  }, wait);
}

function pageState(id) {
  let state = pages.get(id);
  if (!state) {
    state = { loadedAt: 0, loading: false, dirty: false, timer: 0 };
    pages.set(id, state);
  }
  return state;
}

function onStoreChange({ type, id }) {
  if (type === 'removed') {
    unsubscribe(id);
    lastLoad.delete(id);
    clearTimeout(pages.get(id)?.timer);
    pages.delete(id);
    return;
  }
  const entry = batchStore.get(id);
  if (!entry) return;
  if (type === 'added') {
    subscribe(id);
    loadPage(id);
    return;
  }
  if (type !== 'updated' && type !== 'flags') return;
  if (type === 'updated' && hasBatchDocument(entry)) lastLoad.set(id, Date.now());
  if (entry.gone || isBatchFinal(entry.status)) unsubscribe(id);
  else subscribe(id);
  if (type === 'updated') {
    if (isBatchFinal(entry.status) && !hasBatchDocument(entry)) refreshBatch(id);
    schedulePage(id);
  }
}

async function subscribe(id) {
  if (!hubConnected() || subscribed.has(id)) return;
  subscribed.add(id);
  try {
    await invokeHub('SubscribeBatch', id);
  } catch (error) {
    subscribed.delete(id);           // the poll loop covers it
    console.warn('SubscribeBatch failed', id, error);
  }
}

async function unsubscribe(id) {
  if (!subscribed.delete(id) || !hubConnected()) return;
  try {
    await invokeHub('UnsubscribeBatch', id);
  } catch (error) {
    console.warn('UnsubscribeBatch failed', id, error);
  }
}

function subscribeUnfinished() {
  for (const entry of batchStore) {
    if (!isBatchFinal(entry.status) && !entry.gone) subscribe(entry.id);
  }
}

function pollTick() {
  const now = Date.now();
  for (const entry of batchStore) {
    if (entry.gone || loading.has(entry.id)) continue;
    const since = now - (lastLoad.get(entry.id) ?? 0);
    const final = isBatchFinal(entry.status);
    const needsDocument = final && !hasBatchDocument(entry);
    const uncovered = !final && !(hubConnected() && subscribed.has(entry.id));
    if (((needsDocument || uncovered) && since >= POLL_MS - 100) || (!final && since >= SAFETY_POLL_MS)) {
      refreshBatch(entry.id);
    }
  }
}
