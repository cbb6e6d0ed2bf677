#!/usr/bin/env node
// The `kit` executable: the standalone host over the same registrations K.I.T. gets.
import { runCli } from '../host/standalone.js';

process.exitCode = await runCli(process.argv.slice(2), { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
