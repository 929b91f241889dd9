// One rung of the benchmark's ladder, in a process of its own (started by bench/run.ts), serving the
// same page at GET /ladder:
//   raw      node:http sends the saved HTML bytes;
//   express  the portal's own Express app (createApp: logging, helmet, session, CSRF, locals ...) with a
//            route placed after its middleware that sends the saved bytes;
//   ejs      the same, but the route renders the page's template from fixed data: the view and options
//            the real handler passed to res.render for LADDER_PAGE, captured once at start.
// Environment: LADDER_MODE, LADDER_FILE, LADDER_PAGE, PORT, WORKERS, and the app's own (DATABASE_URL ...).
import cluster from 'node:cluster';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type RequestHandler } from 'express';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';

const mode = process.env.LADDER_MODE ?? 'raw';
const html = fs.readFileSync(process.env.LADDER_FILE!);
const port = Number(process.env.PORT ?? 0);
const workers = Number(process.env.WORKERS ?? 1);

/** Puts `handler` at GET /ladder right after the app's middleware (before the first feature router). */
function insertAfterMiddleware(app: Express, handler: RequestHandler) {
  const router = express.Router();
  router.get('/ladder', handler);
  app.use(router);
  const stack = (app as unknown as { router: { stack: { name: string }[] } }).router.stack;
  const layer = stack.pop()!;
  // urlencoded body parser, then the routers of links from e-mails, then the CSRF check: after those.
  let at = stack.findIndex((l) => l.name === 'urlencodedParser');
  if (at < 0) throw new Error('the app has no urlencoded body parser: where does its middleware end?');
  at += 1;
  while (stack[at]?.name === 'router') at += 1;
  at += 1; // verifyCsrf
  stack.splice(at, 0, layer);
}

async function capture(app: Express, page: string): Promise<{ view: string; options: object }> {
  let captured: { view: string; options: object } | undefined;
  const render = app.response.render;
  app.response.render = function (this: express.Response, view: string, options?: object) {
    captured ??= { view, options: options ?? {} };
    return render.call(this, view, options as never);
  } as typeof render;
  // exclusive: a cluster worker's port 0 is otherwise shared by all workers, and another worker's app answers.
  const server = http.createServer(app).listen({ port: 0, host: '127.0.0.1', exclusive: true });
  await new Promise((resolve) => server.once('listening', resolve));
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${page}`, { headers: { 'x-forwarded-proto': 'https' } });
  await res.arrayBuffer();
  server.close();
  app.response.render = render;
  if (!captured) throw new Error(`${page} rendered no template (status ${res.status})`);
  return captured;
}

async function serve() {
  let listener: http.RequestListener;
  if (mode === 'raw') {
    listener = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': html.length });
      res.end(html);
    };
  } else {
    const config = loadConfig();
    const deps = createDeps(config, config.databaseUrl!);
    const app = createApp(deps);
    if (mode === 'express') {
      insertAfterMiddleware(app, (req, res) => void res.type('html').send(html));
    } else if (mode === 'ejs') {
      const { view, options } = await capture(app, process.env.LADDER_PAGE!);
      insertAfterMiddleware(app, (req, res) => res.render(view, options));
    } else {
      throw new Error(`unknown LADDER_MODE ${mode}`);
    }
    listener = app;
  }
  const server = http.createServer(listener).listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  process.send?.('listening');
}

if (workers > 1 && cluster.isPrimary) {
  let ready = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('message', (m) => {
      if (m === 'listening' && ++ready === workers) console.log('listening');
    });
  }
} else {
  await serve();
  if (cluster.isPrimary) console.log('listening');
}
