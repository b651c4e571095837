// `npm run bench-render` (after `npm ci`): bundles bench/render.js, opens it in the machine's
// headless chromium (CHROMIUM, default /usr/bin/chromium) and prints the timings as a table.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'render-bench-'));
await build({ entryPoints: ['bench/render.js'], bundle: true, format: 'iife', outfile: join(dir, 'render.js'),
  logLevel: 'warning' });
writeFileSync(join(dir, 'index.html'), '<!doctype html><body><script src="render.js"></script></body>');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const dom = execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  `--user-data-dir=${join(dir, 'profile')}`, '--window-size=1300,900', '--dump-dom',
  `file://${join(dir, 'index.html')}`], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
const json = dom.match(/<pre id="results">([^<]*)<\/pre>/);
if (!json) {
  console.error('no results in the page:\n' + dom.slice(0, 2000));
  process.exit(1);
}
const rows = JSON.parse(json[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
console.log(execFileSync(chromium, ['--version'], { encoding: 'utf8' }).trim());
console.log('| nodes | edges | renderer | run | first draw ms | redraw ms (mean of 10) |');
console.log('|---:|---:|---|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.nodes} | ${r.edges} | ${r.renderer}${r.webgl === false ? ' (no WebGL2!)' : ''} | ${r.run} | `
    + `${r.first.toFixed(1)} | ${r.redraw.toFixed(1)} |`);
}
