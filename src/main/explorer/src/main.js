// LearnerGraph explorer: one page over the documented API. The view is the URL (#view=...&...),
// the API key lives in sessionStorage (this tab only), never in the URL or a cookie.
import { GraphView, ramp, category } from './graph.js';
import { table, bars, heatmap, downloadCsv, el, fmt, pct } from './ui.js';

const KEY = 'learnergraph.key';
const $ = (selector) => document.querySelector(selector);
// the API leaves empty lists out of its answers: read a list field as [] when it is absent
const arr = (list) => list || [];
let session = null;
let graphView = null;

// ------------------------------------------------------------------ state in the URL

function state() {
  return new URLSearchParams(location.hash.slice(1));
}

function go(params) {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') next.set(k, v);
  location.hash = next.toString();
}

function setParams(changes) {
  const s = Object.fromEntries(state());
  go({ ...s, ...changes });
}

// ------------------------------------------------------------------ API

async function api(path, options = {}) {
  const headers = { 'X-API-Key': sessionStorage.getItem(KEY) || '' };
  if (options.body) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { ...options, headers });
  const text = await res.text();
  const json = (res.headers.get('content-type') || '').includes('json');
  const body = text && json ? JSON.parse(text) : text;
  if (!res.ok) {
    const error = new Error(body && body.detail ? body.detail : `${res.status} ${res.statusText}`);
    error.status = res.status;
    if (res.status === 401) logout('The key was refused: ' + error.message);
    throw error;
  }
  return body;
}

function can(role) {
  return session && session.grants.includes(role);
}

function status(text) {
  $('#status').textContent = text || '';
}

// ------------------------------------------------------------------ login

function logout(message) {
  sessionStorage.removeItem(KEY);
  session = null;
  $('#app').hidden = true;
  $('#login').hidden = false;
  $('#logout').hidden = true;
  $('#who').textContent = '';
  $('#login-error').textContent = message || '';
}

async function login() {
  try {
    session = await api('/api/session');
  } catch (e) {
    if (e.status !== 401) logout('Could not open the session: ' + e.message);
    return;
  }
  $('#login').hidden = true;
  $('#app').hidden = false;
  $('#logout').hidden = false;
  $('#who').textContent = `key role: ${session.role}`;
  document.querySelectorAll('[data-needs]').forEach((a) => { a.hidden = !can(a.dataset.needs); });
  render();
}

$('#login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $('#key').value.trim());
  $('#key').value = '';
  login();
});
$('#logout').addEventListener('click', () => logout(''));
window.addEventListener('hashchange', () => session && render());

// ------------------------------------------------------------------ layout

function layout({ graph = false, content = false, panel = false }) {
  if (graphView) {
    graphView.kill();
    graphView = null;
  }
  $('#graph').innerHTML = '';
  $('#graph').hidden = !graph;
  $('#content').hidden = !content;
  $('#panel').hidden = !panel;
  $('#content').innerHTML = '';
  $('#panel').innerHTML = '';
  $('#toolbar').innerHTML = '';
}

function newGraph(onClickNode) {
  graphView = new GraphView($('#graph'), { onClickNode });
  return graphView;
}

function select(name, options, value, onChange, label) {
  const s = el('select', { name, 'aria-label': label || name });
  for (const [v, text] of options) s.append(el('option', { value: v, selected: v === value ? '' : null }, text));
  s.addEventListener('change', () => onChange(s.value));
  return label ? el('label', {}, label + ' ', s) : s;
}

function input(name, value, onChange, attributes = {}) {
  const i = el('input', { name, value: value || '', 'aria-label': name, ...attributes });
  i.addEventListener('change', () => onChange(i.value));
  return i;
}

// one render at a time: a newer one waits for the older, whose drawing it then replaces (two
// interleaved renders would put two renderers on one container)
let rendering = Promise.resolve();

function render() {
  rendering = rendering.then(renderNow, renderNow);
  return rendering;
}

async function renderNow() {
  const s = state();
  const view = s.get('view') || 'overview';
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === view));
  status('');
  try {
    switch (view) {
      case 'community': await community(s); break;
      case 'explore': await explore(s); break;
      case 'user': await user(s); break;
      case 'growth': await growth(s); break;
      case 'analysts': await analysts(s); break;
      default: await overview(s);
    }
  } catch (e) {
    status('Error: ' + e.message);
  }
}

// ------------------------------------------------------------------ overview

const COMMUNITY_MEASURES = [['churnedShare', 'churned share'], ['engagement', 'engagement'],
  ['growth', 'growth (joined in window)'], ['tier', 'dominant tier']];

