// ScribeActors action probe: describes the target element (the first of the locator's matches) in one round trip, so
// an action can fail fast with the right kind instead of waiting out Playwright's actionability timeout.
// Argument: the latest observation id; marks from any other observation (a document restored from history, say) count
// as detached.
(elements, observationId) => {
  if (elements.length === 0) {
    return { state: 'missing' };
  }
  const el = elements[0];
  if (el.ownerDocument.__scribeObservation !== observationId) {
    return { state: 'stale' };
  }
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
