import { describe, expect, it } from 'vitest';
import { renderTable } from '../src/cli/table.js';

describe('renderTable', () => {
  it('renders a small table whole, aligned by code points', () => {
    expect(renderTable(['Asset', 'Qty'], [['BTC', '1'], ['€🙂', '22']], [undefined, '← note'], { alignRight: [1] })).toBe(
      ['┌───────┬─────┐', '│ Asset │ Qty │', '├───────┼─────┤', '│ BTC   │   1 │', '│ €🙂    │  22 │ ← note', '└───────┴─────┘'].join('\n'),
    );
  });

  it('renders 300,000 rows without overflowing the stack, showing the first ones and how many are left out', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`lot${i}`, String(i)]);
    const text = renderTable(['Lot', 'N'], rows, [], { maxRows: 50, moreHint: 'use --json or --csv for every lot' });
    const lines = text.split('\n');
    expect(lines).toHaveLength(3 + 50 + 1 + 1);
    expect(lines[3]).toBe('│ lot0  │ 0  │');
    expect(lines.at(-1)).toBe('… and 299,950 more rows; use --json or --csv for every lot.');
  });

  it('leaves out rows past 1,000 by default and says where to read them', () => {
    const rows = Array.from({ length: 1_001 }, (_, i) => [String(i)]);
    const lines = renderTable(['N'], rows).split('\n');
    expect(lines).toHaveLength(3 + 1_000 + 1 + 1);
    expect(lines.at(-1)).toBe('… and 1 more row; use --json to see every row.');
    expect(renderTable(['N'], rows.slice(0, 1_000)).split('\n')).toHaveLength(1_004);
  });

  it('counts rows it was not given when told how many there are (the caller formats only the first ones)', () => {
    const lines = renderTable(['N'], [['1'], ['2']], [], { maxRows: 2, totalRows: 300_000, moreHint: 'use --csv' }).split('\n');
    expect(lines).toHaveLength(3 + 2 + 1 + 1);
    expect(lines.at(-1)).toBe('… and 299,998 more rows; use --csv.');
  });
});
