/**
 * Renders Plot options to static markup on the server: Plot draws into a linkedom document (no browser, no
 * network), and the result — an SVG element, or a figure with title, legends and the SVG — is serialised.
 * Text reaches the DOM as text nodes, so the serialiser escapes it.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export interface RenderedChart {
  /** The markup: `<figure …>` or `<svg …>`. */
  html: string;
}

export function renderChart(options: Plot.PlotOptions): RenderedChart {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  const chart = Plot.plot({ ...options, document: document as unknown as NonNullable<Plot.PlotOptions['document']> });
  return { html: (chart as unknown as { outerHTML: string }).outerHTML };
}