function measureColour(nodes, measure) {
  if (measure === 'tier') {
    return (n) => category(Object.entries(n.tierMix || {}).sort((a, b) => b[1] - a[1])[0]?.[0]);
  }
  const values = nodes.map((n) => n[measure]);
  const lo = Math.min(...values), hi = Math.max(...values);
  return (n) => ramp(hi > lo ? (n[measure] - lo) / (hi - lo) : 0.5);
}

async function overview(s) {
  layout({ graph: true, panel: true });
  const measure = s.get('color') || 'churnedShare';
  $('#toolbar').append(select('color', COMMUNITY_MEASURES, measure, (v) => setParams({ color: v }), 'Colour by'),
    el('span', { class: 'muted' }, 'Communities of the default clustering; click one to open it.'));
  const data = await api('/api/explore/communities');
  const g = newGraph((key, attributes) => {
    if (attributes.community == null) {
      status(`The ${data.smallCommunities} communities below ${data.floor} members are one node and are not opened `
        + '(privacy floor).');
    } else {
      go({ view: 'community', id: attributes.community, color: 'pagerank' });
    }
  });
  const colour = measureColour(arr(data.nodes), measure);
  const biggest = Math.max(1, ...arr(data.nodes).map((n) => n.size));
  for (const n of arr(data.nodes)) {
    g.addNode(n.key, {
      label: n.community == null ? `small communities (${n.size})` : `#${n.community} (${n.size})`,
      size: 4 + 20 * Math.sqrt(n.size / biggest), color: colour(n), community: n.community,
    });
  }
  const heaviest = Math.max(1, ...arr(data.edges).map((e) => e.weight));
  for (const e of arr(data.edges)) g.addEdge(e.source, e.target, { size: 0.5 + 4 * e.weight / heaviest, type: 'line' });
  g.layout(200);
  // from navigation start: page, bundle, session, the API's answer, layout and the first frame
  document.body.dataset.overviewMs = String(Math.round(performance.now()));
  document.body.dataset.overviewNodes = String(arr(data.nodes).length);
  $('#panel').append(el('h3', {}, `${arr(data.nodes).length} nodes`),
    el('p', { class: 'muted' }, `${data.algorithm}, as of ${data.asOf || 'the data'}; engagement and growth over `
      + `${data.windowDays} days; communities under ${data.floor} members are counted together.`),
    table(['community', 'members', 'churned', 'engagement', 'growth', 'top topics'], arr(data.nodes).map((n) => [
      n.community == null ? 'small' : el('a', { href: `#view=community&id=${n.community}` }, `#${n.community}`),
      n.size, pct(n.churnedShare), fmt(n.engagement), pct(n.growth), arr(n.topTopics).join(', ')])));
}

// ------------------------------------------------------------------ one community

const USER_STYLES = [['community', 'community'], ['pagerank', 'PageRank'], ['churn', 'churn risk'], ['tier', 'tier']];

function userColour(nodes, style) {
  if (style === 'tier') return (n) => category(n.tier);
  if (style === 'community') return (n) => category(n.community ?? (n.kind !== 'user' ? n.kind : null));
  if (style === 'churn') return (n) => (n.kind === 'user' ? ramp(n.churnRisk) : category(n.kind));
  const ranks = nodes.filter((n) => n.pagerank != null).map((n) => n.pagerank);
  const hi = Math.max(...ranks, 1e-12);
  return (n) => (n.pagerank == null ? category(n.kind) : ramp(Math.sqrt(n.pagerank / hi)));
}

function nodeAttributes(n, colour) {
  return { label: n.label || n.id, color: colour(n), size: n.kind === 'user' ? 4 + 8 * Math.sqrt(n.pagerank || 0) * 30 : 7,
    data: n, kind: n.kind };
}

