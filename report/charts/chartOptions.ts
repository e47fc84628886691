/** Options every chart function takes. */
export interface ChartOptions {
  /** Outer width in pixels. Default 720. */
  width?: number;
  /** Add pointer tips (notebooks); the static report leaves them out. Default false. */
  interactive?: boolean;
}

export const DEFAULT_WIDTH = 720;

/** Distinct values in order of first appearance. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
