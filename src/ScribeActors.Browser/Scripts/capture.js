// ScribeActors DOM capture: numbers, marks and serialises the whole document in one evaluation.
//
// Arguments: the observation id, stamped on every captured document so that actions can tell marks of the latest
// observation from older ones; then, optionally, the most characters and the most elements a capture may have.
// Result: { tooLarge: true, chars, count, title } for a page over a limit (measured, neither serialised nor marked:
// nothing of it leaves the page), otherwise { dom, count, title, frames, ready } where frames lists [iframeNode, firstContentNode, lastContentNode] for
// every same-origin iframe whose document was inlined, so an action can build its frame-locator chain without round
// trips, and ready holds one character per node id (ready[N] for node N) describing the elements an action usually
// targets, as the action probe would describe them now: '.' for an element not described (select and option
// elements, and elements that are not interactive by their markup), otherwise 'A' plus the bits visible (1),
// disabled (2), fillable (4) and read-only (8). An action that follows the capture at once can go ahead on this
// instead of probing its target again.
//
// Numbering (ScribeAgent §3.3): every element is listed in document pre-order, including the documentElement.
// The spec's "document root object" is BeautifulSoup's parse root; a live DOM has no element above <html>, so the
// documentElement plays that role here and gets the largest id. Ids are assigned in reverse: last element 0.
// Traversal order: an element, then (for an open shadow host) the shadow root's children, then its light children;
// for a same-origin iframe/frame, the iframe element, then its contentDocument's documentElement subtree.
// Shadow content is inlined directly as children of the host, before the light children (no <template> wrapper, so
// no extra element needs an id). Template contents (inert), comments, the doctype and closed shadow roots are not
// captured. Form state is written as it is now: value="…" for inputs (not passwords or files) and textareas,
// checked for checkboxes/radios, selected for options. A password field's value is never written, neither the live one
// nor a value attribute of its markup.
// Visibility: the topmost element of content that is not rendered (computed display: none: a closed dialog, [hidden],
// a row a filter hid, a hidden input) carries data-scribe-hidden="", written just before node (its descendants are
// hidden with it and carry nothing); elements that are never rendered by nature (head, script, style, ...) are not marked. A page's own
// data-scribe-hidden attributes are not written, so a page cannot hide content from the model with them.
(observationId, maxChars, maxElements) => {
  const MARK = 'data-scribe-node';
  const HIDDEN = 'data-scribe-hidden';
  const NEVER_RENDERED = new Set(['head', 'script', 'style', 'title', 'meta', 'link', 'base', 'template', 'noscript']);
  const HTML_NS = 'http://www.w3.org/1999/xhtml';
  const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param',
    'source', 'track', 'wbr', 'keygen']);
  const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript']);
  const NO_VALUE_TYPES = new Set(['checkbox', 'radio', 'password', 'file', 'button', 'submit', 'reset', 'image']);
  // Must match the probe's rules (probe.js).
  const FILL_TYPES = new Set(['', 'text', 'email', 'number', 'password', 'search', 'tel', 'url', 'color', 'date',
    'time', 'datetime-local', 'month', 'range', 'week']);
  const INTERACTIVE = new Set(['a', 'button', 'input', 'textarea', 'label', 'summary']);

  const parts = [];
  const elements = [];
  const idSlots = [];
  const frames = [];

  const escText = (s) => /[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;
  const escAttr = (s) => /[&<>"]/.test(s)
    ? s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    : s;

  const stamp = (doc) => { doc.__scribeObservation = observationId; };

  const walkChildren = (parent, rawText) => {
    for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 1) {
        walkElement(child);
      } else if (child.nodeType === 3) {
        parts.push(rawText ? child.data : escText(child.data));
      }
    }
  };

  const walkElement = (el) => {
    const index = elements.length;
    elements.push(el);
    const name = el.localName;
    const isHtml = el.namespaceURI === HTML_NS;

    // Live form state overrides the markup's defaults.
    let value;
    let checked;
    let selected;
    let secretValue = false;
    if (isHtml) {
      if (name === 'input') {
        const type = (el.type || 'text').toLowerCase();
        secretValue = type === 'password';
        if (type === 'checkbox' || type === 'radio') {
          checked = el.checked;
        } else if (!NO_VALUE_TYPES.has(type)) {
          value = el.value;
        }
      } else if (name === 'textarea') {
        value = el.value;
      } else if (name === 'option') {
        selected = el.selected;
      }
    }

    parts.push('<', name);
    const attrs = el.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const attr = attrs[i];
      const attrName = attr.name;
      if (attrName === MARK || attrName === HIDDEN || (secretValue && attrName === 'value')) {
        continue;
      }
      if (attrName === 'value' && value !== undefined) {
        parts.push(' value="', escAttr(value), '"');
        value = undefined;
        continue;
      }
      if (attrName === 'checked' && checked !== undefined) {
        if (checked) {
          parts.push(' checked=""');
        }
        checked = undefined;
        continue;
      }
      if (attrName === 'selected' && selected !== undefined) {
        if (selected) {
          parts.push(' selected=""');
        }
        selected = undefined;
        continue;
      }
      parts.push(' ', attrName, '="', escAttr(attr.value), '"');
    }
    if (value !== undefined) {
      parts.push(' value="', escAttr(value), '"');
    }
    if (checked === true) {
      parts.push(' checked=""');
    }
    if (selected === true) {
      parts.push(' selected=""');
    }
    // Slots filled once every element is numbered: the hidden mark (before node, so that node="N"> still ends the tag)
    // at idSlots[i] - 2, the id at idSlots[i].
    parts.push('', ' node="');
    idSlots.push(parts.length);
    parts.push('', '">');

    if (isHtml && VOID.has(name)) {
      return;
    }

    if (el.shadowRoot) {
      walkChildren(el.shadowRoot, false);
    }

    if (isHtml && (name === 'iframe' || name === 'frame')) {
      let doc = null;
      try {
        doc = el.contentDocument;
      } catch {
        doc = null;
      }
      if (doc && doc.documentElement) {
        stamp(doc);
        const first = elements.length;
        walkElement(doc.documentElement);
        frames.push([index, first, elements.length]);
      }
    }

    if (!(isHtml && name === 'template')) {
      walkChildren(el, isHtml && RAW_TEXT.has(name));
    }
    parts.push('</', name, '>');
  };

  stamp(document);
  if (document.documentElement) {
    walkElement(document.documentElement);
  }

  // Size as it would be serialised: the parts, and the ids 0 .. count-1 that fill the id slots.
  if (maxChars !== undefined || maxElements !== undefined) {
    let chars = 0;
    for (let i = 0; i < parts.length; i++) {
      chars += parts[i].length;
    }
    for (let low = 0, high = 10, digits = 1; low < elements.length; low = high, high *= 10, digits++) {
      chars += (Math.min(elements.length, high) - low) * digits;
    }
    if ((maxChars !== undefined && chars > maxChars) || (maxElements !== undefined && elements.length > maxElements)) {
      return { tooLarge: true, chars, count: elements.length, title: document.title };
    }
  }

  // Layout is read only after every mark is set, so it is computed once.
  const describe = (el) => {
    const name = el.localName;
    if (!(INTERACTIVE.has(name) || el.hasAttribute('role') || el.hasAttribute('onclick') || el.hasAttribute('tabindex')
      || el.isContentEditable) || name === 'select' || name === 'option' || typeof el.checkVisibility !== 'function') {
      return '.';
    }
    const rect = el.getBoundingClientRect();
    const visible = rect.width > 0 && rect.height > 0 && el.checkVisibility({ visibilityProperty: true });
    const disabled = el.matches(':disabled') || el.getAttribute('aria-disabled') === 'true';
    const type = name === 'input' ? (el.getAttribute('type') || '').toLowerCase() : '';
    const fillable = el.isContentEditable || name === 'textarea' || (name === 'input' && FILL_TYPES.has(type));
    const readOnly = (name === 'input' || name === 'textarea') && el.readOnly;
    return String.fromCharCode(65 + (visible ? 1 : 0) + (disabled ? 2 : 0) + (fillable ? 4 : 0) + (readOnly ? 8 : 0));
  };

  // Not rendered: no box and computed display none (a display: contents wrapper has no box but shows its children).
  const hidden = new Set();
  const hiddenTop = (el) => {
    const up = el.parentElement || (el.parentNode && el.parentNode.host) || null;
    if (up !== null && hidden.has(up)) {
      hidden.add(el);
      return false;
    }
    if (NEVER_RENDERED.has(el.localName) || typeof el.checkVisibility !== 'function' || el.checkVisibility()) {
      return false;
    }
    const view = el.ownerDocument.defaultView;
    if (view === null || view.getComputedStyle(el).display !== 'none') {
      return false;
    }
    hidden.add(el);
    return true;
  };

  const count = elements.length;
  for (let i = 0; i < count; i++) {
    const id = String(count - 1 - i);
    parts[idSlots[i]] = id;
    if (hiddenTop(elements[i])) {
      parts[idSlots[i] - 2] = ' ' + HIDDEN + '=""';
    }
    const el = elements[i];
    if (el.getAttribute(MARK) !== id) {
      el.setAttribute(MARK, id);
    }
  }
  const ready = new Array(count);
  for (let i = 0; i < count; i++) {
    ready[count - 1 - i] = describe(elements[i]);
  }

  // Kept for the action probe: node id N is elements[count - 1 - N] (replaced by the next capture).
  document.__scribeNodes = elements;

  return {
    dom: parts.join(''),
    count,
    title: document.title,
    frames: frames.map(([iframe, first, end]) => [count - 1 - iframe, count - end, count - 1 - first]),
    ready: ready.join(''),
  };
}