async function community(s) {
  layout({ graph: true, panel: true });
  const id = s.get('id');
  const style = s.get('color') || 'pagerank';
  const limit = s.get('limit') || '200';
  $('#toolbar').append(el('a', { href: '#view=overview' }, '← all communities'),
    select('color', USER_STYLES, style, (v) => setParams({ color: v }), 'Colour by'),
    el('label', {}, 'members drawn ', input('limit', limit, (v) => setParams({ limit: v }), { type: 'number', min: 1,
      max: 2000, style: 'width:5rem' })));
  const [graph, detail] = await Promise.all([api(`/api/explore/communities/${encodeURIComponent(id)}?limit=${encodeURIComponent(limit)}`),
    api(`/api/communities/${encodeURIComponent(id)}?limit=10`)]);
  const g = newGraph((key, a) => setParams({ user: a.data.id }));
  const colour = userColour(arr(graph.nodes), style);
  arr(graph.nodes).forEach((n) => g.addNode(n.key, nodeAttributes(n, colour)));
  arr(graph.edges).forEach((e) => g.addEdge(e.source, e.target, { type: 'line' }));
  g.layout(150);
  const p = detail.profile;
  const panel = $('#panel');
  panel.append(el('h3', {}, `Community #${id}`),
    el('p', {}, `${graph.members} members; ${arr(graph.nodes).length} of highest PageRank drawn (cap ${graph.limit}).`),
    el('p', {}, 'Churned share ', el('b', {}, pct(p.churnedShare)), ', density ', fmt(p.density)),
    el('h4', {}, 'Top topics'), el('div', {}, ...arr(p.topTopics).map((t) => el('span', { class: 'pill' }, t.name))),
    el('h4', {}, 'Influencers'), table(['user', 'score'], arr(p.topInfluencers).map((u) => [
      el('a', { href: `#view=user&id=${encodeURIComponent(u.userId)}` }, u.name || u.userId), fmt(u.score)])),
    el('h4', {}, 'Tier mix'), bars(Object.entries(p.tierMix || {}).map(([k, v]) => [k, v]), pct));
  const selected = s.get('user');
  if (selected) {
    const key = `user:${selected}`;
    g.highlight(g.graph.hasNode(key) ? [key, ...g.graph.neighbors(key)] : []);
    panel.prepend(await userCard(selected));
  }
  const [engagement, funnel] = await Promise.allSettled([api('/api/engagement?groupBy=community'),
    api('/api/funnels?groupBy=community&limit=1000')]);
  if (engagement.status === 'fulfilled') {
    const row = arr(engagement.value.groups).find((x) => x.key === String(id));
    if (row) panel.append(el('h4', {}, 'Engagement'), el('p', {}, `mean ${fmt(row.mean)}, median ${fmt(row.median)}, `
      + `${row.activeUsers} of ${row.users} active in ${engagement.value.windowDays} days`));
  }
  if (funnel.status === 'fulfilled') {
    const row = arr(funnel.value.groups).find((x) => x.key === String(id));
    if (row) panel.append(el('h4', {}, 'Funnel'), bars(arr(funnel.value.steps).map((st, i) => [st, row.counts[i]]), String));
  }
  if (can('viewer')) {
    try {
      const risk = await api(`/api/churn/risk?community=${encodeURIComponent(id)}&limit=5`);
      panel.append(el('h4', {}, 'Most at risk'), table(['user', 'risk'], arr(risk.items).map((r) => [
        el('a', { href: `#view=user&id=${encodeURIComponent(r.userId)}` }, r.name || r.userId), pct(r.risk)])));
    } catch (e) {
      panel.append(el('p', { class: 'muted' }, 'Churn risk: ' + e.message));
    }
  }
}

/** A short card for one user, with links to inspect and expand. */
async function userCard(id) {
  const u = await api(`/api/users/${encodeURIComponent(id)}`);
  return el('div', { class: 'card', 'data-user': id },
    el('h3', {}, u.name || u.userId), el('p', {}, `${u.userId} · tier ${u.tier} · community ${u.communityId}`),
    el('p', {}, `PageRank ${fmt(u.scores.pagerank)} · last active ${u.lastActiveAt || 'never'}`),
    el('p', {}, el('a', { href: `#view=user&id=${encodeURIComponent(id)}` }, 'Inspect'), ' · ',
      el('a', { href: `#view=explore&node=${encodeURIComponent('user:' + id)}` }, 'Expand neighbours')));
}

// ------------------------------------------------------------------ search and expand

function applyFilters(g, s) {
  const tier = s.get('tier');
  const minRisk = s.get('minRisk') ? Number(s.get('minRisk')) : null;
  const activeDays = s.get('activeDays') ? Number(s.get('activeDays')) : null;
  const communityFilter = s.get('community');
  const latest = Math.max(0, ...g.graph.mapNodes((k, a) => (a.data?.lastActiveAt ? Date.parse(a.data.lastActiveAt) : 0)));
  g.graph.forEachNode((key, a) => {
    const n = a.data || {};
    let hide = false;
    if (n.kind === 'user') {
      if (tier && n.tier !== tier) hide = true;
      if (minRisk != null && !(n.churnRisk >= minRisk)) hide = true;
      if (communityFilter && String(n.community) !== communityFilter) hide = true;
      if (activeDays != null && !(n.lastActiveAt && latest - Date.parse(n.lastActiveAt) <= activeDays * 864e5)) hide = true;
    }
    g.graph.setNodeAttribute(key, 'hiddenByFilter', hide && key !== state().get('node'));
  });
  g.refresh();
}

