// The schedules page: every schedule with its next occurrences, refreshed every few seconds; Remove deletes one
// through the REST API.
'use strict';

(() => {
  const { el, time, runLink, call, live, flash } = viewer;
  const main = document.getElementById('main');
  const body = el('tbody', { id: 'schedules' });
  main.append(el('h1', { text: 'Schedules' }),
    el('table', { class: 'schedules' },
      el('thead', {}, el('tr', {}, ['Schedule', 'Cron', 'Objective', 'Next occurrences', 'Last occurrence', 'Last run', 'Runs', '']
        .map(h => el('th', { text: h })))),
      body));
  let shown = null;

  async function remove(id) {
    try {
      await call('DELETE', '/api/schedules/' + encodeURIComponent(id));
      flash('Removed schedule ' + id);
      await refresh();
    } catch (e) {
      flash('Removing ' + id + ' failed: ' + e.message, true);
    }
  }

  function row(s) {
    return el('tr', { 'data-schedule': s.id },
      el('td', { text: s.id }),
      el('td', {}, el('code', { text: s.cron }), ' ', el('span', { class: 'muted', text: s.timeZone })),
      el('td', { class: 'objective', text: s.objective }),
      el('td', { class: 'next' }, el('ul', {}, s.nextOccurrences.map(o => el('li', { text: time(o) })))),
      el('td', { text: time(s.lastOccurrence) }),
      el('td', {}, s.lastWorkflowId ? runLink(s.lastWorkflowId) : ''),
      el('td', { class: 'num', text: s.runCount }),
      el('td', {}, el('button', { type: 'button', class: 'remove', onclick: () => remove(s.id) }, 'Remove')));
  }

  async function refresh() {
    try {
      const schedules = await call('GET', '/viewer/api/schedules');
      const json = JSON.stringify(schedules);
      if (json !== shown) {
        shown = json;
        body.replaceChildren(...(schedules.length ? schedules.map(row) : [el('tr', {}, el('td', { colspan: 8, class: 'muted', text: 'No schedules.' }))]));
      }
      live('live · ' + time(new Date()));
    } catch (e) {
      live('not updating: ' + e.message, true);
    }
  }

  refresh();
  setInterval(refresh, 2000);
})();
