// A config file's bytes to text, refusing what no YAML parser should be handed: a file too large
// to be a config, or bytes that are not UTF-8 (Node would quietly turn them into U+FFFD and the
// config would fail later with a confusing message, or not at all). A leading BOM, which some
// Windows editors write, is dropped.
import { ConfigError } from './problems.js';

/** A config is a few kB; 4 MB leaves room for long price histories and stops a runaway file. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export function configText(bytes: Uint8Array, source: string): string {
  if (bytes.length > MAX_CONFIG_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    throw new ConfigError(source, [{ path: [], message: `the file is ${mb} MB; a config is at most ${MAX_CONFIG_BYTES / 1024 / 1024} MB. Is this the right file? Long price histories go in price_history_file` }], '');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
    throw new ConfigError(source, [{ path: [], line, message: `the file is not UTF-8 text (byte ${offset + 1} cannot be read); save it as UTF-8` }], '');
  }
  return stripBom(text);
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  // A prefix decodes (as a stream: a sequence cut at its end is fine) exactly when it ends before
  // the first bad byte, so the first bad byte is found by halving.
  const decodes = (end: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (decodes(middle)) good = middle;
    else bad = middle;
  }
  // A prefix may end in the start of a sequence that the next byte breaks: the fault is its start.
  for (let at = good - 1; at >= Math.max(0, good - 3); at--) {
    const byte = bytes[at]!;
    if ((byte & 0xc0) === 0x80) continue;
    return (byte & 0xc0) === 0xc0 ? at : good;
  }
  return good;
}
