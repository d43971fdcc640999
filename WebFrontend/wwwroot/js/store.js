// The jobs of this browser session (newest first) and what the page knows of each.
//
// The server numbers every persisted transition of a job (`version`, on each jobProgress event and each job
// document). The store takes an event or a document only when it is newer than what it holds, so late, duplicate
// or out-of-order answers from the hub, polling and actions change nothing. A job document at the version already
// held is taken once: it adds what events lack (result, timestamps, error).
//
// The list (id, label, submission time) and the selected job survive a reload in session storage.

const STORAGE_KEY = 'orleansNlp.jobs';            // [{ id, label, submittedAt, kind }], newest first
const SELECTED_KEY = 'orleansNlp.selectedJob';
const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const isFinal = (status) => status === 'completed' || status === 'failed' || status === 'cancelled';
export const isRunning = (status) => status === 'pending' || status === 'processing';

/** Whether the entry holds the job document of the version it shows (a final job's result is only there). */
export const hasDocument = (entry) => entry.job !== null && entry.job.version === entry.version;

/**
 * @typedef {{ id: string, label: string, submittedAt: string, version: number, status: string, stage: string,
 *   progress: number, message: string, job: object|null, gone: boolean, loadError: string, busy: string,
 *   kind: string, total: number|null, completed: number|null }} Entry
 * status is 'unknown' until the server answered; busy names the action under way ('cancel', 'retry') or is ''.
 * A dataset job has kind 'dataset' and counts its rows: total asked for, completed so far (null for text jobs).
 */

/**
 * Changes reach subscribers as { type, id, previous }: 'added', 'updated' (newer job data; previous = the status
 * before), 'flags' (gone, load error, busy), 'removed', 'selected' (id = the selected job or null; previous = the
 * one before).
 */
class JobStore {
  /** @type {Map<string, Entry>} */
  #entries = new Map();
  #order = [];
  #selected = null;
  #listeners = new Set();

  subscribe(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** @returns {Entry|undefined} */
  get(id) { return this.#entries.get(id); }

  get selectedId() { return this.#selected; }

  get size() { return this.#order.length; }

  /** The entries in display order. */
  * [Symbol.iterator]() {
    for (const id of [...this.#order]) yield this.#entries.get(id);
  }

  /** The id of the entry shown after this one, or null for the last. */
  nextId(id) {
    const index = this.#order.indexOf(id);
    return index >= 0 && index + 1 < this.#order.length ? this.#order[index + 1] : null;
  }

  /** Adds a job the page follows (a new submission at the top); an id already held is left as it is. */
  add(id, { label = '', submittedAt = '', atTop = true, kind = '' } = {}) {
    if (this.#entries.has(id)) return this.#entries.get(id);
    const entry = {
      id, label, submittedAt: submittedAt || new Date().toISOString(),
      version: 0,     // nothing held yet: the server's versions start at 1
      status: 'unknown', stage: '', progress: 0, message: 'Loading…', job: null,
      gone: false, loadError: '', busy: '', kind, total: null, completed: null,
    };
    this.#entries.set(id, entry);
    if (atTop) this.#order.unshift(id); else this.#order.push(id);
    this.#save();
    this.#emit({ type: 'added', id });
    return entry;
  }

  /**
   * Applies a jobProgress event ({ jobId, status, stage, progress, message, timestamp, version; a dataset's also total
   * and completed }) or a job document (JobResponse: the same fields and createdAt, result, timings, kind, ...).
   * Returns whether it was taken.
   */
  apply(update) {
    const entry = typeof update?.jobId === 'string' ? this.#entries.get(update.jobId) : undefined;
    if (!entry || !Number.isInteger(update.version)) return false;
    const isDocument = 'createdAt' in update;
    if (update.version < entry.version) return false;
    if (update.version === entry.version && !(isDocument && !hasDocument(entry))) return false;

    const previous = entry.status;
    entry.version = update.version;
    entry.status = update.status;
    entry.stage = update.stage;
    entry.progress = update.progress;
    entry.message = update.message ?? '';
    if (Number.isInteger(update.total)) entry.total = update.total;
    if (Number.isInteger(update.completed)) entry.completed = update.completed;
    if (typeof update.kind === 'string') entry.kind = update.kind;
    if (isDocument) entry.job = update;
    entry.gone = false;
    entry.loadError = '';
    this.#emit({ type: 'updated', id: entry.id, previous });
    return true;
  }

  /** The server does not know the job (any more): it stays listed with the reason until forgotten. */
  markGone(id, message) {
    this.#flag(id, (entry) => {
      entry.gone = true;
      entry.status = 'unknown';
      entry.message = message;
      entry.loadError = message;
    });
  }

  /** Loading the job failed for now; '' once it loads again. */
  setLoadError(id, message) {
    this.#flag(id, (entry) => { entry.loadError = message; });
  }

  /** Marks an action ('cancel', 'retry') as under way on the job, or none with ''. */
  setBusy(id, action) {
    this.#flag(id, (entry) => { entry.busy = action; });
  }

  select(id) {
    const previous = this.#selected;
    this.#selected = id && this.#entries.has(id) ? id : null;
    this.#save();
    this.#emit({ type: 'selected', id: this.#selected, previous });
  }

  /** Drops every finished or unknown job from the list. */
  forgetFinished() {
    for (const entry of this) {
      if (!isFinal(entry.status) && !entry.gone) continue;
      this.#entries.delete(entry.id);
      this.#order = this.#order.filter((id) => id !== entry.id);
      this.#emit({ type: 'removed', id: entry.id });
      if (this.#selected === entry.id) this.select(null);
    }
    this.#save();
  }

  /** Adds the jobs listed in session storage (unknown until loaded) and selects the job selected before. */
  restore() {
    let items = [];
    try {
      const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || '[]');
      if (Array.isArray(stored)) items = stored;
    } catch { /* nothing usable stored */ }
    let selected = null;
    try { selected = sessionStorage.getItem(SELECTED_KEY); } catch { /* storage disabled */ }
    for (const item of items) {
      if (!item || typeof item.id !== 'string' || !JOB_ID.test(item.id)) continue;
      this.add(item.id, {
        label: typeof item.label === 'string' ? item.label : '',
        submittedAt: typeof item.submittedAt === 'string' ? item.submittedAt : '',
        kind: typeof item.kind === 'string' ? item.kind : '',
        atTop: false,
      });
    }
    if (selected && this.#entries.has(selected)) this.select(selected);
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
      const { label, submittedAt, kind } = this.#entries.get(id);
      return kind ? { id, label, submittedAt, kind } : { id, label, submittedAt };
    });
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(items));
      if (this.#selected) sessionStorage.setItem(SELECTED_KEY, this.#selected);
      else sessionStorage.removeItem(SELECTED_KEY);
    } catch { /* storage full or disabled: the list just won't survive a reload */ }
  }
}

/** The page's one store (a module is evaluated once per page, so every importer shares it). */
export const store = new JobStore();
