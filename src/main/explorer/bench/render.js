// Drawing a 10k-node graph: sigma.js (WebGL) against a plain Canvas 2D loop, in one page, same
// graph, same viewport. Each renderer draws the whole graph once (cold, including set-up), then
// redraws it `frames` times with the camera moved (what panning costs). WebGL work is forced to
// finish by reading one pixel back, so the time is the frame's, not the command submission's.
import Graph from 'graphology';
import Sigma from 'sigma';

function graph(nodes, edgesPerNode, seed) {
  let a = seed >>> 0; // mulberry32: exact in 32-bit integer arithmetic
  const rnd = () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const g = new Graph();
  for (let i = 0; i < nodes; i++) g.addNode(i, { x: rnd() * 1000, y: rnd() * 1000, size: 2 + 4 * rnd(), color: '#4e79a7' });
  for (let i = 0; i < nodes * edgesPerNode; i++) {
    const a = Math.floor(rnd() * nodes), b = Math.floor(rnd() * nodes);
    if (a !== b && !g.hasEdge(a, b)) g.addEdge(a, b, { size: 1, color: '#b8bec9' });
  }
  return g;
}

function container() {
  const div = document.createElement('div');
  div.style.cssText = 'width:1200px;height:800px;position:relative';
  document.body.append(div);
  return div;
}

function sigmaRun(g, frames) {
  const div = container();
  const t0 = performance.now();
  const renderer = new Sigma(g, div, { renderLabels: false });
  renderer.refresh();
  const gl = div.querySelector('canvas.sigma-nodes')?.getContext('webgl2') || div.querySelector('canvas')
    .getContext('webgl2');
  const px = new Uint8Array(4);
  if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
  const first = performance.now() - t0;
  const camera = renderer.getCamera();
  const t1 = performance.now();
  for (let i = 0; i < frames; i++) {
    camera.setState({ x: 0.5 + 0.01 * i, y: 0.5, ratio: 1 });
    renderer.refresh();
    if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
  }
  const redraw = (performance.now() - t1) / frames;
  renderer.kill();
  div.remove();
  return { first, redraw, webgl: !!gl };
}

function canvasRun(g, frames) {
  const div = container();
  const t0 = performance.now();
  const canvas = document.createElement('canvas');
  canvas.width = 1200;
  canvas.height = 800;
  div.append(canvas);
  const ctx = canvas.getContext('2d');
  const xs = new Float32Array(g.order), ys = new Float32Array(g.order), rs = new Float32Array(g.order);
  g.forEachNode((k, a) => { xs[k] = a.x; ys[k] = a.y; rs[k] = a.size; });
  const sources = [], targets = [];
  g.forEachEdge((e, a, s, t) => { sources.push(+s); targets.push(+t); });
  const draw = (dx) => {
    ctx.clearRect(0, 0, 1200, 800);
    ctx.strokeStyle = '#b8bec9';
    ctx.beginPath();
    for (let i = 0; i < sources.length; i++) {
      ctx.moveTo(xs[sources[i]] * 1.2 + dx, ys[sources[i]] * 0.8);
      ctx.lineTo(xs[targets[i]] * 1.2 + dx, ys[targets[i]] * 0.8);
    }
    ctx.stroke();
    ctx.fillStyle = '#4e79a7';
    for (let i = 0; i < xs.length; i++) {
      ctx.beginPath();
      ctx.arc(xs[i] * 1.2 + dx, ys[i] * 0.8, rs[i], 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.getImageData(0, 0, 1, 1); // wait for the drawing, as readPixels does for WebGL
  };
  draw(0);
  const first = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 0; i < frames; i++) draw(i);
  const redraw = (performance.now() - t1) / frames;
  div.remove();
  return { first, redraw };
}

const results = [];
for (const nodes of [1000, 10000]) {
  const g = graph(nodes, 3, 42);
  for (let run = 1; run <= 3; run++) {
    results.push({ nodes, edges: g.size, run, renderer: 'sigma (WebGL)', ...sigmaRun(g, 10) });
    results.push({ nodes, edges: g.size, run, renderer: 'canvas 2D', ...canvasRun(g, 10) });
  }
}
const out = document.createElement('pre');
out.id = 'results';
out.textContent = JSON.stringify(results);
document.body.append(out);
