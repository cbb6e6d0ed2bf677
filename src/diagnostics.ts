// Findings are data: a stale price, a venue that did not answer, an untargeted holding. They are
// returned with the result, so one run reports every problem; `error` ones block any trading.

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable machine-readable code, e.g. "price.stale", "venue.unavailable". */
  code: string;
  message: string;
  asset?: string;
  venue?: string;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');
