// The benchmark's load generator, on node:http keep-alive agents (docs/decisions.md: the load model).
// - closedLoop: N connections, each sends its next request when the previous answer arrives. It finds
//   the maximum throughput, but hides waiting: a stalled server also stalls the sender.
// - openLoop: requests are due at a constant rate (the i-th at start + i / rate) whatever the server
//   does, and each latency is counted from that intended time, not from when a socket was free. A
//   server that falls behind therefore shows the queue it built (no coordinated omission).
import http from 'node:http';

export interface RequestSpec {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** A body, or a function giving the i-th request's body (and headers, and a tag of the caller's own). */
  body?: string | Buffer | ((i: number) => { body: string | Buffer; headers?: Record<string, string>; tag?: string });
  /** Statuses that count as success (default 200). */
  ok?: number[];
  /** Told of each answer: the tag of the body sent, the status (or error), whether it counts as success. */
  onAnswer?: (tag: string | undefined, status: string, ok: boolean) => void;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  model: 'closed' | 'open';
  /** Open model: the rate asked for (requests per second). */
  rate?: number;
  connections: number;
  seconds: number;
  sent: number;
  ok: number;
  errors: number;
  /** Answers by status, "error:<code>" for failed connections, "timeout" for no answer at the end. */
  statuses: Record<string, number>;
  /** Successful answers per second over the whole run (including the wait for the last answers). */
  throughput: number;
  latencyMs: LatencySummary;
  bytes: number;
}

/** Percentiles of samples (milliseconds), nearest rank. */
export function summarise(samples: number[]): LatencySummary {
  if (samples.length === 0) return { p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  let sum = 0;
  for (const s of sorted) sum += s;
  return { p50: at(50), p90: at(90), p99: at(99), max: sorted[sorted.length - 1]!, mean: sum / sorted.length };
}

interface Target {
  host: string;
  port: number;
}

function parseOrigin(origin: string): Target {
  const url = new URL(origin);
  return { host: url.hostname, port: Number(url.port || 80) };
}

/** Sends one request; resolves with its status and body size (never rejects: failures are statuses). */
function send(agent: http.Agent, target: Target, spec: RequestSpec, i: number, timeoutMs: number): Promise<{ status: string; bytes: number; ok: boolean }> {
  return new Promise((resolve) => {
    const made: { body: string | Buffer; headers?: Record<string, string>; tag?: string } | undefined =
      typeof spec.body === 'function' ? spec.body(i) : spec.body === undefined ? undefined : { body: spec.body };
    const done = (r: { status: string; bytes: number; ok: boolean }) => {
      spec.onAnswer?.(made?.tag, r.status, r.ok);
      resolve(r);
    };
    const headers: Record<string, string | number> = { ...spec.headers, ...made?.headers };
    if (made) headers['content-length'] = Buffer.byteLength(made.body);
    const req = http.request({ ...target, agent, method: spec.method ?? 'GET', path: spec.path, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => done({ status: String(res.statusCode), bytes, ok: (spec.ok ?? [200]).includes(res.statusCode ?? 0) }));
      res.on('error', (error: NodeJS.ErrnoException) => done({ status: `error:${error.code ?? error.message}`, bytes, ok: false }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => done({ status: `error:${error.code ?? error.message}`, bytes: 0, ok: false }));
    req.end(made?.body);
  });
}

const nowMs = () => performance.now();

export async function closedLoop(origin: string, spec: RequestSpec, options: { connections: number; seconds: number; timeoutMs?: number }): Promise<LoadResult> {
  const target = parseOrigin(origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let ok = 0;
  let bytes = 0;
  const start = nowMs();
  const end = start + options.seconds * 1000;
  async function connection() {
    while (nowMs() < end) {
      const i = sent++;
      const t0 = nowMs();
      const r = await send(agent, target, spec, i, options.timeoutMs ?? 30_000);
      samples.push(nowMs() - t0);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      bytes += r.bytes;
      if (r.ok) ok += 1;
    }
  }
  await Promise.all(Array.from({ length: options.connections }, connection));
  const seconds = (nowMs() - start) / 1000;
  agent.destroy();
  return { model: 'closed', connections: options.connections, seconds, sent, ok, errors: sent - ok, statuses, throughput: ok / seconds, latencyMs: summarise(samples), bytes };
}

/**
 * Constant arrival rate for `seconds`, then waits up to `drainMs` for the answers still due. Requests
 * beyond `connections` in flight wait in the agent's queue; that wait is part of their latency.
 */
export async function openLoop(
  origin: string,
  spec: RequestSpec,
  options: { rate: number; seconds: number; connections?: number; timeoutMs?: number; drainMs?: number },
): Promise<LoadResult> {
  const target = parseOrigin(origin);
  const connections = options.connections ?? 256;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const interval = 1000 / options.rate;
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  const pending = new Map<Promise<void>, number>();
  let ok = 0;
  let bytes = 0;
  let sent = 0;
  let lastAnswer = 0;
  const start = nowMs();
  while (sent < total) {
    const due = start + sent * interval;
    const wait = due - nowMs();
    // Timers are coarse (about 1 ms): sleep until close, then send every request already due.
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait - 1));
    while (sent < total && start + sent * interval <= nowMs()) {
      const intended = start + sent * interval;
      const p = send(agent, target, spec, sent, options.timeoutMs ?? 30_000).then((r) => {
        const t = nowMs();
        lastAnswer = Math.max(lastAnswer, t);
        samples.push(t - intended);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        bytes += r.bytes;
        if (r.ok) ok += 1;
      });
      pending.set(p, intended);
      void p.finally(() => pending.delete(p));
      sent += 1;
    }
    if (wait <= 1) await new Promise((resolve) => setImmediate(resolve));
  }
  const drain = new Promise((resolve) => setTimeout(resolve, options.drainMs ?? 10_000));
  await Promise.race([Promise.all(pending.keys()), drain]);
  // Still unanswered: errors, and their wait so far is the least their latency would have been.
  const unanswered = pending.size;
  if (unanswered > 0) statuses.timeout = unanswered;
  for (const intended of pending.values()) samples.push(nowMs() - intended);
  agent.destroy();
  const seconds = (Math.max(lastAnswer, start + options.seconds * 1000) - start) / 1000;
  return { model: 'open', rate: options.rate, connections, seconds, sent, ok, errors: sent - ok, statuses, throughput: ok / seconds, latencyMs: summarise(samples), bytes };
}
