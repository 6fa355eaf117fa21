// A run's page: its header, buttons and step timeline, drawn from the inline JSON and then kept current by asking the
// viewer API for the next version (the request waits until the run changes). A step is redrawn only when it changed,
// so an opened DOM or screenshot stays open.
'use strict';

(() => {
  const { el, time, ms, badge, call, text, live, flash, sleep } = viewer;
  const main = document.getElementById('main');
  let run = JSON.parse(document.getElementById('run-data').textContent);
  const id = run.id;
  const base = '/api/workflows/' + encodeURIComponent(id);
  const drawn = new Map(); // step index -> JSON of what was drawn

  const header = el('section', { id: 'run-header' });
  const actions = el('div', { class: 'actions' });
  const steps = el('ol', { id: 'steps', class: 'steps' });
  main.replaceChildren(header, actions, el('h2', { text: 'Steps' }), steps);

  function button(name, label, enabled, act) {
    return el('button', { type: 'button', id: 'btn-' + name, disabled: !enabled, onclick: act }, label);
  }

  async function act(verb, url) {
    try {
      const answer = await call('POST', url);
      if (verb === 'run again') {
        location.href = '/viewer/runs/' + encodeURIComponent(answer.id);
        return;
      }
      show(Object.assign({}, run, { status: answer.status, isTerminal: ['Succeeded', 'Failed', 'Cancelled'].includes(answer.status) }), true);
      flash(verb + ': ' + answer.status);
    } catch (e) {
      flash(verb + ' failed: ' + e.message, true);
    }
  }

  function drawHeader() {
    const facts = [
      ['Status', badge(run.status)],
      ['Run id', run.id],
      ['Start URL', run.startUrl],
      ['Source', run.source + (run.model ? ' · model ' + run.model : '') + (run.recordedSteps ? ' · ' + run.recordedSteps + ' recorded steps' : '')],
      ['Steps', run.steps.length + ' of at most ' + run.maxSteps],
      ['Started', time(run.createdAt)],
      ['Finished', run.isTerminal ? time(run.updatedAt) : '—'],
      ['Resumptions', String(run.resumptions)],
      ['Silo', run.silo || ''],
    ];
    if (run.verification && run.verification !== 'None') {
      const note = run.verificationNote || '';
      facts.push(['Success', note.startsWith(run.verification) ? note : run.verification + (note ? ': ' + note : '')]);
    }
    if (run.answer) facts.push(['Answer', run.answer]);
    for (const [key, value] of Object.entries(run.labels || {})) facts.push(['Label ' + key, value]);
    header.replaceChildren(...[
      el('h1', { class: 'objective', text: run.objective }),
      run.failureReason ? el('p', { id: 'failure', class: 'failure', text: (run.status === 'Cancelled' ? 'Cancelled: ' : 'Failed: ') + run.failureReason }) : null,
      el('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)])),
    ].filter(Boolean));
    const status = run.status;
    actions.replaceChildren(
      button('pause', 'Pause', status === 'Running' || status === 'Pending', () => act('pause', base + '/pause')),
      button('resume', 'Resume', status === 'Paused', () => act('resume', base + '/resume')),
      button('cancel', 'Cancel', !run.isTerminal, () => act('cancel', base + '/cancel?reason=' + encodeURIComponent('cancelled in the run viewer'))),
      button('run-again', 'Run again', true, () => act('run again', '/viewer/api/runs/' + encodeURIComponent(id) + '/run-again')));
    document.title = 'Run ' + id + ' · ' + status + ' · ScribeActors';
  }

  function action(step) {
    const a = step.action;
    if (!a) return step.phase === 'Done' ? 'finish' : '';
    return a.kind.toLowerCase() + (a.text ? ' "' + a.text + '"' : '') + (a.url ? ' ' + a.url : '');
  }

  function outcome(step) {
    if (step.outcome) {
      return step.outcome.succeeded
        ? el('span', { class: 'ok', text: 'ok' + (step.outcome.deduplicated ? ' (deduplicated)' : '') })
        : el('span', { class: 'failed', text: step.outcome.failure + ': ' + (step.outcome.message || '') });
    }
    return el('span', { class: 'muted', text: step.phase === 'Done' ? 'no action' : step.phase.toLowerCase() + '…' });
  }

  // The prompt as the model was given it (chat template applied), read from its artefact on first opening and shown
  // as text; a prompt that is gone says why (the API's 404 detail).
  function prompt(step) {
    if (!step.promptRef) return null;
    const shown = el('pre', { class: 'prompt' });
    const details = el('details', { class: 'prompt-box' }, el('summary', { text: 'Prompt as the model saw it' }), shown);
    details.addEventListener('toggle', async () => {
      if (!details.open || shown.dataset.loaded) return;
      shown.dataset.loaded = 'loading';
      try {
        shown.textContent = await text(base + '/steps/' + step.index + '/prompt');
        shown.dataset.loaded = 'yes';
      } catch (e) {
        shown.textContent = e.message;
        shown.dataset.loaded = 'failed';
      }
    });
    return details;
  }

  function inference(step) {
    const info = step.inference;
    const rows = [
      ['Model', info.modelId + (info.silo ? ' on ' + info.silo : '')],
      ['Tokens', info.promptTokens + ' prompt (' + info.observationTokens + ' observation) · ' + info.outputTokens + ' output'],
      ['Latency', 'total ' + ms(info.totalMs) + ' · prune ' + ms(info.pruneMs) + ' · fit ' + ms(info.fitMs) + ' · queue ' + ms(info.queueMs) +
        ' · prefill ' + ms(info.prefillMs) + ' · decode ' + ms(info.decodeMs)],
      ['Prompt', info.shownNodes + ' nodes shown' + (info.truncated ? ', DOM cut to fit' : '') + ' · fitter ' + info.fitter + ' · template ' + info.template],
      ['Attempts', String(info.attempts)],
    ];
    return el('div', { class: 'inference' },
      el('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])),
      prompt(step),
      el('div', { class: 'label', text: 'Raw output' }), el('pre', { class: 'raw-output', text: info.rawOutput }),
      (info.rejected || []).length ? el('div', { class: 'label', text: 'Rejected outputs' }) : null,
      (info.rejected || []).map(r => el('pre', { class: 'rejected', text: r })));
  }

  function artifacts(step) {
    const parts = [];
    if (step.screenshotRef) {
      parts.push(el('a', { href: base + '/steps/' + step.index + '/screenshot', target: '_blank', rel: 'noopener' },
        el('img', { class: 'screenshot', decoding: 'async', alt: 'screenshot before step ' + (step.index + 1), loading: 'lazy', src: base + '/steps/' + step.index + '/screenshot' })));
    }
    if (step.observationRef) {
      const page = '/viewer/runs/' + encodeURIComponent(id) + '/steps/' + step.index + '/page';
      const details = el('details', { class: 'dom' }, el('summary', { text: 'Page as observed (DOM' + (step.action && step.action.nodeId != null ? ', node ' + step.action.nodeId + ' outlined' : '') + ')' }));
      // The frame is made on first opening: a long run does not load every DOM up front. No allow-scripts, no
      // allow-same-origin: the stored page cannot run anything nor reach the viewer. The frame's URL has no
      // #scribe-target: scrolling a frame to a fragment can scroll this page too, under the reader's pointer; the page
      // opened alone does go to the element.
      details.addEventListener('toggle', () => {
        if (details.open && !details.querySelector('iframe')) {
          details.append(el('iframe', { class: 'dom-frame', sandbox: '', referrerpolicy: 'no-referrer', title: 'observed page of step ' + (step.index + 1), src: page }),
            el('a', { href: page + '#scribe-target', target: '_blank', rel: 'noopener', text: 'open alone' }), ' · ',
            el('a', { href: base + '/steps/' + step.index + '/observation', target: '_blank', rel: 'noopener', text: 'DOM as text' }));
        }
      });
      parts.push(details);
    }
    return parts.length ? el('div', { class: 'artifacts' }, parts) : null;
  }

  function drawStep(step) {
    const total = (step.observeMs || 0) + (step.decideMs || 0) + (step.persistMs || 0) + (step.executeMs || 0);
    return el('li', { class: 'step phase-' + step.phase.toLowerCase() + (step.outcome && !step.outcome.succeeded ? ' step-failed' : ''), 'data-step': step.index, id: 'step-' + step.index },
      el('div', { class: 'step-head' },
        el('span', { class: 'index', text: '#' + (step.index + 1) }),
        el('span', { class: 'action', text: action(step) }),
        step.action && step.action.nodeId != null ? el('span', { class: 'target', text: 'node ' + step.action.nodeId }) : null,
        outcome(step)),
      step.description ? el('pre', { class: 'description', text: step.description }) : null,
      step.note ? el('p', { class: 'note' + (step.outcomeUncertain ? ' uncertain' : ''), text: (step.outcomeUncertain ? 'Uncertain outcome: ' : 'Note: ') + step.note }) : null,
      el('p', { class: 'timing muted', text:
        time(step.startedAt) + (step.finishedAt ? ' → ' + time(step.finishedAt) : '') + ' · observe ' + ms(step.observeMs) + ' · decide ' + ms(step.decideMs) +
        ' · persist ' + ms(step.persistMs) + ' · act ' + ms(step.executeMs) + ' · total ' + ms(total) + ' · ' + step.nodeCount + ' nodes' }),
      el('p', { class: 'urls muted', text: (step.urlBefore || '') + (step.urlAfter && step.urlAfter !== step.urlBefore ? ' → ' + step.urlAfter : '') }),
      step.inference ? inference(step) : null,
      artifacts(step));
  }

  function show(next, headerOnly) {
    run = next;
    drawHeader();
    if (headerOnly) return;
    for (const step of run.steps) {
      const json = JSON.stringify(step);
      if (drawn.get(step.index) === json) continue;
      const fresh = drawStep(step);
      const old = document.getElementById('step-' + step.index);
      if (old) old.replaceWith(fresh); else steps.append(fresh);
      drawn.set(step.index, json);
    }
  }

  async function follow() {
    while (!run.isTerminal) {
      try {
        live('live');
        const next = await call('GET', '/viewer/api/runs/' + encodeURIComponent(id) + '?after=' + run.version);
        if (next.version !== run.version || next.status !== run.status) show(next);
      } catch (e) {
        live('not updating: ' + e.message, true);
        await sleep(1000);
      }
    }
    live('finished');
  }

  show(run);
  follow();
})();
