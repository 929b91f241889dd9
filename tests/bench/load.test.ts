// The benchmark's load generator (bench/load.ts) against a local node:http server whose speed is known:
// the open model counts latency from each request's intended time, so a server that falls behind shows
// its queue, where the closed loop hides it (coordinated omission).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closedLoop, openLoop, summarise } from '../../bench/load.js';
import { parseSlowStatement } from '../../bench/support.js';

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A server that handles one request at a time, each taking `ms`; every `failEvery`-th answer is a 500. */
async function serialServer(ms: number, failEvery = 0): Promise<string> {
  let busyUntil = 0;
  let n = 0;
  server = http.createServer((req, res) => {
    const start = Math.max(Date.now(), busyUntil);
    busyUntil = start + ms;
    const status = failEvery && ++n % failEvery === 0 ? 500 : 200;
    setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end('ok'), busyUntil - Date.now());
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('load generator', () => {
  it('summarises latencies by nearest rank', () => {
    const l = summarise(Array.from({ length: 100 }, (_, i) => i + 1));
    expect([l.p50, l.p90, l.p99, l.max, l.mean]).toEqual([50, 90, 99, 100, 50.5]);
  });

  it('counts an overloaded server’s queue in the open model, which the closed loop hides', async () => {
    // 20 ms a request, one at a time: at most 50 a second. Asked for 100 a second during one second,
    // the last requests wait about a second behind the others.
    const origin = await serialServer(20);
    // One connection: requests wait in the agent's queue, where a clock started at sending would miss them.
    const open = await openLoop(origin, { path: '/' }, { rate: 100, seconds: 1, connections: 1 });
    expect(open.sent).toBe(100);
    expect(open.ok).toBe(100);
    expect(open.latencyMs.p99).toBeGreaterThan(700);
    expect(open.throughput).toBeLessThan(65);

    const closed = await closedLoop(origin, { path: '/' }, { connections: 1, seconds: 1 });
    expect(closed.latencyMs.p99).toBeLessThan(300);
    expect(closed.throughput).toBeGreaterThan(10);
  });

  it('keeps the asked rate against a server that keeps up, and counts failures by status', async () => {
    const origin = await serialServer(1, 4);
    const open = await openLoop(origin, { path: '/' }, { rate: 200, seconds: 1 });
    expect(open.sent).toBe(200);
    expect(open.statuses).toEqual({ '200': 150, '500': 50 });
    expect(open.errors).toBe(50);
    expect(open.latencyMs.p50).toBeLessThan(100);
  });

  it('tells the caller the tag and status of each answer', async () => {
    const origin = await serialServer(1);
    const seen: string[] = [];
    await openLoop(origin, { method: 'POST', path: '/', body: (i) => ({ body: `n=${i}`, tag: `t${i}` }), onAnswer: (tag, status) => seen.push(`${tag}:${status}`) }, { rate: 50, seconds: 0.2 });
    expect(seen.sort()).toEqual(['t0:200', 't1:200', 't2:200', 't3:200', 't4:200', 't5:200', 't6:200', 't7:200', 't8:200', 't9:200']);
  });

  it('reads PostgreSQL’s slow-statement log lines', () => {
    expect(parseSlowStatement('2026-12-01 23:24:53.675 UTC [3841] LOG:  duration: 112.408 ms  execute <unnamed>: SELECT a.question_id FROM survey_answer a')).toEqual({ ms: 112.408, statement: 'SELECT a.question_id FROM survey_answer a' });
    expect(parseSlowStatement('2026-12-01 23:24:53.675 UTC [3841] LOG:  duration: 51.0 ms  statement: VACUUM ANALYZE')).toEqual({ ms: 51, statement: 'VACUUM ANALYZE' });
    expect(parseSlowStatement('2026-12-01 23:24:53.675 UTC [3841] LOG:  checkpoint starting: time')).toBeUndefined();
  });
});
