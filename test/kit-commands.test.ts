// registerRebalancerCommands on a program shaped like K.I.T.'s CLI (src/cli/kit.ts at
// kayzaa/k.i.t.-bot 60bf648, commander ^12), which already has `kit portfolio
// show|positions|history|stats|sync`. The installed commander is 14; the API used (command,
// commands, name, aliases, argument, option, action, opts, parseAsync) is the same in 12.
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerRebalancerCommands, type KitCommandsIo } from '../src/skill.js';
import { oneVenueConfig, tempDir, writeConfig } from './helpers/run-kit.js';

function kitProgram() {
  const ran: string[] = [];
  const program = new Command('kit').exitOverride();
  const portfolio = program.command('portfolio').description('Portfolio management');
  for (const name of ['show', 'positions', 'history', 'stats', 'sync']) portfolio.command(name).action(() => void ran.push(`portfolio ${name}`));
  program.command('start').action(() => void ran.push('start'));
  return { program, ran };
}

function captureIo() {
  let stdout = '';
  let stderr = '';
  let exitCode: number | undefined;
  const io: KitCommandsIo = {
    env: { KIT_HOME: tempDir('kit-home-'), KIT_NOW: '2026-11-23T14:00:00Z' },
    cwd: tempDir('kit-cwd-'),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: new Writable({ write: (chunk, _encoding, done) => ((stderr += String(chunk)), done()) }),
    setExitCode: (code) => (exitCode = code),
  };
  return { io, out: () => ({ stdout, stderr, exitCode }) };
}

const subcommands = (program: Command, name: string) => program.commands.find((c) => c.name() === name)!.commands.map((c) => c.name());

describe("registerRebalancerCommands on K.I.T.'s CLI", () => {
  it('adds status under the existing portfolio command and a new rebalance command, without clashing', () => {
    const { program } = kitProgram();
    // What it avoids: a second `portfolio` command is refused by commander.
    expect(() => kitProgram().program.command('portfolio')).toThrow(/portfolio/);
    const { added, skipped } = registerRebalancerCommands(program, { io: captureIo().io });
    expect(skipped).toEqual([]);
    expect(added).toEqual(expect.arrayContaining(['portfolio status', 'portfolio import', 'rebalance preview', 'rebalance set-target', 'rebalance history', 'rebalance harvest', 'rebalance ask', 'tax report']));
    expect(program.commands.filter((c) => c.name() === 'portfolio')).toHaveLength(1);
    expect(subcommands(program, 'portfolio')).toEqual(['show', 'positions', 'history', 'stats', 'sync', 'status', 'import']);
    expect(subcommands(program, 'rebalance')).toEqual(expect.arrayContaining(['preview', 'set-target', 'remove-target', 'reset-targets', 'history', 'harvest', 'ask']));
  });

  it("runs ours and leaves K.I.T.'s own to K.I.T.", async () => {
    const { program, ran } = kitProgram();
    const { io, out } = captureIo();
    registerRebalancerCommands(program, { io });
    await program.parseAsync(['portfolio', 'history'], { from: 'user' });
    expect(ran).toEqual(['portfolio history']);
    await program.parseAsync(['portfolio', 'status'], { from: 'user' });
    expect(out().stdout).toContain('📊 Portfolio Drift Analysis');
    expect(out().stdout).toContain('│ BTC     │ 45.2%   │ 40.0%   │ +5.2%   │ ← Overweight');
    expect(out().exitCode).toBe(0);
  });

  it('takes --config on each command, and reports our errors as messages with their exit code', async () => {
    const { program } = kitProgram();
    const { io, out } = captureIo();
    registerRebalancerCommands(program, { io });
    await program.parseAsync(['rebalance', 'ask', 'drift', '--config', writeConfig(oneVenueConfig())], { from: 'user' });
    expect(out().stdout).toContain('│ BTC     │ 60.0%   │ 50.0%   │ +10.0%  │ ← Overweight');
    await program.parseAsync(['tax', 'report', '--year', '20x5'], { from: 'user' });
    expect(out().stderr).toBe('error: --year: "20x5" is not a year; expected a year from 1 to 9999, such as 2025.\n');
    expect(out().exitCode).toBe(2);
  });

  it('skips a subcommand the program already has, and a second registration adds nothing', () => {
    const { program, ran } = kitProgram();
    program.command('rebalance').command('preview').action(() => void ran.push('kit rebalance preview'));
    const first = registerRebalancerCommands(program, { io: captureIo().io });
    expect(first.skipped).toEqual(['rebalance preview']);
    const second = registerRebalancerCommands(program, { io: captureIo().io });
    expect(second.added).toEqual([]);
    expect([...second.skipped].sort()).toEqual([...first.added, ...first.skipped].sort());
  });
});
