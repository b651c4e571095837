// Bundles the explorer into one script next to its page: `node build.mjs <output directory>`.
// Run by `mvn package` (exec-maven-plugin) after `npm ci`; no other build step.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output directory>');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['chrome120', 'firefox120', 'safari17'],
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) {
  copyFileSync(file, join(out, file));
}
console.log(`explorer bundled into ${out}`);