async function explore(s) {
  layout({ graph: true, panel: true });
  const style = s.get('color') || 'community';
  const asOf = s.get('asOf') || '';
  const limit = s.get('limit') || '300';
  const search = el('input', { name: 'q', placeholder: 'user, course or topic: id or name', style: 'width:18rem',
    'aria-label': 'search users, courses and topics by id or name (Enter)' });
  const results = el('div', { id: 'results' });
  search.addEventListener('keydown', async (e) => {
    if (e.key !== 'Enter' || !search.value.trim()) return;
    const found = await api(`/api/explore/search?q=${encodeURIComponent(search.value)}&limit=10`);
    results.innerHTML = '';
    results.append(...arr(found.hits).map((h) => el('div', {}, el('a', { href: `#view=explore&node=${encodeURIComponent(h.key)}`
      + `&color=${style}` }, `${h.kind} ${h.id}`), ' ', h.label || '')));
    if (!arr(found.hits).length) results.append(el('p', { class: 'muted' }, 'nothing found'));
  });
  let latest = null; // the data's latest event: the first neighbourhood answered says it
  const slider = el('input', { type: 'range', name: 'daysBack', min: 0, max: 365, step: 1, value: 0,
    title: 'replay the graph as of a date' });
  const sliderLabel = el('span', { class: 'muted' }, asOf ? `as of ${asOf}` : 'now');
  slider.addEventListener('input', () => {
    sliderLabel.textContent = Number(slider.value) === 0 || !latest ? 'now'
      : `as of ${new Date(Date.parse(latest) - slider.value * 864e5).toISOString().slice(0, 10)}`;
  });
  slider.addEventListener('change', () => setParams({ asOf: Number(slider.value) === 0 || !latest ? ''
    : new Date(Date.parse(latest) - slider.value * 864e5).toISOString().slice(0, 10) }));
  $('#toolbar').append(search,
    select('color', USER_STYLES, style, (v) => setParams({ color: v }), 'Style'),
    el('label', {}, 'time ', slider, ' ', sliderLabel),
    el('label', {}, 'as of ', input('asOf', asOf, (v) => setParams({ asOf: v }), { type: 'date' })),
    el('label', {}, 'cap ', input('limit', limit, (v) => setParams({ limit: v }), { type: 'number', min: 1, max: 5000,
      style: 'width:5rem' })),
    select('tier', [['', 'any tier'], ['free', 'free'], ['basic', 'basic'], ['premium', 'premium'], ['vip', 'vip']],
      s.get('tier') || '', (v) => setParams({ tier: v }), 'Tier'),
    el('label', {}, 'risk ≥ ', input('minRisk', s.get('minRisk'), (v) => setParams({ minRisk: v }), { type: 'number',
      step: 0.1, min: 0, max: 1, style: 'width:4rem' })),
    el('label', {}, 'active in last days ', input('activeDays', s.get('activeDays'), (v) => setParams({ activeDays: v }),
      { type: 'number', min: 1, style: 'width:4rem' })),
    el('label', {}, 'community ', input('community', s.get('community'), (v) => setParams({ community: v }),
      { type: 'number', min: 0, style: 'width:4rem' })));
  $('#panel').append(results);
  const node = s.get('node');
  if (!node) {
    $('#panel').append(el('p', { class: 'muted' }, 'Search, then pick a result: its neighbours are drawn. Click a node '
      + 'to inspect it and expand its own neighbours.'));
    return;
  }
  const g = newGraph((key) => inspect(g, key, s));
  latest = (await expand(g, node, s, style)).until;
  if (asOf && latest) slider.value = Math.max(0, Math.round((Date.parse(latest) - Date.parse(asOf)) / 864e5));
  g.layout(150);
  applyFilters(g, s);
  await inspect(g, node, s);
}

function splitKey(key) {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}

