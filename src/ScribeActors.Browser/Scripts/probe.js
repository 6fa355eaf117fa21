// ScribeActors action probe: describes the target element in one main-world evaluation, so an action can fail fast with
// the right kind instead of waiting out Playwright's actionability timeout.
//
// Argument: { observation, node }. The element is taken from the list the capture of that observation left on the top
// document (document.__scribeNodes, in capture order: node id N is entry count - 1 - N), so no selector is run, shadow
// roots and same-origin iframes need no special path, and nothing is injected into the page. A top document that is
// not the observed one (a navigation, or a document restored from history), or an element that has left its document,
// counts as stale; the caller reports it as detached.
({ observation, node }) => {
  const nodes = document.__scribeNodes;
  if (document.__scribeObservation !== observation || !Array.isArray(nodes)) {
    return { state: 'stale' };
  }
  const index = nodes.length - 1 - node;
  const el = index >= 0 && index < nodes.length ? nodes[index] : null;
  if (el === null) {
    return { state: 'missing' };
  }
  if (!el.isConnected || el.ownerDocument.__scribeObservation !== observation) {
    return { state: 'stale' };
  }
  // The capture describes the usual targets by the same rules (capture.js, describe).
  const FILL_TYPES = new Set(['', 'text', 'email', 'number', 'password', 'search', 'tel', 'url', 'color', 'date',
    'time', 'datetime-local', 'month', 'range', 'week']);
  const tag = el.localName;
  const view = el.ownerDocument.defaultView;
  const style = view ? view.getComputedStyle(el) : null;
  const rect = el.getBoundingClientRect();
  let visible = rect.width > 0 && rect.height > 0 && !(style && style.visibility === 'hidden');
  if (visible && typeof el.checkVisibility === 'function') {
    visible = el.checkVisibility();
  }
  const disabled = (typeof el.matches === 'function' && el.matches(':disabled')) || el.getAttribute('aria-disabled') === 'true';
  const type = tag === 'input' ? (el.getAttribute('type') || '').toLowerCase() : '';
  const fillable = el.isContentEditable || tag === 'textarea' || (tag === 'input' && FILL_TYPES.has(type));
  const readOnly = (tag === 'input' || tag === 'textarea') && el.readOnly;
  const result = { state: 'ok', tag, type, visible, disabled, fillable, readOnly };
  if (tag === 'select') {
    result.options = Array.from(el.options, (o) => [o.label, o.value]);
  } else if (tag === 'option') {
    const select = el.closest('select');
    result.optionIndex = el.index;
    result.selectNode = select ? select.getAttribute('data-scribe-node') : null;
    result.selectDisabled = select ? select.disabled : true;
  }
  return result;
}
