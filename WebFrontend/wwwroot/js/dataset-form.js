// The Dataset tab's form: query, rows, name and the field editor (add and remove fields; each with a name, a type,
// the allowed values of an enum, a description and whether it is required), submitted to POST /api/datasets. The new
// job joins this session's job list (store.js), so live.js follows it, and the dataset view (dataset-view.js) shows it.

import { submitDataset, randomToken } from './api.js';
import { focusKeyInput } from './auth.js';
import { showDataset } from './dataset-view.js';
import { store } from './store.js';
import { el, byId, announce } from './ui.js';

export const FIELD_TYPES = ['str', 'int', 'float', 'bool', 'date', 'list[str]', 'enum'];

const form = byId('dataset-form');
const queryInput = byId('dataset-query');
const rowsInput = byId('dataset-rows');
const nameInput = byId('dataset-name');
const fieldList = byId('dataset-field-list');
const addButton = byId('dataset-add-field');
const submitButton = byId('dataset-submit');
const errorBox = byId('dataset-error');

const TOP_FIELDS = { query: queryInput, rows: rowsInput, name: nameInput };
const PROPERTY_LABELS = { name: 'name', type: 'type', values: 'values', description: 'description', required: 'required' };

let nextFieldId = 1;
let submitting = false;
/** The last submission that may have reached the server without us hearing back: { key, body }. */
let unconfirmed = null;

export function initDatasetForm() {
  addButton.addEventListener('click', () => {
    addField().querySelector('[data-testid=field-name]').focus();
  });
  fieldList.addEventListener('click', (event) => {
    const button = event.target.closest('[data-testid=field-remove]');
    if (button && button.getAttribute('aria-disabled') !== 'true') removeField(button.closest('li'));
  });
  fieldList.addEventListener('change', (event) => {
    if (event.target.matches('[data-testid=field-type]')) updateValuesInput(event.target.closest('li'));
  });
  form.addEventListener('submit', submit);
  addField();
}

/** Appends a field row and returns it. */
function addField() {
  const id = `dataset-field-${nextFieldId++}`;
  const legend = el('legend', { class: 'dataset-field__legend' });
  const labelled = (name, label, control, extra = {}) => el('div', { class: `dataset-field__part dataset-field__part--${name}`, ...extra },
    el('label', { for: `${id}-${name}` }, label), control);
  const typeSelect = el('select', { id: `${id}-type`, 'data-testid': 'field-type' },
    FIELD_TYPES.map((type) => el('option', { value: type }, type)));
  const row = el('li', { class: 'dataset-field', 'data-testid': 'dataset-field' },
    el('fieldset', {},
      legend,
      labelled('name', 'Name', el('input', {
        id: `${id}-name`, type: 'text', autocomplete: 'off', spellcheck: 'false', 'data-testid': 'field-name',
        placeholder: 'e.g. technology_id',
      })),
      labelled('type', 'Type', typeSelect),
      labelled('values', 'Allowed values', el('input', {
        id: `${id}-values`, type: 'text', autocomplete: 'off', 'data-testid': 'field-values',
        'aria-describedby': `${id}-values-hint`, placeholder: 'e.g. low, medium, high',
      }), { hidden: true }),
      labelled('description', 'Description', el('input', {
        id: `${id}-description`, type: 'text', autocomplete: 'off', 'data-testid': 'field-description',
        placeholder: 'What the column holds; the model reads it',
      })),
      el('div', { class: 'dataset-field__part dataset-field__part--required' },
        el('label', { class: 'checkbox' },
          el('input', { type: 'checkbox', 'data-testid': 'field-required' }), ' Required')),
      el('div', { class: 'dataset-field__part dataset-field__part--remove' },
        el('button', { type: 'button', class: 'button button--small button--danger', 'data-testid': 'field-remove' }, 'Remove'))));
  row.querySelector('.dataset-field__part--values').append(
    el('p', { class: 'hint', id: `${id}-values-hint` }, 'Separated by commas.'));
  fieldList.append(row);
  renumber();
  return row;
}

/** Removes a field row (never the last one) and gives the focus to the next row, else to "Add field". */
function removeField(row) {
  const rows = fieldRows();
  if (rows.length <= 1) return;
  const next = rows[rows.indexOf(row) + 1] ?? rows[rows.indexOf(row) - 1];
  row.remove();
  renumber();
  (next?.querySelector('[data-testid=field-name]') ?? addButton).focus();
  announce(`Field removed; ${fieldRows().length} left.`);
}

const fieldRows = () => [...fieldList.querySelectorAll(':scope > li')];

/** Names each row "Field n" (legend and the remove button's label) after its position. */
function renumber() {
  const rows = fieldRows();
  rows.forEach((row, index) => {
    row.querySelector('legend').textContent = `Field ${index + 1}`;
    const remove = row.querySelector('[data-testid=field-remove]');
    remove.setAttribute('aria-label', `Remove field ${index + 1}`);
    if (rows.length <= 1) remove.setAttribute('aria-disabled', 'true'); else remove.removeAttribute('aria-disabled');
  });
}

function updateValuesInput(row) {
  const isEnum = row.querySelector('[data-testid=field-type]').value === 'enum';
  row.querySelector('.dataset-field__part--values').hidden = !isEnum;
}

