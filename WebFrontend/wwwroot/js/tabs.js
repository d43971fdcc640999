// The "New job" card's tabs (Text, Dataset), after the WAI-ARIA tabs pattern: one tab in the keyboard's Tab order,
// arrow keys, Home and End move between tabs and show the one reached. The tab shown survives a reload.

import { byId } from './ui.js';

const STORAGE_KEY = 'orleansNlp.tab';

const tabs = () => [...byId('submit-heading').closest('section').querySelectorAll('[role=tab]')];

/** Shows the tab with this id ('tab-text', 'tab-dataset'); with focus, moves the keyboard focus to it. */
export function selectTab(id, { focus = false } = {}) {
  for (const tab of tabs()) {
    const selected = tab.id === id;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(tab.getAttribute('aria-controls')).hidden = !selected;
    if (selected && focus) tab.focus();
  }
  try { sessionStorage.setItem(STORAGE_KEY, id); } catch { /* storage disabled: the default tab after a reload */ }
}

export function initTabs() {
  const list = tabs();
  for (const tab of list) {
    tab.addEventListener('click', () => selectTab(tab.id));
    tab.addEventListener('keydown', (event) => {
      const index = list.indexOf(tab);
      const next = {
        ArrowRight: list[(index + 1) % list.length],
        ArrowLeft: list[(index - 1 + list.length) % list.length],
        Home: list[0],
        End: list[list.length - 1],
      }[event.key];
      if (!next) return;
      event.preventDefault();
      selectTab(next.id, { focus: true });
    });
  }
  let stored = null;
  try { stored = sessionStorage.getItem(STORAGE_KEY); } catch { /* storage disabled */ }
  if (stored && list.some((tab) => tab.id === stored)) selectTab(stored);
}
