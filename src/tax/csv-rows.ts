// CSV rows one at a time (RFC 4180-ish: commas, double quotes with "" inside, CRLF or LF), each
// with the line it starts on. A generator, so a million-row import holds one row at a time rather
// than an array of every row's cells; runs of ordinary characters are sliced, not appended one by one.

export interface CsvRow {
  line: number;
  cells: string[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** The end of a run of characters that are not `a`, `b`, `c` or `d`, from `from`. */
function runEnd(text: string, from: number, a: number, b: number, c: number, d: number): number {
  let k = from;
  for (; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === a || ch === b || ch === c || ch === d) break;
  }
  return k;
}

export function* csvRows(text: string): Generator<CsvRow> {
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quoted) {
      if (ch === QUOTE && text.charCodeAt(i + 1) === QUOTE) {
        cell += '"';
        i++;
      } else if (ch === QUOTE) quoted = false;
      else if (ch === LF) {
        line++;
        cell += '\n';
      } else {
        const end = runEnd(text, i + 1, QUOTE, LF, QUOTE, LF);
        cell += text.slice(i, end);
        i = end - 1;
      }
    } else if (ch === QUOTE && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === COMMA) {
      cells.push(cell);
      cell = '';
    } else if (ch === LF || ch === CR) {
      if (ch === CR && text.charCodeAt(i + 1) === LF) i++;
      cells.push(cell);
      yield { line: rowLine, cells };
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else {
      const end = runEnd(text, i + 1, QUOTE, COMMA, LF, CR);
      cell += text.slice(i, end);
      i = end - 1;
    }
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    yield { line: rowLine, cells };
  }
}

/** The number of line breaks in `text` (plus an unterminated last line), without splitting it: at least its row count. */
export function lineCount(text: string): number {
  let count = 0;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) count++;
  return count + (text.length > 0 && !text.endsWith('\n') ? 1 : 0);
}
