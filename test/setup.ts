import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.KIT_HOME = mkdtempSync(join(tmpdir(), 'kit-home-'));
process.env.NO_COLOR = '1';
delete process.env.KIT_REBALANCER_CONFIG;
delete process.env.KIT_NOW;
