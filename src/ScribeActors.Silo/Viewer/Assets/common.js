// Shared helpers of the run viewer. Values from runs only ever reach the page through textContent or attributes set
// by el(), never through innerHTML.
'use strict';

const viewer = {
  el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else if (name === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  },

  time(value) {
    if (!value) return '';
    const date = new Date(value);
    return isNaN(date) ? String(value) : date.toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  },

  ms(value) {
    if (value === null || value === undefined) return '';
    return value >= 1000 ? (value / 1000).toFixed(2) + ' s' : Math.round(value) + ' ms';
  },

  badge(status) {
    return viewer.el('span', { class: 'badge status-' + String(status).toLowerCase(), text: status });
  },

  runLink(id) {
    return viewer.el('a', { href: '/viewer/runs/' + encodeURIComponent(id), text: id });
  },

  // Sends a request with the page's own credentials (the browser re-sends the HTTP Basic login to the same origin);
  // a JSON body when given. A failure throws an Error whose problem holds the answer's problem details.
  async call(method, url, json) {
    const headers = { Accept: 'application/json' };
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, { method, headers, credentials: 'same-origin', body: json === undefined ? undefined : JSON.stringify(json) });
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const detail = body && (body.detail || body.title);
      const error = new Error(detail || (method + ' ' + url + ' answered ' + response.status));
      error.problem = body;
      throw error;
    }
    return body;
  },

  // Reads a text answer (a stored prompt, a DOM); a failure throws with the problem details' words.
  async text(url) {
    const response = await fetch(url, { headers: { Accept: 'text/plain, application/problem+json' }, credentials: 'same-origin' });
    if (response.ok) return response.text();
    const body = await response.json().catch(() => null);
    throw new Error((body && (body.detail || body.title)) || ('GET ' + url + ' answered ' + response.status));
  },

  live(text, failed) {
    const live = document.getElementById('live');
    if (!live) return;
    live.textContent = text;
    live.classList.toggle('failed', !!failed);
  },

  flash(text, failed) {
    const box = document.getElementById('flash') || document.body.insertBefore(viewer.el('div', { id: 'flash' }), document.getElementById('main'));
    box.textContent = text;
    box.className = failed ? 'flash failed' : 'flash';
  },

  sleep(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
  },
};
