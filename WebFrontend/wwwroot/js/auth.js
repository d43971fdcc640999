// The API key, only when the server asks for one (a 401): kept in this tab's session storage and sent as the
// X-Api-Key header (and as access_token on the hub's WebSocket, whose headers browsers cannot set).

import { byId } from './ui.js';

const STORAGE_KEY = 'orleansNlp.apiKey';

const card = byId('auth-card');
const input = byId('api-key');
const status = byId('auth-status');
const forgetButton = byId('auth-forget');

// Session storage may be disabled: the key then lasts as long as this page.
let key = readStored();

function readStored() {
  try { return sessionStorage.getItem(STORAGE_KEY) || ''; } catch { return ''; }
}

function keep(value) {
  key = value;
  try {
    if (value) sessionStorage.setItem(STORAGE_KEY, value); else sessionStorage.removeItem(STORAGE_KEY);
  } catch { /* kept in memory only */ }
}

export const apiKey = () => key;

/** Shows the key form after the server refused a request. */
export function askForKey() {
  showCard(apiKey() ? 'The server did not accept this API key.' : 'This server asks for an API key.');
}

export function focusKeyInput() {
  input.focus();
}

/** Wires the key form; onKeyChange runs after a key was saved or forgotten. */
export function initAuth({ onKeyChange }) {
  byId('auth-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const entered = input.value.trim();
    if (!entered) {
      showCard('Enter the API key.');
      input.focus();
      return;
    }
    keep(entered);
    input.value = '';
    showCard('');
    status.textContent = 'API key saved for this tab.';
    onKeyChange();
  });
  forgetButton.addEventListener('click', () => {
    keep('');
    showCard('');
    status.textContent = 'API key forgotten.';
    onKeyChange();
  });
  if (apiKey()) showCard('');
}

/** An error message is styled as one; an empty message clears the status line. */
function showCard(message) {
  card.hidden = false;
  status.textContent = message;
  status.classList.toggle('auth__status--error', Boolean(message));
  forgetButton.hidden = !apiKey();
}
