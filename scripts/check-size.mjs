// Lists files in src/ over 250 lines and functions over 60 lines (the architecture issue's limits).
// `node scripts/check-size.mjs [--max-file N] [--max-function N]`; exit 1 when anything is over.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const MAX_FILE = arg('--max-file', 250);
const MAX_FUNCTION = arg('--max-function', 60);
const root = new URL('..', import.meta.url).pathname;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const over = [];
for (const path of files(join(root, 'src'))) {
  const text = readFileSync(path, 'utf8');
  const rel = relative(root, path);
  const lines = text.split('\n').length;
  if (lines > MAX_FILE) over.push(`${rel}: ${lines} lines`);
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_FUNCTION) {
        const name = node.name?.getText() ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : '(anonymous)');
        over.push(`${rel}:${start + 1}: function ${name} ${end - start + 1} lines`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
for (const line of over) console.log(line);
console.log(over.length === 0 ? `ok: no file over ${MAX_FILE} lines, no function over ${MAX_FUNCTION}` : `${over.length} over the limits (${MAX_FILE} lines a file, ${MAX_FUNCTION} a function)`);
process.exitCode = over.length === 0 ? 0 : 1;
