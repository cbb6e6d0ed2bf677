import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/host/logger.js';
import { tempDir } from './helpers/run-kit.js';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('logging', () => {
  it('writes readable lines to stderr at warn and above by default', () => {
    const { lines, stream } = sink();
    const logger = createLogger({ level: 'warn', stderr: stream });
    logger.debug('not shown');
    logger.info('not shown either');
    logger.warn({ venue: 'binance' }, 'prices are late');
    expect(lines).toEqual(['warning: prices are late {"venue":"binance"}\n']);
  });

  it('redacts secrets wherever they sit, in the file log as JSON too', () => {
    const file = join(tempDir('kit-log-'), 'logs', 'kit.log');
    const { lines, stream } = sink();
    const logger = createLogger({ level: 'debug', stderr: stream, file });
    logger.debug({ apiKey: 'AK-123', venue: { secret: 's3cr3t', credentials: { password: 'pw' } }, config: { venues: { b: { credentials: { token: 't' } } } } }, 'venue created');
    const logged = readFileSync(file, 'utf8');
    expect(lines).toEqual([]);
    expect(JSON.parse(logged)).toMatchObject({ level: 20, msg: 'venue created', apiKey: '[redacted]', venue: { secret: '[redacted]', credentials: '[redacted]' } });
    expect(logged).not.toMatch(/AK-123|s3cr3t|"pw"|"t"/);
  });
});
