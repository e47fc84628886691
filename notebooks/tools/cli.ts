/**
 * `npm run notebooks:preview` / `notebooks:build` / `notebooks:serve`: preview the notebooks with live reload,
 * build them to a static site, or serve a built site. Every command works offline.
 *
 *   tsx notebooks/tools/cli.ts preview [--data DIR] [--port N]
 *   tsx notebooks/tools/cli.ts build   [--data DIR] [--out DIR]
 *   tsx notebooks/tools/cli.ts serve   [--out DIR] [--port N]
 *
 * The data folder: --data DIR, else $ETS_OUTPUT, else the latest batch or comparison under output/.
 */
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { NotebookDataError } from './notebookData.js';
import { buildNotebooks, DEFAULT_SITE_DIR, previewNotebooks } from './notebookSite.js';
import { serveStatic } from './staticServer.js';

const USAGE = `usage: notebooks/tools/cli.ts <preview|build|serve> [--data DIR] [--out DIR] [--port N]

  preview   start a preview server with live reload (default port 5173)
  build     build the notebooks to a static site (default dist/notebooks/)
  serve     serve a built site on 127.0.0.1 (default port 4173)

  --data DIR   batch or comparison output to show (default: $ETS_OUTPUT, else the latest under output/)
  --out DIR    the site folder (build, serve)
  --port N     port to listen on (preview, serve)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { data: { type: 'string' }, out: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  if (values.help === true || command === undefined) {
    console.log(USAGE);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`error: --port must be an integer from 0 to 65535, got ${values.port}`);
    return 2;
  }
  const data = values.data === undefined ? {} : { data: values.data };
  try {
    if (command === 'build') {
      const site = await buildNotebooks({ ...data, ...(values.out === undefined ? {} : { out: values.out }) });
      console.log(`Built ${site.pages.length} notebooks (${site.pages.join(', ')}) with data from ${site.staged.index.source} into ${relative(process.cwd(), site.out) || '.'}/`);
      for (const note of site.staged.index.notes) console.log(`note: ${note}`);
      return 0;
    }
    if (command === 'preview') {
      const { server, staged } = await previewNotebooks({ ...data, ...(port === undefined ? {} : { port }), logLevel: 'info' });
      console.log(`Showing ${staged.index.source} (${staged.index.designs.map((d) => d.label).join(', ')})`);
      server.printUrls();
      return await new Promise<number>(() => {});
    }
    if (command === 'serve') {
      const site = await serveStatic(values.out ?? DEFAULT_SITE_DIR, port ?? 4173);
      console.log(`Serving ${relative(process.cwd(), values.out ?? DEFAULT_SITE_DIR)} at ${site.url} (Ctrl-C to stop)`);
      return await new Promise<number>(() => {});
    }
    console.error(`error: unknown command ${JSON.stringify(command)}\n${USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof NotebookDataError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
