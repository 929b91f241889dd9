// The app's routes as Express holds them, with the guard each declares, for the attack suite: a route
// added tomorrow is enumerated (and must declare who may use it) without anyone listing it here.
import type { Express } from 'express';
import { GUARD } from '../../src/http/guards.js';

export interface AppRoute {
  method: 'GET' | 'POST';
  path: string;
  /** The permission its guard checks ('user' for any signed-in user), or null when it declares none. */
  guard: string | null;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean>; stack: { handle: unknown }[] };
  handle?: { stack?: Layer[] };
}

export function appRoutes(app: Express): AppRoute[] {
  const found: AppRoute[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const guards = layer.route.stack.map((l) => (l.handle as Record<symbol, string> | null)?.[GUARD]).filter((g): g is string => typeof g === 'string');
        for (const method of ['get', 'post'] as const) {
          if (!layer.route.methods[method]) continue;
          for (const path of [layer.route.path].flat()) found.push({ method: method.toUpperCase() as 'GET' | 'POST', path, guard: guards[0] ?? null });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}
