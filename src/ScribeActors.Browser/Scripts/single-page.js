// ScribeActors init script: keeps a session on its one page. A link, area or form with target="_blank" loads in the
// top frame instead of a new tab (the attribute is restored right after the click), and window.open navigates the
// top frame. Navigations then stay under the session's allow-list and Playwright's navigation tracking.
(() => {
  const retarget = (event) => {
    const path = typeof event.composedPath === 'function' ? event.composedPath() : [event.target];
    for (const node of path) {
      if (!node || node.nodeType !== 1) {
        continue;
      }
      const name = node.localName;
      if (name === 'a' || name === 'area' || name === 'form') {
        const target = node.getAttribute('target');
        if (target !== null && target.toLowerCase() === '_blank') {
          node.setAttribute('target', '_top');
          setTimeout(() => node.setAttribute('target', target), 0);
        }
        return;
      }
    }
  };
  document.addEventListener('click', retarget, true);
  document.addEventListener('submit', retarget, true);
  window.open = function (url) {
    if (url !== undefined && url !== null && String(url) !== '') {
      window.top.location.href = new URL(String(url), document.baseURI).href;
    }
    return null;
  };
})();