async function expand(g, key, s, style) {
  const [kind, id] = splitKey(key);
  const params = new URLSearchParams({ limit: s.get('limit') || '300' });
  if (s.get('asOf')) params.set('asOf', s.get('asOf'));
  const r = await api(`/api/explore/${encodeURIComponent(kind)}s/${encodeURIComponent(id)}/neighbourhood?${params}`);
  const colour = userColour([r.centre, ...arr(r.nodes)], style || s.get('color') || 'community');
  g.addNode(r.centre.key, nodeAttributes(r.centre, colour));
  g.graph.setNodeAttribute(r.centre.key, 'more', r.more);
  arr(r.nodes).forEach((n) => g.addNode(n.key, nodeAttributes(n, colour), r.centre.key));
  for (const e of arr(r.edges)) {
    const [source, target] = e.direction === 'backward' ? [e.target, e.source] : [e.source, e.target];
    g.addEdge(source, target, { label: arr(e.types).join(', '), size: Math.min(4, 0.5 + Math.log1p(e.events)),
      type: e.direction === 'both' ? 'line' : 'arrow' });
  }
  document.body.dataset.graphNodes = String(g.graph.order);
  status(`${r.centre.label || r.centre.id}: ${arr(r.nodes).length} of ${r.total} neighbours drawn`
    + (r.more ? ` (${r.more} more)` : '') + (r.asOf ? `, as of ${r.asOf}` : ''));
  return r;
}

async function inspect(g, key, s) {
  const a = g.graph.hasNode(key) ? g.graph.getNodeAttributes(key) : null;
  const panel = $('#panel');
  panel.querySelectorAll('.inspector').forEach((x) => x.remove());
  const box = el('div', { class: 'inspector' });
  panel.prepend(box);
  if (!a) return;
  const n = a.data;
  box.append(el('h3', {}, `${n.kind} ${n.label || n.id}`), el('p', { class: 'muted' }, n.id));
  if (n.kind === 'user') {
    box.append(el('p', {}, `tier ${n.tier ?? '—'} · community ${n.community ?? 'small'} · PageRank ${fmt(n.pagerank)} · `
      + `churn risk ${n.churnRisk == null ? '—' : pct(n.churnRisk)} · last active ${n.lastActiveAt || 'never'}`),
    el('a', { href: `#view=user&id=${encodeURIComponent(n.id)}` }, 'Open inspector'));
  } else if (n.kind === 'course') {
    box.append(el('p', {}, `tier ${n.tier ?? '—'} · ${n.learners} learners`));
  }
  const more = a.more;
  if (more != null) box.append(el('p', {}, more ? `${more} more neighbours not drawn (raise the cap)` : 'all neighbours drawn'));
  const button = el('button', { type: 'button' }, 'Expand neighbours');
  button.addEventListener('click', async () => {
    await expand(g, key, s);
    g.layout(60);
    applyFilters(g, s);
    inspect(g, key, s);
  });
  box.append(button);
}

// ------------------------------------------------------------------ user inspector

