// Box-drawn tables like the seed's drift table, with an optional note after each row
// ("← Overweight"). Plain text, no colour, so it reads the same in a terminal, a pipe or a chat.

export interface TableOptions {
  minWidth?: number;
  /** Columns to right-align (numbers). */
  alignRight?: readonly number[];
}

export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], notes: readonly (string | undefined)[] = [], options: TableOptions = {}): string {
  const minWidth = options.minWidth ?? 0;
  const widths = head.map((title, column) => Math.max(minWidth, width(title), ...rows.map((row) => width(row[column] ?? ''))));
  const line = (left: string, mid: string, right: string) => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`;
  const cells = (row: readonly string[]) =>
    `│${widths.map((w, column) => ` ${pad(row[column] ?? '', w, options.alignRight?.includes(column) ?? false)} `).join('│')}│`;
  const body = rows.map((row, index) => (notes[index] ? `${cells(row)} ${notes[index]}` : cells(row)));
  return [line('┌', '┬', '┐'), cells(head), line('├', '┼', '┤'), ...body, line('└', '┴', '┘')].join('\n');
}

function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
}
