// The `kit` bin as one ESM bundle: loading ~150 small modules (zod, yaml, commander) one by one
// costs more than the work of `kit portfolio status`. Native and heavy libraries stay external and
// load lazily (better-sqlite3, pino; ccxt and viem once their adapters exist).
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { kit: 'src/cli/bin.ts' },
  platform: 'node',
  external: [/^node:/, 'better-sqlite3', 'pino', 'yaml', 'ccxt', 'viem', /^viem\//],
  output: { dir: 'dist/bin', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', sourcemap: true, minify: true },
});