async function user(s) {
  layout({ graph: true, panel: true });
  const id = s.get('id') || '';
  $('#toolbar').append(el('label', {}, 'user id ', input('id', id, (v) => setParams({ id: v }))),
    el('label', {}, 'goal topic ', input('topic', s.get('topic'), (v) => setParams({ topic: v }),
      { placeholder: 'topic id' })));
  const panel = $('#panel');
  if (!id) {
    panel.append(el('p', { class: 'muted' }, 'Enter a user id (or open one from a community or a search).'));
    return;
  }
  const g = newGraph(() => {});
  const u = await api(`/api/users/${encodeURIComponent(id)}`);
  panel.append(el('h3', {}, u.name || u.userId), el('p', {}, `${u.userId} · tier ${u.tier} · community ${u.communityId}`
    + ` · joined ${u.joinedAt || '—'} · last active ${u.lastActiveAt || 'never'}`),
  el('h4', {}, 'Centralities'), table(['measure', 'score'], Object.entries(u.scores).map(([k, v]) => [k, fmt(v)])),
  el('h4', {}, 'Interests'), el('div', {}, ...arr(u.profile.topTopics).map((t) => el('span', { class: 'pill' }, t.name))));
  if (u.engagement) {
    panel.append(el('p', {}, `Engagement ${fmt(u.engagement.score)} over ${u.engagement.windowDays} days `
      + `(${u.engagement.visitDays} visit days, ${u.engagement.completions} completions)`));
  }
  const stage = await api(`/api/users/${encodeURIComponent(id)}/lifecycle`).catch(() => null);
  if (stage) {
    panel.append(el('p', { id: 'lifecycle-stage' }, 'Lifecycle stage: ', el('b', {}, stage.stage || 'not joined'),
      ` as of ${stage.asOf} (at risk judged by ${stage.atRiskBy})`));
  }
  try {
    const churn = await api(`/api/users/${encodeURIComponent(id)}/churn`);
    panel.append(el('h4', {}, 'Churn risk'), churn.active
      ? el('div', {}, el('p', {}, el('b', {}, pct(churn.risk)), ` within ${churn.horizonDays} days`),
        table(['factor', 'value', 'contribution'], arr(churn.topFactors).map((f) => [f.label, fmt(f.value), fmt(f.contribution)])))
      : el('p', {}, churn.note));
  } catch (e) {
    panel.append(el('p', { class: 'muted' }, 'Churn risk: ' + e.message));
  }
  if (!can('service')) {
    panel.append(el('p', { class: 'muted' }, 'Recommendations, learning paths, upgrades and win-back need a key with '
      + 'the service role.'));
    drawUser(g, u);
    return;
  }
  const recs = await api(`/api/users/${encodeURIComponent(id)}/recommendations?limit=10`);
  const list = el('div', { id: 'recommendations' });
  panel.append(el('h4', {}, 'Recommendations'), list);
  for (const item of arr(recs.items)) {
    const reasons = arr(item.reasons).map((r) => {
      const p = el('div', { class: 'path', title: 'draw this path' }, r.pathText || r.text);
      p.addEventListener('click', () => drawPath(g, r.path));
      return p;
    });
    list.append(el('div', {}, el('b', {}, item.title || item.courseId), ` ${item.tier} · score ${fmt(item.score)}`
      + (item.requiresUpgrade ? ` · needs ${item.requiresUpgrade}` : ''), ...reasons));
  }
  const first = arr(recs.items).find((i) => arr(i.reasons).length);
  if (first) drawPath(g, arr(first.reasons)[0].path); else drawUser(g, u);
  const [upgrade, winBack] = await Promise.allSettled([api(`/api/users/${encodeURIComponent(id)}/upgrade`),
    api(`/api/users/${encodeURIComponent(id)}/win-back?limit=5`)]);
  if (upgrade.status === 'fulfilled') {
    const up = upgrade.value;
    panel.append(el('h4', {}, 'Upgrade'), el('p', {}, up.suggestedTier ? `suggest ${up.suggestedTier}: ${up.reason}`
      : up.reason || `stays ${up.currentTier}`));
  }
  panel.append(el('h4', {}, 'Win-back'), winBack.status === 'fulfilled'
    ? el('p', {}, `${winBack.value.stage}: ` + arr(winBack.value.candidates.items).map((i) => i.title || i.courseId).join(', '))
    : el('p', { class: 'muted' }, winBack.reason.message));
  const topic = s.get('topic');
  if (topic) {
    try {
      const path = await api(`/api/users/${encodeURIComponent(id)}/learning-path?topic=${encodeURIComponent(topic)}`);
      panel.append(el('h4', {}, `Learning path to ${path.goal.name}`), table(['topic', 'state', 'course'],
        arr(path.steps).map((st) => [st.name, st.satisfied ? 'done' : st.inProgress ? 'in progress' : 'to learn',
          st.course ? st.course.title : st.satisfiedBy ? st.satisfiedBy.title : '—'])));
    } catch (e) {
      panel.append(el('p', { class: 'error' }, 'Learning path: ' + e.message));
    }
  }
}

function drawUser(g, u) {
  g.clear();
  g.addNode(`user:${u.userId}`, { label: u.name || u.userId, size: 10, color: category('user') });
  g.refresh();
}

/** A reason's path (User -COMPLETED-> Course -COVERS-> Topic ...) as a chain of nodes and typed edges. */
function drawPath(g, path) {
  g.clear();
  let previous = null;
  let pending = null;
  let x = 0;
  for (const step of path) {
    if (step.kind === 'node') {
      const key = `${step.type.toLowerCase()}:${step.id}`;
      if (!g.graph.hasNode(key)) {
        g.graph.addNode(key, { label: `${step.type} ${step.name || step.id}`, x: x++, y: (x % 2) * 0.5, size: 9,
          color: category(step.type) });
      }
      if (previous && pending) {
        const [source, target] = pending.direction === 'in' ? [key, previous] : [previous, key];
        g.addEdge(source, target, { label: pending.type, size: 2, type: 'arrow' });
      }
      previous = key;
      pending = null;
    } else {
      pending = step;
    }
  }
  g.renderer.setSetting('renderEdgeLabels', true);
  g.refresh();
  document.body.dataset.pathNodes = String(g.graph.order);
}

// ------------------------------------------------------------------ growth dashboards

const GROWTH_TABS = [['funnel', 'Funnel'], ['cohorts', 'Cohorts'], ['lifecycle', 'Lifecycle'],
  ['engagement', 'Engagement'], ['leaderboards', 'Leaderboards'], ['courses', 'Course quality']];

