import { spawn, type ChildProcess } from 'node:child_process';
import { accordBin, repoRoot } from './cli.ts';

export interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

/** `accord serve` in a child process; resolves with its URL once it says it is listening. */
export function serve(env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [accordBin, 'serve'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, stderr: () => stderr });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
}
