// Writes what was clicked (action and row) to #log, one line per click, so a test can read which element the
// browser really acted on.
document.addEventListener('click', (event) => {
  const target = event.target.closest('[data-act]');
  if (!target) {
    return;
  }
  const row = target.closest('tr');
  const log = document.getElementById('log');
  log.textContent += `${target.getAttribute('data-act')} ${row ? row.getAttribute('data-row') : '-'}\n`;
});
