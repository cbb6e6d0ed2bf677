// Alerts printed as text, for a watch run in a terminal or under systemd/pm2 (which keep stdout).
import type { Writable } from 'node:stream';
import type { Notification, Severity } from '../ports.js';
import { SEVERITY_ICON, type Channel } from './channel.js';

export function formatText(notification: Notification): string {
  const head = `${SEVERITY_ICON[notification.severity]} [${notification.severity.toUpperCase()}] ${notification.at.toISOString()} ${notification.title}`;
  return notification.body.trim() ? `${head}\n${notification.body.trimEnd()}\n\n` : `${head}\n\n`;
}

export function createStdoutChannel(deps: { name: string; minSeverity: Severity }, stdout: Writable): Channel {
  return {
    name: deps.name,
    kind: 'stdout',
    minSeverity: deps.minSeverity,
    send: (notification: Notification) =>
      new Promise<void>((resolve, reject) => {
        stdout.write(formatText(notification), (error) => (error ? reject(error) : resolve()));
      }),
  };
}
