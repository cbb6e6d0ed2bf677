// Box-drawn tables like the seed's drift table, with an optional note after each row
// ("← Overweight"). Plain text, no colour, so it reads the same in a terminal, a pipe or a chat.
// A long table (a bot's 300,000 open lots) shows its first rows and says how many it left out:
// nobody reads the rest on a terminal, and the machine-readable outputs carry every row.

export interface TableOptions {
  minWidth?: number;
  /** Columns to right-align (numbers). */
  alignRight?: readonly number[];
  /** The most rows shown; the rest are summarised in one line after the table. */
  maxRows?: number;
  /** Where the rows left out can be read in full, for that line ("use --json or --csv"). */
  moreHint?: string;
  /** How many rows there are when `rows` holds only the first ones (not formatting rows nobody sees). */
  totalRows?: number;
}

/** Enough for any plan or status table; long enough that leaving rows out is the exception. */
export const DEFAULT_MAX_ROWS = 1_000;

export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], notes: readonly (string | undefined)[] = [], options: TableOptions = {}): string {
  const maxRows = Math.max(1, Math.floor(options.maxRows ?? DEFAULT_MAX_ROWS));
  const shown = rows.length > maxRows ? rows.slice(0, maxRows) : rows;
  // A loop, not Math.max(...cells): spreading 300,000 arguments overflows the call stack.
  const widths = head.map((title, column) => {
    let most = Math.max(options.minWidth ?? 0, width(title));
    for (const row of shown) most = Math.max(most, width(row[column] ?? ''));
    return most;
  });
  const line = (left: string, mid: string, right: string) => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`;
  const cells = (row: readonly string[]) =>
    `│${widths.map((w, column) => ` ${pad(row[column] ?? '', w, options.alignRight?.includes(column) ?? false)} `).join('│')}│`;
  const body = shown.map((row, index) => (notes[index] ? `${cells(row)} ${notes[index]}` : cells(row)));
  const out = [line('┌', '┬', '┐'), cells(head), line('├', '┼', '┤'), ...body, line('└', '┴', '┘')];
  const left = Math.max(rows.length, options.totalRows ?? 0) - shown.length;
  if (left > 0) out.push(`… and ${left.toLocaleString('en-US')} more row${left === 1 ? '' : 's'}; ${options.moreHint ?? 'use --json to see every row'}.`);
  return out.join('\n');
}

function width(text: string): number {
  // Code points, as [...text].length counted, without building an array per cell.
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) i++; // a surrogate pair is one code point
    count++;
  }
  return count;
}

function pad(text: string, size: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
}
