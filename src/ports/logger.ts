// Structured logging, supplied by the host (pino in the CLI); the core only logs through this.
export interface Logger {
  debug(data: object | string, message?: string): void;
  info(data: object | string, message?: string): void;
  warn(data: object | string, message?: string): void;
  error(data: object | string, message?: string): void;
}
