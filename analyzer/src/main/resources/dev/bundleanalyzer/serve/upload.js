'use strict';
// The bundles page: uploads one file at a time with its progress, and lists every bundle, refreshed while
// some are still waiting or being analyzed.

const uploads = document.getElementById('uploads');
const drop = document.getElementById('drop');
const input = document.getElementById('files');
const tbody = document.querySelector('#bundles tbody');
let maxUploadBytes = null;
let pending = Promise.resolve();
let refreshTimer = null;

getJson('/api/info').then(info => {
  maxUploadBytes = info.maxUploadBytes;
  document.getElementById('limit').textContent = 'Up to ' + formatBytes(maxUploadBytes) + ' per bundle.';
}).catch(() => {});

input.addEventListener('change', () => {
  addFiles(input.files);
  input.value = '';
});
for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, event => {
    event.preventDefault();
    drop.classList.add('over');
  });
}
for (const type of ['dragleave', 'drop']) {
  drop.addEventListener(type, () => drop.classList.remove('over'));
}
drop.addEventListener('drop', event => {
  event.preventDefault();
  addFiles(event.dataTransfer.files);
});

function addFiles(files) {
  for (const file of Array.from(files)) {
    const progress = el('progress', {max: '100', value: '0'});
    const state = el('span', {class: 'state'}, 'waiting');
    const item = el('li', {class: 'upload'}, [el('span', {class: 'name'}, file.name),
      el('span', {class: 'size'}, formatBytes(file.size)), progress, state]);
    uploads.prepend(item);
    if (maxUploadBytes !== null && file.size > maxUploadBytes) {
      state.textContent = 'too large: the limit is ' + formatBytes(maxUploadBytes);
      item.classList.add('failed');
      continue;
    }
    pending = pending.then(() => upload(file, progress, state, item));
  }
}

function upload(file, progress, state, item) {
  return new Promise(resolve => {
    const form = new FormData();
    form.append('bundle', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/bundles');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', event => {
      if (event.lengthComputable) {
        progress.value = Math.floor(100 * event.loaded / event.total);
        state.textContent = 'uploading ' + formatBytes(event.loaded) + ' of ' + formatBytes(event.total);
      }
    });
    xhr.upload.addEventListener('load', () => { state.textContent = 'checking'; });
    xhr.addEventListener('load', () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* an answer without JSON */ }
      if (xhr.status === 202) {
        progress.value = 100;
        state.textContent = 'uploaded: ' + body.status;
        item.classList.add('done');
        item.dataset.id = body.id;
      } else {
        state.textContent = 'refused: ' + (body.error || ('the server answered ' + xhr.status));
        item.classList.add('failed');
      }
      refresh();
      resolve();
    });
    xhr.addEventListener('error', () => {
      state.textContent = 'the upload was cut off';
      item.classList.add('failed');
      resolve();
    });
    xhr.send(form);
  });
}

function render(bundles) {
  document.getElementById('bundle-count').textContent = bundles.length;
  document.getElementById('no-bundles').hidden = bundles.length > 0;
  tbody.replaceChildren(...bundles.map(b => {
    const status = el('td', {class: 'status status-' + b.status}, b.status);
    if (b.reason) status.append(el('div', {class: 'reason'}, b.reason));
    const findings = el('ul', {class: 'top'}, b.findings.map(f =>
        el('li', {}, [severityBadge(f.severity), ' ', el('span', {class: 'rule'}, f.rule), ' ', f.title])));
    if (b.findingCount > b.findings.length) {
      findings.append(el('li', {class: 'more'}, '+' + (b.findingCount - b.findings.length) + ' more'));
    }
    const links = b.links.report ? [el('a', {href: b.links.report, class: 'report'}, 'report'), ' ',
      el('a', {href: b.links.json}, 'JSON'), ' ', el('a', {href: b.links.summary}, 'Markdown')] : [];
    return el('tr', {'data-id': b.id}, [
      el('td', {}, [el('div', {class: 'name'}, b.name), el('div', {class: 'size'}, formatBytes(b.size))]),
      el('td', {}, b.host || '\u2014'),
      el('td', {}, formatTime(b.received)),
      status,
      el('td', {}, b.status === 'done' ? severityBadge(b.worst) : '\u2014'),
      el('td', {}, findings),
      el('td', {class: 'links'}, links)]);
  }));
  return bundles.some(b => b.status === 'queued' || b.status === 'running');
}

async function refresh() {
  clearTimeout(refreshTimer);
  let busy = true;
  try {
    busy = render(await getJson('/api/bundles'));
  } catch (e) {
    document.getElementById('no-bundles').hidden = false;
    document.getElementById('no-bundles').textContent = 'Cannot list the bundles: ' + e.message;
  }
  refreshTimer = setTimeout(refresh, busy ? 1500 : 10000);
}

refresh();
