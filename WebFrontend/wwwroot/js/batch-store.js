// The batches of this browser session (newest first) and what the page knows of each, kept like the jobs in
// store.js: the server numbers every change of a batch (`version`, on each batchProgress event and each batch
// document), and the store takes an event or a document only when it is newer than what it holds. A document at the
// version already held is taken once: it adds what events lack (createdAt, completedAt, expiresAt).
//
// Each batch also holds the page of its jobs on show (GET /api/batches/{id}/results). The list (id, label, total,
// submission time) survives a reload in session storage; the texts themselves are kept only in memory.

const STORAGE_KEY = 'orleansNlp.batches';        // [{ id, label, total, submittedAt }], newest first
const BATCH_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const PAGE_SIZE = 20;

export const isBatchFinal = (status) => status === 'completed' || status === 'cancelled';

/** Whether the entry holds the batch document of the version it shows. */
export const hasBatchDocument = (entry) => entry.batch !== null && entry.batch.version === entry.version;

/**
 * @typedef {{ id: string, label: string, total: number, submittedAt: string, texts: string[], version: number,
 *   status: string, progress: number, counts: object|null, summary: object|null, batch: object|null, gone: boolean,
 *   loadError: string, busy: boolean, page: { offset: number, items: object[]|null, error: string } }} BatchEntry
 * status is 'unknown' until the server answered; texts is empty after a reload.
 */

/** Changes reach subscribers as { type, id }: 'added', 'updated' (newer batch data), 'flags' (gone, load error,
 * busy), 'page' (the jobs on show), 'removed'. */
class BatchStore {
  /** @type {Map<string, BatchEntry>} */
  #entries = new Map();
  #order = [];
  #listeners = new Set();

  subscribe(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** @returns {BatchEntry|undefined} */
  get(id) { return this.#entries.get(id); }

  get size() { return this.#order.length; }

  * [Symbol.iterator]() {
    for (const id of [...this.#order]) yield this.#entries.get(id);
  }

  /** The id of the entry shown after this one, or null for the last. */
  nextId(id) {
    const index = this.#order.indexOf(id);
    return index >= 0 && index + 1 < this.#order.length ? this.#order[index + 1] : null;
  }

  /** Adds a batch the page follows (a new submission at the top); an id already held is left as it is. */
  add(id, { label = '', total = 0, submittedAt = '', texts = [], atTop = true } = {}) {
    if (this.#entries.has(id)) return this.#entries.get(id);
    const entry = {
      id, label, total, texts, submittedAt: submittedAt || new Date().toISOString(),
      version: 0, status: 'unknown', progress: 0, counts: null, summary: null, batch: null,
      gone: false, loadError: '', busy: false, page: { offset: 0, items: null, error: '' },
    };
    this.#entries.set(id, entry);
    if (atTop) this.#order.unshift(id); else this.#order.push(id);
    this.#save();
    this.#emit({ type: 'added', id });
    return entry;
  }

  /**
   * Applies a batchProgress event ({ batchId, status, total, counts, progress, summary, timestamp, version }) or a
   * batch document (BatchResponse: the same and createdAt, completedAt, expiresAt). Returns whether it was taken.
   */
  apply(update) {
    const entry = typeof update?.batchId === 'string' ? this.#entries.get(update.batchId) : undefined;
    if (!entry || !Number.isInteger(update.version)) return false;
    const isDocument = 'createdAt' in update;
    if (update.version < entry.version) return false;
    if (update.version === entry.version && !(isDocument && !hasBatchDocument(entry))) return false;

    const totalChanged = entry.total !== update.total;
    entry.version = update.version;
    entry.status = update.status;
    entry.total = update.total;
    entry.counts = update.counts;
    entry.progress = update.progress;
    entry.summary = update.summary;
    if (isDocument) entry.batch = update;
    entry.gone = false;
    entry.loadError = '';
    if (totalChanged) this.#save();
    this.#emit({ type: 'updated', id: entry.id });
    return true;
  }

  /** The server does not know the batch (any more): it stays listed with the reason until forgotten. */
  markGone(id, message) {
    this.#flag(id, (entry) => {
      entry.gone = true;
      entry.status = 'unknown';
      entry.loadError = message;
    });
  }

  setLoadError(id, message) {
    this.#flag(id, (entry) => { entry.loadError = message; });
  }

  setBusy(id, busy) {
    this.#flag(id, (entry) => { entry.busy = busy; });
  }

  /** The jobs on show: a loaded page (items from offset), or an error loading it (items kept). */
  setPage(id, { offset, items, error = '' }) {
    const entry = this.#entries.get(id);
    if (!entry) return;
    entry.page = { offset, items: items ?? (offset === entry.page.offset ? entry.page.items : null), error };
    this.#emit({ type: 'page', id });
  }

  remove(id) {
    if (!this.#entries.delete(id)) return;
    this.#order = this.#order.filter((other) => other !== id);
    this.#save();
    this.#emit({ type: 'removed', id });
  }

  /** Adds the batches listed in session storage (unknown until loaded). */
  restore() {
    let items = [];
    try {
      const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || '[]');
      if (Array.isArray(stored)) items = stored;
    } catch { /* nothing usable stored */ }
    for (const item of items) {
      if (!item || typeof item.id !== 'string' || !BATCH_ID.test(item.id)) continue;
      this.add(item.id, {
        label: typeof item.label === 'string' ? item.label : '',
        total: Number.isInteger(item.total) ? item.total : 0,
        submittedAt: typeof item.submittedAt === 'string' ? item.submittedAt : '',
        atTop: false,
      });
    }
  }

  #flag(id, change) {
    const entry = this.#entries.get(id);
    if (!entry) return;
    change(entry);
    this.#emit({ type: 'flags', id });
  }

  #emit(change) {
    for (const listener of this.#listeners) listener(change);
  }

  #save() {
    const items = this.#order.map((id) => {
      const { label, total, submittedAt } = this.#entries.get(id);
      return { id, label, total, submittedAt };
    });
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(items));
    } catch { /* storage full or disabled: the list just won't survive a reload */ }
  }
}

/** The page's one batch store. */
export const batchStore = new BatchStore();