async function growth(s) {
  layout({ content: true });
  const tab = s.get('tab') || 'funnel';
  const groupBy = s.get('groupBy') || '';
  const from = s.get('from') || '';
  const to = s.get('to') || '';
  $('#toolbar').append(select('tab', GROWTH_TABS, tab, (v) => setParams({ tab: v }), 'View'),
    select('groupBy', tab === 'funnel' ? [['', 'none'], ['course', 'course'], ['creator', 'creator'],
      ['community', 'community'], ['tier', 'tier']] : [['', 'none'], ['community', 'community'], ['tier', 'tier']],
    groupBy, (v) => setParams({ groupBy: v }), 'Group by'),
    el('label', {}, 'from ', input('from', from, (v) => setParams({ from: v }), { type: 'date' })),
    el('label', {}, 'to ', input('to', to, (v) => setParams({ to: v }), { type: 'date' })));
  const q = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  const content = $('#content');
  let header = [];
  let rows = [];
  if (tab === 'funnel') {
    const f = await api(`/api/funnels?${q({ groupBy, from, to, limit: 50 })}`);
    header = ['group', ...arr(f.steps)];
    rows = [f.overall, ...arr(f.groups)].map((g) => [g.name || g.key, ...g.counts]);
    content.append(el('h3', {}, `Conversion ${f.from} – ${f.to}`),
      bars(arr(f.steps).map((st, i) => [st, f.overall.counts[i]]), String));
  } else if (tab === 'cohorts') {
    const c = await api(`/api/cohorts?${q({ groupBy, from, to, period: s.get('period') || 'month' })}`);
    content.append(el('h3', {}, `Retention by ${c.period} of joining`));
    for (const g of arr(c.groups)) {
      content.append(el('h4', {}, g.key), heatmap(arr(g.cohorts).map((x) => [x.start.slice(0, 10), x.size, arr(x.retention)])));
      arr(g.cohorts).forEach((x) => rows.push([g.key, x.start, x.size, ...arr(x.retention).map((r) => r.toFixed(4))]));
    }
    header = ['group', 'cohort', 'size', 'retention by period...'];
  } else if (tab === 'lifecycle') {
    const [l, t] = await Promise.all([api(`/api/lifecycle?${q({ groupBy, asOf: to })}`),
      from ? api(`/api/lifecycle/transitions?${q({ from, to })}`) : Promise.resolve(null)]);
    const stages = Object.keys(arr(l.groups)[0]?.stages || {});
    header = ['group', 'users', ...stages];
    rows = arr(l.groups).map((g) => [g.key, g.users, ...stages.map((st) => g.stages[st])]);
    content.append(el('h3', {}, `Lifecycle stages as of ${l.asOf} (at risk by ${l.atRiskBy})`),
      bars(stages.map((st) => [st, arr(l.groups).reduce((sum, g) => sum + g.stages[st], 0)]), String));
    if (t) {
      content.append(el('h4', {}, `Flows ${t.from} → ${t.to}`), flowDiagram(t));
    } else {
      content.append(el('p', { class: 'muted' }, 'Pick a "from" date to see the flows between stages.'));
    }
  } else if (tab === 'engagement') {
    const e = await api(`/api/engagement?${q({ groupBy, asOf: to })}`);
    header = ['group', 'users', 'active', 'mean', 'median', ...Object.keys(arr(e.groups)[0]?.percentiles || {})];
    rows = arr(e.groups).map((g) => [g.key, g.users, g.activeUsers, fmt(g.mean), fmt(g.median),
      ...Object.values(g.percentiles).map(fmt)]);
    content.append(el('h3', {}, `Engagement over ${e.windowDays} days to ${e.asOf}`),
      bars(arr(e.groups).map((g) => [g.key, g.mean]), fmt));
  } else if (tab === 'leaderboards') {
    const l = await api(`/api/leaderboards?${q({ asOf: to, limit: 50 })}`);
    header = ['rank', 'user', 'points'];
    rows = arr(l.items).map((i) => [i.rank, i.name || i.userId, fmt(i.points)]);
    content.append(el('h3', {}, `Contributions over ${l.windowDays} days to ${l.asOf}`));
  } else {
    const c = await api(`/api/courses?${q({ sort: s.get('sort') || 'quality', limit: 100 })}`);
    header = ['course', 'tier', 'quality', 'rating', 'completion', 'enrolled'];
    rows = arr(c.items).map((i) => [i.title || i.courseId, i.tier, fmt(i.quality.score), fmt(i.quality.bayesRating),
      i.quality.completionRate == null ? '—' : pct(i.quality.completionRate), i.quality.enrolled]);
    content.append(el('h3', {}, `Courses by ${c.sort} (${c.matched})`));
  }
  const download = el('button', { type: 'button', id: 'download' }, 'Download CSV');
  download.addEventListener('click', () => downloadCsv(`learnergraph-${tab}.csv`, header, rows));
  const data = table(header, rows);
  data.id = 'data-table';
  content.append(download, data);
}

