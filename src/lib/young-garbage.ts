// A minor garbage collection on demand, for code that streams many megabytes through short-lived
// buffers (docs/decisions.md 54). Node's HTTP parser copies every chunk of a request body into a new
// Buffer; those copies die at once, but V8 frees their memory only when it collects the young
// generation, which it does after enough JavaScript objects are allocated, not enough bytes. An upload
// allocates few objects and many bytes, so 20–35 MB of dead chunks piled up before a collection.
import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (options?: { type?: 'minor' | 'major' }) => void;

let gc: Gc | null | undefined;

function obtain(): Gc | null {
  if (typeof globalThis.gc === 'function') return globalThis.gc as Gc;
  try {
    // The documented way to reach gc() without starting Node with --expose-gc: the flag makes V8 give
    // the function to contexts created after it (here a throw-away one), not to the app's own globals.
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc') as unknown;
    return typeof fn === 'function' ? (fn as Gc) : null;
  } catch {
    return null;
  }
}

/** Collects the young generation (a scavenge: about a millisecond); does nothing where gc() is unavailable. */
export function collectYoungGarbage(): void {
  if (gc === undefined) gc = obtain();
  gc?.({ type: 'minor' });
}
