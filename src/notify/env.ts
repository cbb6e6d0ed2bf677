// `${ENV_VAR}` references in the notifications config, resolved when the channels are built. A
// missing variable is an error naming the variable, never a value.
import { NotifyError } from './errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

const REF = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** The value, or the variable's contents when `value` is a reference; throws when it is unset. */
export function resolveRef(channel: string, setting: string, value: string, env: Env): string {
  const name = REF.exec(value.trim())?.[1];
  if (!name) return value;
  const resolved = env[name];
  if (resolved === undefined || resolved.trim() === '') {
    throw new NotifyError(channel, `${setting} comes from the environment variable ${name}, which is not set`, false, {
      details: `Set ${name} in the environment of the process that runs the rebalancer.`,
    });
  }
  return resolved.trim();
}
