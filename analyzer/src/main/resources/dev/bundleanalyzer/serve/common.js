'use strict';
// Helpers of both pages. Every text from the server is put into the page as text, never as markup.

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of [].concat(children === undefined ? [] : children)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function formatBytes(n) {
  if (n < 1024) return n + ' B';
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return v.toFixed(v < 10 ? 1 : 0) + ' ' + units[u];
}

/** 2026-10-21 21:02Z: the reports' own way of writing a time. */
function formatTime(iso) {
  if (!iso) return '\u2014';
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z');
}

function severityBadge(severity) {
  return severity ? el('span', {class: 'sev sev-' + severity}, severity) : el('span', {class: 'sev sev-none'}, 'none');
}

/** GET a JSON document of the API; rejects with the server's own sentence when it answers an error. */
async function getJson(url) {
  const response = await fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error || ('the server answered ' + response.status));
    error.body = body;
    throw error;
  }
  return body;
}
