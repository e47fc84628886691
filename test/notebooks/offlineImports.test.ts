/** CDN and `npm:` imports of Notebook Kit become imports of the installed packages, so pages work offline. */
import { describe, expect, it } from 'vitest';
import { localSpecifier, rewriteCdnImports } from '../../notebooks/tools/offlineImports.js';
import { REPO_ROOT } from '../../notebooks/tools/notebookSite.js';

describe('offline imports', () => {
  it('maps CDN module URLs of installed packages to bare specifiers, versions dropped', () => {
    expect(localSpecifier('https://cdn.jsdelivr.net/npm/@observablehq/plot/+esm', REPO_ROOT)).toBe('@observablehq/plot');
    expect(localSpecifier('https://cdn.jsdelivr.net/npm/apache-arrow@17.0.0/+esm', REPO_ROOT)).toBe('apache-arrow');
    expect(localSpecifier('https://cdn.jsdelivr.net/npm/d3/+esm', REPO_ROOT)).toBe('d3');
    expect(localSpecifier('https://cdn.jsdelivr.net/npm/d3-dsv@3/+esm', REPO_ROOT)).toBe('d3-dsv');
  });

  it('leaves packages that are not installed, and other URLs, alone', () => {
    expect(localSpecifier('https://cdn.jsdelivr.net/npm/@duckdb/duckdb-wasm@1.32.0/+esm', REPO_ROOT)).toBeNull();
    expect(localSpecifier('https://cdn.jsdelivr.net/npm/katex/dist/katex.min.css', REPO_ROOT)).toBeNull();
  });

  it('rewrites every such import in a module or page', () => {
    const code = [
      'export const Arrow = () => import("https://cdn.jsdelivr.net/npm/apache-arrow@17.0.0/+esm");',
      'export const Plot = () => import("https://cdn.jsdelivr.net/npm/@observablehq/plot/+esm");',
      'export const duckdb = () => import("https://cdn.jsdelivr.net/npm/@duckdb/duckdb-wasm@1.32.0/+esm");',
    ].join('\n');
    expect(rewriteCdnImports(code, REPO_ROOT)).toBe([
      'export const Arrow = () => import("apache-arrow");',
      'export const Plot = () => import("@observablehq/plot");',
      'export const duckdb = () => import("https://cdn.jsdelivr.net/npm/@duckdb/duckdb-wasm@1.32.0/+esm");',
    ].join('\n'));
    expect(rewriteCdnImports('const x = 1;', REPO_ROOT)).toBe('const x = 1;');
  });
});
