'use strict';
// The search page: the query goes to /api/search; each hit links to its report, at the finding whose
// evidence it is when it is one. The query is kept in the address so a search can be pasted.

const form = document.getElementById('search');
const problem = document.getElementById('problem');
const summary = document.getElementById('summary');
const table = document.getElementById('results');

form.addEventListener('submit', event => {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const name of ['q', 'since', 'until']) {
    const value = document.getElementById(name).value.trim();
    if (value) params.set(name, value);
  }
  history.replaceState(null, '', '/search?' + params);
  run(params);
});

async function run(params) {
  problem.hidden = true;
  summary.hidden = true;
  let answer;
  try {
    answer = await getJson('/api/search?' + params);
  } catch (e) {
    problem.textContent = e.message;
    problem.hidden = false;
    table.hidden = true;
    return;
  }
  summary.textContent = answer.total + ' match(es) in ' + answer.reports + ' report(s)'
      + (answer.shown < answer.total ? ', the first ' + answer.shown + ' by time' : '')
      + (answer.skipped.length ? '; not searched: ' + answer.skipped.join('; ') : '');
  summary.hidden = false;
  table.tBodies[0].replaceChildren(...answer.results.map(hit => {
    const where = hit.file + (hit.record !== null ? ' record ' + hit.record : hit.line > 0 ? ':' + hit.line : '');
    const place = hit.links.evidence ? el('a', {href: hit.links.evidence, class: 'evidence'}, where)
        : hit.links.report ? el('a', {href: hit.links.report}, where) : where;
    const text = hit.factKey ? hit.factKey + ' = ' + hit.factValue : hit.message;
    return el('tr', {}, [el('td', {class: 'time'}, formatTime(hit.time)), el('td', {}, hit.host || '\u2014'),
      el('td', {}, hit.bundle), el('td', {class: 'mono'}, place), el('td', {}, hit.level || ''),
      el('td', {class: 'mono message'}, text)]);
  }));
  table.hidden = answer.results.length === 0;
}

const initial = new URLSearchParams(location.search);
for (const name of ['q', 'since', 'until']) {
  if (initial.has(name)) document.getElementById(name).value = initial.get(name);
}
if (initial.has('q')) run(initial);
