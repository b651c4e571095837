// Small DOM helpers: elements, tables, bar charts, a retention heat map and CSV download.

/** An element with attributes (null values skipped) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes || {})) {
    if (v != null) node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c == null) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function fmt(x) {
  if (x == null || Number.isNaN(x)) return '—';
  if (typeof x !== 'number') return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en');
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

export function pct(x) {
  return x == null || Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`;
}

export function table(header, rows) {
  const t = el('table');
  t.append(el('thead', {}, el('tr', {}, ...header.map((h) => el('th', {}, h)))));
  const body = el('tbody');
  for (const row of rows) {
    body.append(el('tr', {}, ...row.map((v) => el('td', { class: typeof v === 'number' ? 'num' : null },
      typeof v === 'number' ? fmt(v) : v))));
  }
  t.append(body);
  return t;
}

/** Horizontal bars, one per [label, value]. */
export function bars(items, format) {
  const max = Math.max(1e-12, ...items.map(([, v]) => v));
  return table(['', ''], items.map(([label, v]) => [label, el('span', {},
    el('span', { class: 'bar', style: `width:${Math.max(1, 200 * v / max)}px` }), ' ', format(v))]));
}

/** Rows of [cohort, size, retention[]]: each retention cell shaded by its value. */
export function heatmap(rows) {
  const width = Math.max(0, ...rows.map(([, , r]) => r.length));
  const t = table(['cohort', 'size', ...Array.from({ length: width }, (_, i) => `+${i}`)], []);
  t.classList.add('heat');
  const body = t.querySelector('tbody');
  for (const [cohort, size, retention] of rows) {
    body.append(el('tr', {}, el('td', {}, cohort), el('td', { class: 'num' }, fmt(size)),
      ...retention.map((r) => el('td', { class: 'num', style: `background:rgba(78,121,167,${r.toFixed(3)})` },
        `${Math.round(100 * r)}%`))));
  }
  return t;
}

function csvCell(v) {
  const s = v instanceof Node ? v.textContent : v == null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** What is shown, as a CSV file the browser downloads. */
export function downloadCsv(name, header, rows) {
  const text = [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  window.lastCsv = text; // read by the browser test
}
