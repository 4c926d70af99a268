// 政策工作台: the console's only script (no inline script or handler: the Content-Security-Policy forbids them).
'use strict';
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  // An action that cannot be undone (deleting a subscription) asks first.
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      if (!window.confirm(form.dataset.confirm)) e.preventDefault();
    });
  });

  // Long jobs (scenario run, back-test, approval): a progress bar while the server works.
  document.querySelectorAll('form[data-progress]').forEach(function (form) {
    form.addEventListener('submit', function () {
      const bar = document.getElementById(form.dataset.progress);
      if (bar) { bar.classList.remove('hidden'); bar.removeAttribute('hidden'); }
      form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    });
  });

  // The approval page opens with the diff and starts its scenario run and back-test at once (through its form, so
  // the progress bar shows); their results come back as the same page.
  document.querySelectorAll('form[data-autostart]').forEach(function (form) { form.requestSubmit(); });

  // A special review running in the background: its progress bar follows the server's count, and the page reloads
  // with the summary once the review is done (or has failed).
  const poll = document.querySelector('progress[data-poll]');
  if (poll) {
    const status = document.getElementById('review-status');
    const count = document.getElementById('review-count');
    const tick = function () {
      fetch(poll.dataset.poll, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (p) {
          poll.max = Math.max(1, p.total);
          poll.value = p.done;
          count.textContent = p.done + ' / ' + p.total;
          status.textContent = p.status;
          if (p.status === 'DONE' || p.status === 'FAILED') location.reload();
          else setTimeout(tick, 1000);
        })
        .catch(function () { setTimeout(tick, 3000); });
    };
    setTimeout(tick, 500);
  }

  // The decision-table grid: arrow keys and Enter move between data cells; each edit is checked by the server as
  // the officer types (type, catalog code, statutory floors), and a refused value is marked at its cell.
  const grid = document.querySelector('form[data-validate]');
  if (!grid) return;
  const inputs = Array.from(grid.querySelectorAll('input.cell'));
  const byCell = new Map(inputs.map(function (i) { return [i.dataset.cell, i]; }));
  const summary = document.getElementById('grid-problems');
  const status = document.getElementById('grid-status');
  let timer = null;
  let sequence = 0;

  function move(input, dRow, dCol) {
    const row = Number(input.dataset.row) + dRow;
    const col = Number(input.dataset.col) + dCol;
    const next = inputs.find(function (i) { return Number(i.dataset.row) === row && Number(i.dataset.col) === col; })
      || (dRow !== 0 ? inputs.filter(function (i) { return Number(i.dataset.col) === col && (dRow > 0 ? Number(i.dataset.row) > row : Number(i.dataset.row) < row); })
        .sort(function (a, b) { return dRow > 0 ? a.dataset.row - b.dataset.row : b.dataset.row - a.dataset.row; })[0] : null);
    if (next) { next.focus(); next.select(); }
  }

  inputs.forEach(function (input) {
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' || e.key === 'Enter') { e.preventDefault(); move(input, 1, 0); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); move(input, -1, 0); }
      else if (e.key === 'ArrowRight' && input.selectionStart === input.value.length) { move(input, 0, 1); }
      else if (e.key === 'ArrowLeft' && input.selectionStart === 0) { move(input, 0, -1); }
    });
    input.addEventListener('input', function () {
      input.classList.toggle('changed', input.value !== input.defaultValue);
      clearTimeout(timer);
      timer = setTimeout(validate, 250);
    });
  });

  function show(problems) {
    inputs.forEach(function (i) {
      i.removeAttribute('aria-invalid');
      const err = document.getElementById('err-' + i.dataset.cell);
      if (err) err.textContent = '';
    });
    summary.innerHTML = '';
    problems.forEach(function (p) {
      const input = p.cell ? byCell.get(p.cell) : null;
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        const err = document.getElementById('err-' + p.cell);
        if (err) err.textContent = p.message;
      }
      const li = document.createElement('li');
      if (p.cell) {
        const a = document.createElement('a');
        a.href = '#cell-' + p.cell;
        a.textContent = p.sheet + '!' + p.cell;
        li.appendChild(a);
        li.appendChild(document.createTextNode('：' + p.message));
      } else {
        li.textContent = p.message;
      }
      summary.appendChild(li);
    });
    status.textContent = problems.length ? ('有 ' + problems.length + ' 处取值不符合要求，请修正后再保存。') : '所有修改均通过校验。';
    status.className = problems.length ? 'error' : 'ok';
    grid.querySelectorAll('button[name="save"]').forEach(function (b) { b.disabled = problems.length > 0; });
  }

  function validate() {
    const mine = ++sequence;
    const body = new URLSearchParams(new FormData(grid));
    fetch(grid.dataset.validate, { method: 'POST', body: body, credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf, 'Accept': 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (answer) { if (mine === sequence) show(answer.problems || []); })
      .catch(function () { status.textContent = '无法连接服务器校验，保存时将再次校验。'; status.className = 'error'; });
  }

  // A link to a cell (from the simulator's findings, or from a problem) focuses it: a data cell to edit, or the
  // locked cell of its row (a rule id), so that the row is in view and the keyboard starts there.
  function focusHash() {
    const m = /^#cell-([A-Z]+[0-9]+)$/.exec(location.hash);
    if (!m) return;
    const input = byCell.get(m[1]);
    const target = input || document.getElementById('cell-' + m[1]);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focus();
    if (input) input.select();
  }
  window.addEventListener('hashchange', focusHash);
  focusHash();
})();
