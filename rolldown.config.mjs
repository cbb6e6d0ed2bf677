// The `kit` bin as one ESM bundle: loading ~150 small modules (zod, commander) one by one costs
// more than the work of `kit portfolio status`. Minified, because Node compiles the whole bundle on
// every run (300 kB instead of 800 kB, ~5-10 ms less CPU). Native, heavy or rarely needed libraries
// stay external and are required on first use: better-sqlite3 (on opening a ledger), pino (on the
// first log line), yaml (only when plain-yaml.ts gives up or a config fails); ccxt and viem once
// their adapters exist.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { kit: 'src/cli/bin.ts' },
  platform: 'node',
  external: [/^node:/, 'better-sqlite3', 'pino', 'yaml', 'ccxt', 'viem', /^viem\//],
  output: { dir: 'dist/bin', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', sourcemap: true, minify: true },
});
