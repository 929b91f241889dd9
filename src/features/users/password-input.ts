// Reads a password for a command-line tool: typed without echo on a terminal, or the first line of piped stdin.
import type { Readable, Writable } from 'node:stream';

export class PromptCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

type TtyInput = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** The first line of a piped stream (without its line ending); '' when the stream is empty. */
export function readFirstLine(input: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const finish = () => {
      input.off('data', onData);
      input.off('end', finish);
      input.off('error', reject);
      input.pause();
      resolve(buffer.split('\n')[0]!.replace(/\r$/, ''));
    };
    const onData = (chunk: string | Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('\n')) finish();
    };
    input.setEncoding('utf8');
    input.on('data', onData);
    input.once('end', finish);
    input.once('error', reject);
    input.resume();
  });
}

/** Asks on a terminal with echo off; Enter ends, Backspace deletes, Ctrl-C cancels. */
export function promptHidden(question: string, input: TtyInput, output: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    // Echo off before the question shows, so nothing typed after it is ever echoed.
    input.setEncoding('utf8');
    input.setRawMode?.(true);
    output.write(question);
    const done = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string | Buffer) => {
      // A paste arrives as one chunk: handle it key by key.
      for (const key of chunk.toString()) {
        if (key === '\r' || key === '\n' || key === '\u0004') return done();
        if (key === '\u0003') return done(new PromptCancelled());
        if (key === '\u007f' || key === '\b') typed = typed.slice(0, -1);
        else if (key >= ' ') typed += key;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

/**
 * On a terminal asks twice (a typo would lock the account out); otherwise reads the first line of stdin.
 * Returns undefined when the two typed passwords differ.
 */
export async function readPassword(input: TtyInput, output: Writable): Promise<string | undefined> {
  if (!input.isTTY) return readFirstLine(input);
  const first = await promptHidden('Password (at least 12 characters): ', input, output);
  const second = await promptHidden('Repeat the password: ', input, output);
  return first === second ? first : undefined;
}
