/**
 * A real `leanprove serve` for the tests: the jar the Maven build makes, the stand-in Lean
 * toolchain on PATH with its example oracle, a workspace set up by `leanprove setup`.
 */

import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const JAR = path.join(REPO, 'orchestrator', 'target', 'leanprove.jar');
export const STANDIN = path.join(REPO, 'lean-bridge', 'src', 'test', 'standin');
export const DEMO = path.join(STANDIN, 'examples', 'Demo.lean');

export interface Server {
  url: string;
  token: string;
  /** Every line the server printed. */
  output: string[];
  stop(): Promise<void>;
}

export interface ServerOptions {
  token?: string;
  /** FAKE_LEAN_DELAY_MS: how long each stand-in Lean check takes. */
  leanDelayMs?: number;
  maxJobs?: number;
  queueSize?: number;
  /** FAKE_LEAN_LOG: a file the stand-in appends one JSON line to per process it starts. */
  leanLog?: string;
}

export async function startServer(options: ServerOptions = {}): Promise<Server> {
  if (!fs.existsSync(JAR)) {
    throw new Error(`${JAR} is missing: build it first with "mvn -q -o -DskipTests package" at the repository root`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leanprove-ext-'));
  const workspace = path.join(dir, 'workspace');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.join(STANDIN, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: dir,
    FAKE_LEAN_ORACLE: path.join(STANDIN, 'examples', 'oracle.json'),
    FAKE_LEAN_DELAY_MS: String(options.leanDelayMs ?? 0),
    LEANPROVE_TOKEN: options.token ?? '',
  };
  if (options.leanLog) {
    // Lean runs in bubblewrap, where /tmp is private: the log must exist and be mounted writable.
    fs.appendFileSync(options.leanLog, '');
    env.FAKE_LEAN_LOG = options.leanLog;
    env.LEANPROVE_SANDBOX_RW = options.leanLog;
  }
  execFileSync('java', ['-jar', JAR, 'setup', '--workspace', workspace], { env, stdio: 'pipe' });
  // A fresh Lean process per check (not the warm REPL pool, whose idle processes rightly outlive a
  // job): the tests watch each check's processes start and die.
  const child = spawn('java', ['-jar', JAR, 'serve', '--port', '0', '--workspace', workspace, '--verifier', 'process',
    '--max-jobs', String(options.maxJobs ?? 2), '--queue-size', String(options.queueSize ?? 16)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 30 s:\n${output.join('\n')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        output.push(line);
        const m = /leanprove listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    token: options.token ?? '',
    output,
    stop: () => stop(child, dir),
  };
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The stand-in's demo file and the 0-based line of a theorem's sorry in it. */
export function demo(): { code: string; sorryLine(theorem: string): number } {
  const code = fs.readFileSync(DEMO, 'utf8');
  const lines = code.split('\n');
  return {
    code,
    sorryLine(theorem: string): number {
      const start = lines.findIndex((l) => l.startsWith(`theorem ${theorem} `));
      const sorry = lines.findIndex((l, i) => i > start && l.trim() === 'sorry');
      if (start < 0 || sorry < 0) {
        throw new Error(`no sorry theorem ${theorem} in ${DEMO}`);
      }
      return sorry;
    },
  };
}
