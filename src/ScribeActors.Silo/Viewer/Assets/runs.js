// The runs list: filters in the URL, the list polled every second, redrawn only when it changed.
'use strict';

(() => {
  const { el, time, badge, runLink, call, live, sleep } = viewer;
  const statuses = ['', 'Pending', 'Running', 'Paused', 'Succeeded', 'Failed', 'Cancelled'];
  const params = new URLSearchParams(location.search);
  const main = document.getElementById('main');

  const status = el('select', { id: 'status-filter', name: 'status' },
    statuses.map(s => el('option', { value: s, text: s || 'any status', selected: s === (params.get('status') || '') })));
  const text = el('input', { id: 'text-filter', name: 'q', type: 'search', placeholder: 'objective or id', value: params.get('q') || '' });
  // The schedule asked for in the URL is an option at once, even before the schedules load or when it was removed.
  const wanted = params.get('schedule') || '';
  const schedule = el('select', { id: 'schedule-filter', name: 'schedule' },
    el('option', { value: '', text: 'any schedule' }), wanted ? el('option', { value: wanted, text: wanted, selected: true }) : null);
  const count = el('span', { id: 'run-count', class: 'muted' });
  const body = el('tbody', { id: 'runs' });
  main.append(
    el('h1', { text: 'Runs' }),
    el('form', { class: 'filters', onsubmit: null }, el('label', {}, 'Status ', status), el('label', {}, 'Schedule ', schedule), el('label', {}, 'Text ', text), count),
    el('table', { class: 'runs' },
      el('thead', {}, el('tr', {}, ['Run', 'Objective', 'Status', 'Steps', 'Started', 'Finished', 'Resumptions', 'Silo']
        .map(h => el('th', { text: h })))),
      body));
  document.querySelector('form.filters').addEventListener('submit', e => e.preventDefault());

  let shown = null;
  let wake = null;
  const refreshSoon = () => { shown = null; if (wake) wake(); };
  status.addEventListener('change', refreshSoon);
  schedule.addEventListener('change', refreshSoon);
  text.addEventListener('input', refreshSoon);

  function query() {
    const q = new URLSearchParams();
    if (status.value) q.set('status', status.value);
    if (schedule.value) q.set('schedule', schedule.value);
    if (text.value.trim()) q.set('q', text.value.trim());
    return q.toString();
  }

  function row(run) {
    return el('tr', { 'data-run': run.id, class: 'status-' + run.status.toLowerCase() },
      el('td', {}, runLink(run.id)),
      el('td', { class: 'objective', title: run.failureReason || null }, run.objective),
      el('td', {}, badge(run.status)),
      el('td', { class: 'num steps', text: run.stepCount }),
      el('td', { text: time(run.startedAt) }),
      el('td', { text: time(run.finishedAt) }),
      el('td', { class: 'num', text: run.resumptions }),
      el('td', { class: 'muted', text: run.silo || '' }));
  }

  async function poll() {
    for (;;) {
      const q = query();
      try {
        const runs = await call('GET', '/viewer/api/runs' + (q ? '?' + q : ''));
        const json = q + JSON.stringify(runs);
        if (json !== shown) {
          shown = json;
          body.replaceChildren(...(runs.length ? runs.map(row) : [el('tr', {}, el('td', { colspan: 8, class: 'muted', text: 'No runs match.' }))]));
          count.textContent = runs.length + ' run(s)';
          history.replaceState(null, '', q ? '?' + q : location.pathname);
        }
        live('live · ' + time(new Date()));
      } catch (e) {
        live('not updating: ' + e.message, true);
      }
      await new Promise(resolve => { wake = resolve; setTimeout(resolve, 1000); });
    }
  }

  call('GET', '/viewer/api/schedules').then(list => {
    const known = new Set([...schedule.options].map(o => o.value));
    schedule.append(...list.filter(s => !known.has(s.id)).map(s => el('option', { value: s.id, text: s.id })));
  }).catch(e => live('schedules not loaded: ' + e.message, true));
  poll();
})();
