// JSON.parse reads every number as a double, so a commission IBKR sends as the JSON number
// 0.1000000000000000055 would arrive rounded, and nothing after could tell. For the answers that
// carry money as JSON numbers, each number literal is turned into a string of its own text before
// parsing: the Decimal built from it is exactly what the gateway wrote.
import { parseJson } from '../http-json.js';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The answer's JSON with every number as the string of its digits, or undefined when it is not JSON. */
export function parseJsonExact(text: string): unknown {
  const parts: string[] = [];
  let from = 0;
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '"') {
      at++;
      while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
      at++;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER.lastIndex = at;
      const literal = NUMBER.exec(text)?.[0];
      if (!literal) return undefined;
      parts.push(text.slice(from, at), `"${literal}"`);
      at += literal.length;
      from = at;
    } else at++;
  }
  parts.push(text.slice(from));
  return parseJson(parts.join(''));
}
