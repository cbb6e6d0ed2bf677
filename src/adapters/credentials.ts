// Credentials are written in the config only as ${ENV_VAR} references (config validation refuses
// anything else) and resolved here, when a venue that needs them is created.
import { UsageError } from '../errors.js';

export function resolveCredentials(
  venue: string,
  credentials: Readonly<Record<string, string>> | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const resolved: Record<string, string> = {};
  const missing: string[] = [];
  for (const [key, reference] of Object.entries(credentials ?? {})) {
    const name = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(reference.trim())?.[1];
    if (!name) throw new UsageError(`Venue "${venue}": credentials.${key} must be written as \${ENV_VAR}.`);
    const value = env[name];
    if (value === undefined || value === '') missing.push(`${key} (\${${name}})`);
    else resolved[key] = value;
  }
  if (missing.length > 0) {
    throw new UsageError(`Venue "${venue}": environment variable${missing.length > 1 ? 's' : ''} not set for credentials ${missing.join(', ')}.`, {
      details: 'Set them in the environment of the process that runs kit; they are never read from files.',
    });
  }
  return resolved;
}