/** The fields as the API takes them: { name, type, description?, required, values? (enums) }. */
function readFields() {
  return fieldRows().map((row) => {
    const type = row.querySelector('[data-testid=field-type]').value;
    const field = { name: row.querySelector('[data-testid=field-name]').value.trim(), type };
    const description = row.querySelector('[data-testid=field-description]').value.trim();
    if (description) field.description = description;
    field.required = row.querySelector('[data-testid=field-required]').checked;
    if (type === 'enum') {
      field.values = row.querySelector('[data-testid=field-values]').value.split(',').map((value) => value.trim()).filter(Boolean);
    }
    return field;
  });
}

/** What can be told before asking the server (which checks everything): blanks and a row count that is no number. */
function checkLocally(body) {
  const errors = [];
  if (body.query === '') errors.push({ field: 'query', message: 'Enter what the rows are about.' });
  if (!Number.isInteger(body.rows) || body.rows < 1) errors.push({ field: 'rows', message: 'Enter a whole number of rows, at least 1.' });
  if (body.name === '') errors.push({ field: 'name', message: 'Enter a name for the dataset.' });
  body.fields.forEach((field, index) => {
    if (field.name === '') errors.push({ field: `fields[${index}].name`, message: 'Enter the field\'s name.' });
    if (field.type === 'enum' && field.values.length === 0) {
      errors.push({ field: `fields[${index}].values`, message: 'Enter the allowed values, separated by commas.' });
    }
  });
  return errors;
}

/** The input a field error names: "rows", "fields[2].type" (the third row's type), "fields" (the editor). */
function inputFor(field) {
  const key = field.replace(/^\$\./, '');
  const top = TOP_FIELDS[key.toLowerCase()];
  if (top) return top;
  const match = /^fields\[(\d+)\](?:\.(\w+))?$/i.exec(key);
  if (!match) return key.toLowerCase() === 'fields' ? addButton : null;
  const row = fieldRows()[Number(match[1])];
  if (!row) return addButton;
  const property = (match[2] ?? 'name').toLowerCase();
  return row.querySelector(`[data-testid=field-${PROPERTY_LABELS[property] ?? 'name'}]`);
}

/** "fields[2].type" as the form names it: "Field 3 type". */
function fieldLabel(field) {
  const key = field.replace(/^\$\./, '');
  const match = /^fields\[(\d+)\](?:\.(\w+))?$/i.exec(key);
  if (match) return `Field ${Number(match[1]) + 1}${match[2] ? ` ${match[2].toLowerCase()}` : ''}`;
  const names = { query: 'Query', rows: 'Rows', name: 'Name', fields: 'Fields', clientid: 'Client id' };
  return names[key.toLowerCase()] ?? key;
}

function showErrors(lines, fieldErrors = []) {
  const children = lines.map((line) => el('p', {}, line));
  if (fieldErrors.length > 0) {
    children.push(el('ul', {}, fieldErrors.map(({ field, message }) => el('li', {}, `${fieldLabel(field)}: ${message}`))));
  }
  errorBox.replaceChildren(...children);
  errorBox.hidden = children.length === 0;
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const { field } of fieldErrors) {
    const input = inputFor(field);
    if (input && input !== addButton) input.setAttribute('aria-invalid', 'true');
  }
  return fieldErrors.map(({ field }) => inputFor(field)).find(Boolean) ?? null;
}

function setSubmitting(on) {
  submitting = on;
  if (on) submitButton.setAttribute('aria-disabled', 'true'); else submitButton.removeAttribute('aria-disabled');
  submitButton.textContent = on ? 'Submitting…' : 'Generate dataset';
  if (on) form.setAttribute('aria-busy', 'true'); else form.removeAttribute('aria-busy');
}

async function submit(event) {
  event.preventDefault();
  if (submitting) return;
  const rowsText = rowsInput.value.trim();
  const body = {
    query: queryInput.value.trim(),
    rows: /^\d+$/.test(rowsText) ? Number(rowsText) : NaN,
    name: nameInput.value.trim(),
    fields: readFields(),
  };
  const local = checkLocally(body);
  if (local.length > 0) {
    showErrors(['Check the dataset:'], local)?.focus();
    return;
  }
  showErrors([]);
  setSubmitting(true);
  const json = JSON.stringify(body);
  // The same request again after a lost answer reuses the key, so the server returns the job it created.
  const key = unconfirmed?.body === json ? unconfirmed.key : randomToken();
  unconfirmed = { key, body: json };
  const answer = await submitDataset(json, key);
  setSubmitting(false);
  if (answer.status !== 0 && answer.status < 500 && answer.status !== 429) unconfirmed = null;
  if (!answer.ok) {
    const input = showErrors(answer.lines, answer.fieldErrors);
    if (answer.status === 401) focusKeyInput();
    else input?.focus();
    return;
  }
  const job = answer.job;
  store.add(job.jobId, { label: `Dataset ${body.name}: ${body.query}`.slice(0, 120), submittedAt: job.createdAt, kind: 'dataset' });
  store.apply(job);
  showDataset(job.jobId, { focus: true });
  announce(`Dataset ${body.name} submitted: ${body.rows} rows.`);
}
