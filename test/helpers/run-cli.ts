// `kit` in-process: runCli over string streams, for tests that run many commands (a spawned bin
// costs ~150 ms each). KIT_NOW pins the clock; KIT_HOME is a fresh folder unless one is given.
import { Writable } from 'node:stream';
import { runCli } from '../../src/host/standalone.js';
import { tempDir, type KitRun } from './run-kit.js';

export async function runInProcess(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<KitRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(args, {
    env: { KIT_HOME: tempDir('kit-home-'), KIT_NOW: '2026-11-23T14:00:00Z', ...options.env },
    cwd: options.cwd ?? tempDir('kit-cwd-'),
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
  });
  return { code, stdout, stderr };
}

/** What no message may contain: a stack frame, or a value that leaked unformatted. */
export const LEAKS = /^\s+at |\bundefined\b|\bNaN\b|\[object Object\]/m;
