/** Options every chart function takes. */
export interface ChartOptions {
  /** Outer width in pixels. Default 720. */
  width?: number;
  /** Add pointer tips (notebooks); the static report leaves them out. Default false. */
  interactive?: boolean;
}

export const DEFAULT_WIDTH = 720;
/** Narrowest chart drawn: a page whose width is not known yet (0) still gets a readable chart. */
export const MIN_WIDTH = 320;
/** Class of every chart's SVG (and figure prefix): `svg.ets-chart` finds the charts on a page. */
export const CHART_CLASS = 'ets-chart';

/** Width and class name shared by every chart. */
export function chartFrame(options: ChartOptions): { width: number; className: string } {
  return { width: Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH), className: CHART_CLASS };
}

/** Distinct values in order of first appearance. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
