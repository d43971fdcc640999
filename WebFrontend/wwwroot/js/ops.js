// The operations panel: jobs per status, completed jobs per second as sparklines (last minute, last hour) and the
// silos with their state, from GET /api/stats (WebFrontend/Stats/StatsApi.cs). It refreshes every few seconds while
// the tab is visible and stops while it is hidden. "Open dashboard" starts a dashboard session, then opens /dashboard.

import { getStats, startDashboardSession, oneLine } from './api.js';
import { el, byId } from './ui.js';

const REFRESH_MS = 4000;
const STATUSES = ['pending', 'processing', 'completed', 'failed', 'cancelled'];
const SVG = 'http://www.w3.org/2000/svg';

const counts = byId('ops-counts');
const scope = byId('ops-scope');
const throughput = byId('ops-throughput');
const silos = byId('ops-silos');
const error = byId('ops-error');
const dashboardButton = byId('open-dashboard');

let timer = 0;
let loading = false;

export function initOps() {
  for (const status of STATUSES) {
    counts.append(el('div', { class: 'ops__count' },
      el('dt', {}, status),
      el('dd', { 'data-testid': `ops-count-${status}`, 'data-status': status }, '—')));
  }
  dashboardButton.addEventListener('click', openDashboard);
  document.addEventListener('visibilitychange', () => {
    clearTimeout(timer);
    if (document.visibilityState === 'visible') refreshOps();
  });
  refreshOps();
}

/** Loads the figures now, then again every REFRESH_MS while the tab stays visible. */
export async function refreshOps() {
  if (loading) return;
  loading = true;
  clearTimeout(timer);
  const answer = await getStats();
  loading = false;
  if (answer.ok) show(answer.stats); else showError(answer);
  if (document.visibilityState === 'visible') timer = setTimeout(refreshOps, REFRESH_MS);
}

function show(stats) {
  error.hidden = true;
  for (const status of STATUSES) {
    byId('ops-counts').querySelector(`[data-status=${status}]`).textContent = String(stats.jobs[status]);
  }
  const cluster = stats.scope === 'cluster';
  scope.textContent = cluster ? 'The whole cluster.' : 'Your jobs only: an admin key shows the whole cluster.';
  throughput.hidden = !cluster;
  silos.hidden = !cluster;
  if (!cluster) return;
  const { lastMinute, lastHour, lastMinuteSeries, lastHourSeries } = stats.throughput;
  throughput.replaceChildren(
    sparkline('Last minute', lastMinute, lastMinuteSeries, 'ops-rate-minute'),
    sparkline('Last hour', lastHour, lastHourSeries, 'ops-rate-hour'),
    el('p', { class: 'hint', 'data-testid': 'ops-queues' },
      `Waiting: ${stats.queues.pending} pending, ${stats.queues.embedding} at embedding, ${stats.queues.llm} at LLM.`));
  silos.replaceChildren(...stats.silos.map(siloRow));
}

function sparkline(label, rate, series, testId) {
  const width = 120;
  const height = 28;
  const max = Math.max(1, ...series);
  const step = series.length > 1 ? width / (series.length - 1) : width;
  const points = series.map((count, i) => `${(i * step).toFixed(1)},${(height - 2 - (count / max) * (height - 4)).toFixed(1)}`).join(' ');
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points);
  svg.append(line);
  return el('div', { class: 'ops__rate' },
    el('span', { class: 'ops__rate-label' }, label),
    svg,
    el('span', { class: 'ops__rate-value', 'data-testid': testId }, `${formatRate(rate)} jobs/s`));
}

function siloRow(silo) {
  const details = [];
  if (silo.jobs) details.push(`${silo.jobs.queued + silo.jobs.embedding + silo.jobs.llm} active`);
  if (silo.llm) details.push(`LLM ${silo.llm.inUse}/${silo.llm.capacity}${silo.llm.waiting ? `, ${silo.llm.waiting} waiting` : ''}`);
  return el('li', { class: 'ops__silo', 'data-testid': 'ops-silo', 'data-status': silo.status },
    el('span', { class: `badge badge--silo-${silo.status}` }, silo.status),
    el('span', { class: 'ops__silo-name', title: silo.address }, silo.name || silo.address),
    el('span', { class: 'ops__silo-details' }, details.join(' · ')));
}

function showError(answer) {
  error.replaceChildren(el('p', {}, answer.status === 401 ? 'The cluster figures need an API key.' : oneLine(answer.lines)));
  error.hidden = false;
}

async function openDashboard() {
  const answer = await startDashboardSession();
  if (!answer.ok) {
    showError(answer.status === 403 ? { lines: ['The dashboard needs an admin key.'] } : answer);
    return;
  }
  if (!window.open('/dashboard/', 'orleans-dashboard')) window.location.assign('/dashboard/');
}

const formatRate = (rate) => (rate >= 10 ? rate.toFixed(0) : rate >= 1 ? rate.toFixed(1) : rate.toFixed(2));
