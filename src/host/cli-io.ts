// What a `kit` run is given: its environment, folder and streams (process's, or a test's).
import type { Writable } from 'node:stream';

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
}
