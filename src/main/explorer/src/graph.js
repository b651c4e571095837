// The drawing surface: one graphology graph rendered by sigma (WebGL), laid out by ForceAtlas2.
import Graph from 'graphology';
import Sigma from 'sigma';
import forceAtlas2 from 'graphology-layout-forceatlas2';

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f', '#bab0ac', '#1f77b4', '#2ca02c'];

/** Blue (low) to red (high) for a value in [0, 1]; grey when unknown. */
export function ramp(t) {
  if (t == null || Number.isNaN(t)) return '#c4c8cf';
  const x = Math.max(0, Math.min(1, t));
  const r = Math.round(60 + 180 * x), g = Math.round(120 - 60 * x), b = Math.round(220 - 170 * x);
  return `rgb(${r},${g},${b})`;
}

const KINDS = { user: '#4e79a7', course: '#f28e2b', topic: '#59a14f', tier: '#b07aa1', community: '#edc948' };

export function category(value) {
  if (value == null) return '#c4c8cf';
  const known = KINDS[String(value).toLowerCase()];
  if (known) return known;
  let h = 0;
  for (const ch of String(value)) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(h) % PALETTE.length];
}

export class GraphView {
  constructor(container, { onClickNode } = {}) {
    this.container = container;
    this.graph = new Graph({ multi: false, type: 'directed', allowSelfLoops: false });
    this.renderer = new Sigma(this.graph, container, {
      renderEdgeLabels: false, labelRenderedSizeThreshold: 8, defaultEdgeType: 'arrow', stagePadding: 80,
    });
    this.highlighted = new Set();
    this.renderer.setSetting('nodeReducer', (node, data) => {
      const res = { ...data };
      if (this.highlighted.size && !this.highlighted.has(node)) { res.color = '#e4e6ea'; res.label = ''; }
      if (data.hiddenByFilter) res.hidden = true;
      return res;
    });
    this.renderer.setSetting('edgeReducer', (edge, data) => {
      const res = { ...data };
      const [s, t] = this.graph.extremities(edge);
      if (this.highlighted.size && !(this.highlighted.has(s) && this.highlighted.has(t))) res.hidden = true;
      if (this.graph.getNodeAttribute(s, 'hiddenByFilter') || this.graph.getNodeAttribute(t, 'hiddenByFilter')) {
        res.hidden = true;
      }
      return res;
    });
    if (onClickNode) this.renderer.on('clickNode', ({ node }) => onClickNode(node, this.graph.getNodeAttributes(node)));
  }

  clear() {
    this.graph.clear();
    this.highlighted.clear();
  }

  /** Adds a node (or merges attributes into it); new nodes start near {@code near} or on a circle. */
  addNode(key, attributes, near) {
    if (this.graph.hasNode(key)) {
      this.graph.mergeNodeAttributes(key, attributes);
      return;
    }
    const angle = Math.random() * 2 * Math.PI;
    const base = near && this.graph.hasNode(near) ? this.graph.getNodeAttributes(near) : { x: 0, y: 0 };
    const radius = near ? 1 + Math.random() : 10 * Math.random();
    this.graph.addNode(key, { size: 5, color: '#c4c8cf', ...attributes,
      x: base.x + radius * Math.cos(angle), y: base.y + radius * Math.sin(angle) });
  }

  addEdge(source, target, attributes) {
    if (!this.graph.hasNode(source) || !this.graph.hasNode(target) || source === target) return;
    if (this.graph.hasEdge(source, target)) {
      this.graph.mergeEdgeAttributes(source, target, attributes);
    } else {
      this.graph.addEdge(source, target, { size: 1, color: '#b8bec9', ...attributes });
    }
  }

  /** A few hundred ForceAtlas2 iterations: synchronous, since the drawn graphs are small by design. */
  layout(iterations = 150) {
    if (this.graph.order < 2) return;
    const settings = forceAtlas2.inferSettings(this.graph);
    forceAtlas2.assign(this.graph, { iterations, settings: { ...settings, barnesHutOptimize: this.graph.order > 500 } });
    this.renderer.refresh();
  }

  highlight(keys) {
    this.highlighted = new Set(keys || []);
    this.renderer.refresh();
  }

  refresh() {
    this.renderer.refresh();
  }

  kill() {
    this.renderer.kill();
  }
}
