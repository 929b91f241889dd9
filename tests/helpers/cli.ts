// Runs a command-line tool the way `npm run` does (node + tsx), in a child process, with stdin piped.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../src/paths.js';

export const USER_CREATE = path.join(ROOT, 'src/features/users/create-user-cli.ts');
export const DB_SEED = path.join(ROOT, 'src/db/seed-cli.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Not the whole process.env: vitest puts Vite's own variables there (BASE_URL=/, MODE ...), which
// the CLI's configuration would read as its own.
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export function runCli(script: string, args: string[], options: { env: Record<string, string>; stdin?: string; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...baseEnv(), NODE_ENV: 'test', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/** `script` (util-linux) gives the child a real terminal, so the no-echo prompt can be tested. */
export const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Runs the tool on a pseudo-terminal and types each answer once its prompt shows, in order.
 * Returns everything the terminal displayed (what a person at it would have seen).
 */
export function runCliOnTerminal(
  script: string,
  args: string[],
  options: { env: Record<string, string>; answers: [prompt: string, typed: string][] },
): Promise<{ code: number | null; screen: string }> {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, '--import', 'tsx', script, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...baseEnv(), NODE_ENV: 'test', ...options.env } });
    let screen = '';
    let searchFrom = 0;
    const answers = [...options.answers];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      const next = answers[0];
      const at = next ? screen.indexOf(next[0], searchFrom) : -1;
      if (next && at >= 0) {
        searchFrom = at + next[0].length;
        answers.shift();
        child.stdin.write(next[1]);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}
