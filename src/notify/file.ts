// Alerts appended to a file as JSON lines (one alert a line), for log shippers and for a record
// that needs no service at all. The directory is created on first use.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Notification, Severity } from '../ports.js';
import type { Channel } from './channel.js';
import { NotifyError } from './errors.js';
import { webhookBody } from './webhook.js';

export function createFileChannel(deps: { name: string; minSeverity: Severity }, path: string): Channel {
  return {
    name: deps.name,
    kind: 'file',
    minSeverity: deps.minSeverity,
    async send(notification: Notification) {
      try {
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, `${webhookBody(notification)}\n`, 'utf8');
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        // A full disk may clear; a missing permission will not until someone fixes it.
        throw new NotifyError(deps.name, `cannot append to ${path} (${typeof code === 'string' ? code : 'write failed'})`, code === 'ENOSPC' || code === 'EAGAIN');
      }
    },
  };
}
