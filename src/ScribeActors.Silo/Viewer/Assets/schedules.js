// The schedules page: every schedule with its next occurrences and the runs it started, refreshed every few seconds;
// Remove deletes one and the form adds one, both through the REST API.
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

  function runs(s) {
    return el('a', { class: 'runs', href: '/viewer/?schedule=' + encodeURIComponent(s.id), text: s.runCount + ' run' + (s.runCount === 1 ? '' : 's') });
  }

  function row(s) {
    return el('tr', { 'data-schedule': s.id },
      el('td', { text: s.id }),
      el('td', {}, el('code', { text: s.cron }), ' ', el('span', { class: 'muted', text: s.timeZone })),
      el('td', { class: 'objective', text: s.objective }),
      el('td', { class: 'next' }, el('ul', {}, s.nextOccurrences.map(o => el('li', { text: time(o) })))),
      el('td', { text: time(s.lastOccurrence) }),
      el('td', {}, s.lastWorkflowId ? runLink(s.lastWorkflowId) : ''),
      el('td', { class: 'num' }, runs(s)),
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

  // Adding a schedule: the fields of PUT /api/schedules/{id}, the step source as the API takes it (JSON). The API's
  // problem details are shown next to the form, each error beside the field it names. A replay file (as `scribe record`
  // writes it) read in the browser fills the step source, and the objective and start URL where they are empty.
  const replayFile = el('input', { name: 'replayFile', type: 'file', accept: '.json,application/json' });
  const fields = {
    id: el('input', { name: 'id', required: true, placeholder: 'nightly-report' }),
    cron: el('input', { name: 'cron', required: true, placeholder: '0 7 * * MON-FRI' }),
    timeZone: el('input', { name: 'timeZone', value: 'UTC' }),
    objective: el('input', { name: 'objective', required: true, class: 'wide' }),
    startUrl: el('input', { name: 'startUrl', required: true, type: 'url', class: 'wide' }),
    stepSource: el('textarea', { name: 'stepSource', required: true, rows: 3, class: 'wide', placeholder: '{"kind": "Model", "model": {"modelId": "…"}}' }),
  };
  const labels = { id: 'Id', cron: 'Cron', timeZone: 'Time zone', objective: 'Objective', startUrl: 'Start URL', stepSource: 'Step source (JSON)' };
  const errorOf = Object.fromEntries(Object.keys(fields).map(name => [name, el('span', { class: 'field-error', 'data-for': name })]));
  const problem = el('div', { id: 'schedule-problem', class: 'problem', hidden: true });
  const form = el('form', { id: 'add-schedule', class: 'add-schedule' },
    el('h2', { text: 'Add a schedule' }),
    el('label', {}, el('span', { text: 'Replay file' }), replayFile, el('span', { class: 'muted', text: ' fills the step source (optional)' })),
    Object.keys(fields).map(name => el('label', {}, el('span', { text: labels[name] }), fields[name], errorOf[name])),
    el('div', {}, el('button', { type: 'submit', class: 'add' }, 'Add schedule')),
    problem);
  main.append(form);

  // Which field of the form an API error key (a JSON path such as "cron" or "workflow.stepSource.model") is about.
  function fieldOf(key) {
    const path = String(key).replace(/^\$\.?/, '').toLowerCase();
    if (path === 'cron' || path === 'timezone') return path === 'cron' ? 'cron' : 'timeZone';
    if (path.startsWith('workflow.objective')) return 'objective';
    if (path.startsWith('workflow.starturl')) return 'startUrl';
    if (path.startsWith('workflow.stepsource')) return 'stepSource';
    return null;
  }

  function showProblem(detail, errors) {
    problem.hidden = false;
    problem.replaceChildren(el('p', { text: detail }),
      el('ul', {}, Object.entries(errors || {}).map(([key, messages]) => el('li', { 'data-field': key }, el('code', { text: key }), ': ' + [].concat(messages).join(' ')))));
    for (const [key, messages] of Object.entries(errors || {})) {
      const name = fieldOf(key);
      if (name) {
        errorOf[name].textContent = [].concat(messages).join(' ');
        fields[name].setAttribute('aria-invalid', 'true');
      }
    }
  }

  function clearProblem() {
    problem.hidden = true;
    problem.replaceChildren();
    for (const name of Object.keys(fields)) {
      errorOf[name].textContent = '';
      fields[name].removeAttribute('aria-invalid');
    }
  }

  replayFile.addEventListener('change', async () => {
    clearProblem();
    const file = replayFile.files[0];
    if (!file) return;
    let recording;
    try {
      recording = JSON.parse(await file.text());
    } catch (parse) {
      showProblem('The replay file ' + file.name + ' is not JSON; nothing was filled in.', { 'workflow.stepSource': [parse.message] });
      return;
    }
    if (!recording || typeof recording !== 'object' || !Array.isArray(recording.steps)) {
      showProblem('The replay file ' + file.name + ' is not a recorded workflow (no steps); nothing was filled in.', { 'workflow.stepSource': ['A recorded workflow has objective, startUrl and steps.'] });
      return;
    }
    if (!fields.objective.value && typeof recording.objective === 'string') fields.objective.value = recording.objective;
    if (!fields.startUrl.value && typeof recording.startUrl === 'string') fields.startUrl.value = recording.startUrl;
    fields.stepSource.value = JSON.stringify({ kind: 'Replay', replay: recording });
  });

  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearProblem();
    let stepSource;
    try {
      stepSource = JSON.parse(fields.stepSource.value);
    } catch (parse) {
      showProblem('The step source is not JSON; nothing was added.', { 'workflow.stepSource': [parse.message] });
      return;
    }
    const id = fields.id.value.trim();
    const spec = {
      cron: fields.cron.value.trim(),
      timeZone: fields.timeZone.value.trim() || 'UTC',
      workflow: { objective: fields.objective.value, startUrl: fields.startUrl.value.trim(), stepSource },
    };
    try {
      await call('PUT', '/api/schedules/' + encodeURIComponent(id), spec);
      flash('Added schedule ' + id);
      form.reset();
      await refresh();
    } catch (failure) {
      const p = failure.problem || {};
      showProblem((p.detail || p.title || failure.message) + ' Nothing was added.', p.errors);
    }
  });

  refresh();
  setInterval(refresh, 2000);
})();
