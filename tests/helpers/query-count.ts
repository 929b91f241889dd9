// Counts the SQL statements a page costs: the app on a Prisma client that records every statement it
// sends, one page at a time. Used to prove a page's work does not grow with its rows (no N+1).
import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Deps } from '../../src/deps.js';

export function countingApp(deps: Deps) {
  const db = new PrismaClient({ adapter: new PrismaPg(deps.pool), log: [{ emit: 'event', level: 'query' }] });
  const statements: string[] = [];
  db.$on('query', (e) => statements.push(e.query));
  const app = createApp({ ...deps, db });
  return {
    /** Statements sent for each page, one page at a time. */
    async count(paths: string[]) {
      const counts: Record<string, number> = {};
      for (const path of paths) {
        statements.length = 0;
        await request(app).get(path).expect(200);
        counts[path] = statements.length;
      }
      return counts;
    },
  };
}