function flowDiagram(t) {
  // a flow table with bars: from-stage rows, to-stage columns, the bar width the share of the row
  const stages = ['not-joined', ...arr(t.stages)];
  const max = Math.max(1, ...arr(t.flows).map((f) => f.users));
  return table(['from \\ to', ...arr(t.stages)], stages.filter((st) => arr(t.flows).some((f) => f.from === st)).map((st) => [st,
    ...arr(t.stages).map((to) => {
      const f = arr(t.flows).find((x) => x.from === st && x.to === to);
      return f ? el('span', {}, el('span', { class: 'bar', style: `width:${Math.max(2, 60 * f.users / max)}px` }),
        ` ${f.users}`) : '';
    })]));
}

// ------------------------------------------------------------------ analysts' corner

async function analysts() {
  layout({ graph: true, panel: true });
  const panel = $('#panel');
  if (!can('analyst')) {
    panel.append(el('p', {}, 'The analysts\' corner needs a key with the analyst role.'));
    return;
  }
  const g = newGraph(() => {});
  const editor = el('textarea', { id: 'cypher', spellcheck: 'false', 'aria-label': 'read-only Cypher query' },
    'MATCH (u:User)-[r:FOLLOWS]->(v:User) RETURN u, r, v LIMIT 50');
  const run = el('button', { type: 'button', id: 'run-cypher' }, 'Run Cypher');
  const out = el('div', { id: 'cypher-result' });
  run.addEventListener('click', async () => {
    try {
      show(g, out, await api('/api/cypher', { method: 'POST', body: JSON.stringify({ query: editor.value, limit: 500 }) }));
    } catch (e) {
      out.innerHTML = '';
      out.append(el('p', { class: 'error' }, e.message));
    }
  });
  panel.append(el('h3', {}, 'Cypher (read-only)'), editor, run);
  const saved = await api('/api/queries');
  panel.append(el('h3', {}, 'Saved queries'));
  for (const query of saved) {
    const form = el('form', { class: 'saved', 'data-query': query.name }, el('b', {}, query.name),
      el('p', { class: 'muted' }, query.description));
    for (const p of arr(query.parameters)) {
      form.append(el('label', {}, `${p.name} (${p.type}${p.required ? ', required' : ''}) `,
        el('input', { name: p.name, value: p.defaultValue ?? '', title: p.description || '' })), el('br'));
    }
    form.append(el('button', { type: 'submit' }, 'Run'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const params = {};
      for (const p of arr(query.parameters)) {
        const v = form.elements[p.name].value;
        if (v === '') continue;
        params[p.name] = /int|float|number/i.test(p.type) ? Number(v) : /bool/i.test(p.type) ? v === 'true'
          : /list/i.test(p.type) ? v.split(',').map((x) => x.trim()) : v;
      }
      try {
        show(g, out, await api(`/api/queries/${query.name}`, { method: 'POST', body: JSON.stringify({ params }) }));
      } catch (err) {
        out.innerHTML = '';
        out.append(el('p', { class: 'error' }, err.message));
      }
    });
    panel.append(form);
  }
  panel.append(out);
}

/** A Cypher result as a table, and as a graph when it holds nodes and relationships. */
function show(g, out, result) {
  out.innerHTML = '';
  const cell = (v) => (v && typeof v === 'object' ? JSON.stringify(v.properties || v) : v);
  out.append(el('p', { class: 'muted' }, `${arr(result.rows).length} rows${result.truncated ? ' (truncated)' : ''} in `
    + `${result.elapsedMs} ms`), table(arr(result.columns), arr(result.rows).map((r) => r.map(cell))));
  g.clear();
  const relationships = [];
  const visit = (v) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      if (v.elementId && v.labels) {
        const p = v.properties || {};
        g.addNode(v.elementId, { label: `${v.labels[0] || ''} ${p.name || p.title || p.id || ''}`.trim(),
          color: category(v.labels[0]), size: 6 });
      } else if (v.elementId && v.type && v.startElementId) {
        relationships.push(v);
      } else {
        Object.values(v).forEach(visit);
      }
    }
  };
  arr(result.rows).forEach(visit);
  relationships.forEach((r) => g.addEdge(r.startElementId, r.endElementId, { label: r.type, type: 'arrow' }));
  g.layout(100);
  document.body.dataset.cypherNodes = String(g.graph.order);
}

// ------------------------------------------------------------------ start

if (sessionStorage.getItem(KEY)) login(); else logout('');
