// Cutting a long alert into messages a service accepts. The text is cut as lines before any
// escaping, and each candidate message is measured after rendering, so a cut never falls inside
// an escape sequence, an HTML entity or a code block (each piece opens and closes its own), and
// never between the two halves of an emoji. Lengths are UTF-16 units: at least what the services
// count, so a piece that fits here fits there.

/** A line of an alert: the title, prose, or monospace (a Markdown table or a ``` block). */
export interface Line {
  kind: 'title' | 'text' | 'pre';
  text: string;
}

/** The alert as lines: its title, then its body with tables and fenced blocks marked monospace. */
export function toLines(title: string, body: string): Line[] {
  return [{ kind: 'title', text: title }, ...bodyLines(body)];
}

/** The body alone, as lines. */
export function bodyLines(body: string): Line[] {
  const lines: Line[] = [];
  let fenced = false;
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    lines.push({ kind: fenced || /^\s*\|/.test(raw) ? 'pre' : 'text', text: raw });
  }
  return lines;
}

/** Consecutive lines of one kind, which a renderer turns into one block. */
export function groups(lines: readonly Line[]): Line[][] {
  const out: Line[][] = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (last && last[0]?.kind === line.kind && line.kind !== 'title') last.push(line);
    else out.push([line]);
  }
  return out;
}

/** Greedy: as many lines per message as fit in `limit` once rendered; an overlong line is cut. */
export function chunkLines(lines: readonly Line[], limit: number, render: (lines: Line[]) => string): string[] {
  const chunks: string[] = [];
  let current: Line[] = [];
  const queue = [...lines];
  while (queue.length > 0) {
    const line = queue.shift()!;
    if (render([...current, line]).length <= limit) {
      current.push(line);
      continue;
    }
    if (current.length > 0) {
      chunks.push(render(current));
      current = [];
      queue.unshift(line);
      continue;
    }
    const [head, rest] = cutLine(line, limit, render);
    current.push(head);
    if (rest) queue.unshift(rest);
  }
  if (current.some((line) => line.text.trim() !== '')) chunks.push(render(current));
  return chunks.map((chunk) => chunk.replace(/\n+$/, ''));
}

/** The longest head of `line` that renders within `limit`, cut after a space when there is one. */
function cutLine(line: Line, limit: number, render: (lines: Line[]) => string): [Line, Line | undefined] {
  const points = Array.from(line.text);
  let low = 1;
  let high = points.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render([{ ...line, text: points.slice(0, mid).join('') }]).length <= limit) low = mid;
    else high = mid - 1;
  }
  const space = points.slice(0, low).lastIndexOf(' ');
  const cut = space > low / 2 ? space + 1 : low;
  const rest = points.slice(cut).join('');
  return [{ ...line, text: points.slice(0, cut).join('') }, rest ? { ...line, text: rest } : undefined];
}

/** `text` within `limit` UTF-16 units, with an ellipsis when cut, never half an emoji. */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const points = Array.from(text);
  while (points.join('').length > limit - 1) points.pop();
  return `${points.join('')}…`;
}
