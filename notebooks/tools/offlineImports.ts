/**
 * A Vite pre-plugin that makes Notebook Kit work offline. Notebook Kit's runtime imports Plot, d3, Arrow and its other
 * recommended libraries from a public CDN (`https://cdn.jsdelivr.net/npm/NAME[@VERSION][/PATH]/+esm`), and it turns a
 * cell's `npm:NAME` import into such a URL too. This plugin rewrites those URLs — in the page's inline module
 * script and in every module Vite serves or bundles — to bare imports of the packages installed in node_modules,
 * and resolves `npm:NAME` the same way, so the preview server, the build and the built pages never leave the
 * machine. A URL for a package that is not installed is left alone (the browser tests block and report it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const CDN_PREFIX = 'https://cdn.jsdelivr.net/npm/';

/** NAME (scoped or not), an optional @VERSION, an optional /PATH, then /+esm. */
const CDN_MODULE = /https:\/\/cdn\.jsdelivr\.net\/npm\/((?:@[\w.-]+\/)?[\w.-]+)(?:@[\w.^~<>=*-]+)?((?:\/[\w.@-]+)*?)\/\+esm/g;

export interface OfflineImportsOptions {
  /** The directory whose node_modules holds the packages (the repository root). */
  root: string;
}

/** The installed-package specifier for a CDN module URL, or null when that package is not installed. */
export function localSpecifier(url: string, root: string): string | null {
  CDN_MODULE.lastIndex = 0;
  const match = CDN_MODULE.exec(url);
  if (match === null || match[0] !== url) return null;
  const [, name, path] = match;
  if (!existsSync(join(root, 'node_modules', name!, 'package.json'))) return null;
  return `${name}${path ?? ''}`;
}

/** `code` with every CDN module URL of an installed package replaced by its bare specifier. */
export function rewriteCdnImports(code: string, root: string): string {
  if (!code.includes(CDN_PREFIX)) return code;
  return code.replace(CDN_MODULE, (url: string) => localSpecifier(url, root) ?? url);
}

export function offlineImports(options: OfflineImportsOptions): Plugin {
  const { root } = options;
  return {
    name: 'ets:offline-imports',
    enforce: 'pre',
    async resolveId(source, importer, resolveOptions) {
      let specifier: string | null = null;
      if (source.startsWith('npm:')) specifier = localSpecifier(`${CDN_PREFIX}${source.slice(4)}/+esm`, root);
      else if (source.startsWith(CDN_PREFIX)) specifier = localSpecifier(source, root);
      if (specifier === null) return null;
      return this.resolve(specifier, importer ?? join(root, 'package.json'), { ...resolveOptions, skipSelf: true });
    },
    transform(code) {
      const rewritten = rewriteCdnImports(code, root);
      return rewritten === code ? null : { code: rewritten, map: null };
    },
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => rewriteCdnImports(html, root),
    },
  };
}
