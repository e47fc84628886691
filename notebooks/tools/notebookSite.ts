/**
 * Builds and previews the notebooks offline. A thin wrapper around Vite with Notebook Kit's own `config()` and
 * `observable()` plugin, plus two of ours: `offlineImports` (CDN and `npm:` imports → the installed packages) and
 * `notebookData` (the chosen batch output under `data/`). The notebooks are every `*.html` in notebooks/.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as notebookKitConfig, observable } from '@observablehq/notebook-kit/vite';
import { build, createServer, type InlineConfig, type ViteDevServer } from 'vite';
import { chooseOutputDirectory, notebookData, stageOutputData, type StagedData } from './notebookData.js';
import { offlineImports } from './offlineImports.js';

export const NOTEBOOKS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(NOTEBOOKS_DIR, '..');
/** Where `build` writes the site unless told otherwise. */
export const DEFAULT_SITE_DIR = join(REPO_ROOT, 'dist', 'notebooks');

export interface NotebookSiteOptions {
  /** Batch or comparison output folder; default: $ETS_OUTPUT, else the latest under output/. */
  data?: string;
  /** Folder searched for the latest output when `data` and $ETS_OUTPUT are not given. Default: <repo>/output. */
  outputRoot?: string;
  /** Where to write the built site. Default: dist/notebooks. */
  out?: string;
  /** Minify the built JavaScript. Default true. */
  minify?: boolean;
  /** Vite's log level. Default 'warn'. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

/** The notebook pages: every .html file in notebooks/. */
export function notebookPages(): string[] {
  return readdirSync(NOTEBOOKS_DIR).filter((name) => name.endsWith('.html')).sort().map((name) => join(NOTEBOOKS_DIR, name));
}

export async function stageFor(options: NotebookSiteOptions): Promise<StagedData> {
  const directory = chooseOutputDirectory(options.data, options.outputRoot ?? join(REPO_ROOT, 'output'));
  return stageOutputData(directory);
}

/** The Vite configuration for `staged` data. */
export function notebookViteConfig(staged: StagedData, options: NotebookSiteOptions = {}): InlineConfig {
  const base = notebookKitConfig();
  // Notebook Kit maps `npm:` imports to CDN URLs through an alias; offlineImports resolves them to installed packages.
  const aliases = Array.isArray(base.resolve?.alias) ? base.resolve.alias.filter((alias) => !String(alias.find).includes('npm:')) : [];
  return {
    ...base,
    configFile: false,
    root: NOTEBOOKS_DIR,
    logLevel: options.logLevel ?? 'warn',
    cacheDir: join(REPO_ROOT, 'node_modules', '.vite-notebooks'),
    resolve: { ...base.resolve, alias: aliases },
    plugins: [offlineImports({ root: REPO_ROOT }), observable(), notebookData(staged)],
    server: { host: '127.0.0.1', fs: { allow: [REPO_ROOT] } },
    optimizeDeps: { include: ['@observablehq/plot', 'apache-arrow', 'simple-statistics'] },
    build: {
      outDir: options.out ?? DEFAULT_SITE_DIR,
      emptyOutDir: true,
      minify: options.minify ?? true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: notebookPages() },
    },
  };
}

export interface BuiltSite {
  out: string;
  staged: StagedData;
  pages: string[];
}

/** Builds the static site. */
export async function buildNotebooks(options: NotebookSiteOptions = {}): Promise<BuiltSite> {
  const staged = await stageFor(options);
  const config = notebookViteConfig(staged, options);
  await build(config);
  return { out: config.build!.outDir!, staged, pages: notebookPages().map((page) => page.slice(NOTEBOOKS_DIR.length + 1)) };
}

/** Starts the preview server (live reload while editing notebooks). */
export async function previewNotebooks(options: NotebookSiteOptions & { port?: number } = {}): Promise<{ server: ViteDevServer; staged: StagedData }> {
  const staged = await stageFor(options);
  const config = notebookViteConfig(staged, options);
  const server = await createServer({ ...config, server: { ...config.server, port: options.port ?? 5173 } });
  await server.listen();
  return { server, staged };
}
