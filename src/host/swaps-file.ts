// Standalone, a run's unsigned DEX swaps go to <state folder>/swaps/<run id>.json. The file is
// written whole or not at all (a temporary file beside it, then a rename), so a wallet tool never
// reads half of one; it holds no secret (unsigned transactions only), so it takes normal permissions.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SwapHandOut, SwapsFileJson } from '../rebalancer.js';

export function swapsFolder(stateDir: string, demo: boolean): string {
  return join(stateDir, demo ? 'demo-swaps' : 'swaps');
}

export function writeJsonAtomically(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
}

export function createSwapsFile(folder: string): SwapHandOut {
  return {
    write(runId: string, file: SwapsFileJson): string {
      mkdirSync(folder, { recursive: true });
      // Run ids are ours (letters, digits, dashes); anything else is replaced so the name stays in the folder.
      const path = join(folder, `${runId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
      writeJsonAtomically(path, file);
      return path;
    },
  };
}
