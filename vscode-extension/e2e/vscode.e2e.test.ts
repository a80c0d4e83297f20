/**
 * The extension in a real VS Code: code-server with the packaged .vsix installed, driven by
 * Debian's chromium through playwright-core, against a real `leanprove serve` over the stand-in
 * Lean. Every address is on the loopback; the browser refuses any other. On a failure the page is
 * saved to e2e/screenshots/ (with code-server's and the server's output next to it).
 */

import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { LeanproveClient } from '../src/client/api';
import { applyTextEdit } from '../src/client/edits';
import { DEMO, Server, demo, startServer } from '../test/server';
import { CodeServer, E2E, Profile, checkInstalled, installExtension, packageVsix, profile, startCodeServer, writeUserSettings }
  from './codeServer';

const SCREENSHOTS = path.join(E2E, 'screenshots');
const CHROMIUM = process.env.LEANPROVE_E2E_CHROMIUM ?? '/usr/bin/chromium';

describe('the extension in code-server', { timeout: 480_000 }, () => {
  let dir: string;
  let workspace: string;
  let leanLog: string;
  let userSettings: string;
  let server: Server;
  let codeServer: CodeServer;
  let browser: Browser;
  let page: Page;
  const blocked: string[] = [];
  const file = demo();

  before(() => step('setup', async () => {
    checkInstalled();
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leanprove-e2e-'));
    workspace = path.join(dir, 'workspace');
    fs.mkdirSync(workspace);
    fs.copyFileSync(DEMO, path.join(workspace, 'Demo.lean'));
    // The same file with one proof broken: an error next to the two sorries.
    fs.writeFileSync(path.join(workspace, 'Broken.lean'), file.code.replace('  linarith\n', '  nlinarith\n'));
    // Lean never answers for this one (the stand-in ignores SIGTERM), so only a cancel ends the proof.
    fs.writeFileSync(path.join(workspace, 'Hang.lean'), file.code.replace('set_option maxHeartbeats 0', '-- FAKE_LEAN: hang\nset_option maxHeartbeats 0'));
    leanLog = path.join(dir, 'lean.log');

    const started = Date.now();
    const phase = (what: string) => console.log(`# ${what} after ${Math.round((Date.now() - started) / 1000)} s`);
    server = await startServer({ leanDelayMs: 300, leanLog });
    phase('leanprove serve up');
    const p: Profile = profile(path.join(dir, 'code-server'));
    const vsix = path.join(dir, 'leanprove.vsix');
    packageVsix(vsix);
    phase('.vsix packaged');
    assert.match(installExtension(p, vsix), /successfully installed/i);
    phase('.vsix installed');
    userSettings = writeUserSettings(p, {
      'leanprove.serverUrl': server.url,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'workbench.enableExperiments': false,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'chat.disableAIFeatures': true,
      'editor.minimap.enabled': false,
      'files.autoSave': 'off',
    });
    codeServer = await startCodeServer(p);
    phase('code-server up');

    browser = await chromium.launch({ executablePath: CHROMIUM });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') {
        return route.continue();
      }
      blocked.push(route.request().url());
      return route.abort();
    });
    page = await context.newPage();
    // The machine may be busy: VS Code's first load is slow, and so is each step after.
    page.setDefaultTimeout(60_000);
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor();
    await page.getByRole('treeitem', { name: 'Demo.lean' }).waitFor();
    phase('workbench shows the workspace');
  }));

  after(async () => {
    await browser?.close();
    await codeServer?.stop();
    await server?.stop();
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('prove at cursor from the command palette: the sorry becomes the server\'s proof', () => step('prove', async () => {
    // What the server proves this theorem with, asked directly: the editor must insert exactly that.
    const direct = await new LeanproveClient({ serverUrl: server.url })
      .prove({ code: file.code, line: file.sorryLine('two_plus_two_real'), column: 2 });
    assert.ok(direct.edit, 'the server proves two_plus_two_real');
    const expected = applyTextEdit(file.code, direct.edit);
    await openFile('Demo.lean');
    await goTo(file.sorryLine('two_plus_two_real') + 1, 3);

    await runCommand('leanprove: Prove theorem at cursor');

    await notification('leanprove: proved two_plus_two_real; Lean accepts the file.');
    const text = await editorText();
    assert.ok(text.includes(direct.edit.newText.split('\n')[0]) && text.includes('| (norm_num <;> done)'), text);
    await page.keyboard.press('Control+S');
    await waitFor(() => fs.readFileSync(path.join(workspace, 'Demo.lean'), 'utf8') === expected, 'Demo.lean saved with the proof');
    // The other theorem keeps its sorry.
    assert.match(fs.readFileSync(path.join(workspace, 'Demo.lean'), 'utf8'), /mathd_numbertheory_48[^]*sorry/);
  }));

  test('check file: Lean\'s messages in the Problems panel and counts in the message', () => step('check', async () => {
    await openFile('Broken.lean');

    await runCommand('leanprove: Check file');

    await notification('leanprove: Broken.lean: 1 error, 2 sorries, 0 of 3 theorems proved');
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.getByText('unsolved goals', { exact: false }).first().waitFor();
    const rows = await problems.locator('.monaco-list-row').allInnerTexts();
    const joined = rows.join('\n');
    assert.equal(rows.filter((r) => r.includes("declaration uses 'sorry'")).length, 2, joined);
    assert.equal(rows.filter((r) => r.includes('unsolved goals')).length, 1, joined);
    // The Problems panel counts from 1: Lean's error starts on line 10 (the `by` of mathd_algebra_159).
    assert.match(joined, /unsolved goals[^]*Ln 10, Col 94/, joined);
  }));

  test('cancel mid-proof: the notification\'s Cancel ends the job and kills its Lean', () => step('cancel', async () => {
    await openFile('Hang.lean');
    const hang = fs.readFileSync(path.join(workspace, 'Hang.lean'), 'utf8').split('\n');
    await goTo(hang.findIndex((l) => l.startsWith('theorem mathd_numbertheory_48')) + 2, 3);
    const before = leanProcesses().length;

    await runCommand('leanprove: Prove theorem at cursor');
    await waitFor(() => leanProcesses().slice(before).some((p) => alive(p)), 'a stand-in Lean process for Hang.lean');
    const toast = page.locator('.notification-toast').filter({ hasText: 'leanprove: mathd_numbertheory_48' });
    await toast.getByRole('button', { name: 'Cancel' }).click();

    await notification('leanprove: cancelled mathd_numbertheory_48.');
    const started = leanProcesses().slice(before);
    assert.ok(started.length > 0);
    await waitFor(() => started.every((p) => !alive(p)), `no stand-in Lean left (started: ${started.map((p) => p.pid).join(', ')})`);
  }));

  test('choose engine: the quick pick lists the server\'s engines and sets leanprove.engine', () => step('engine', async () => {
    await runCommand('leanprove: Choose engine');

    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'portfolio' }).first().waitFor();
    assert.deepEqual(await rows.locator('.label-name').allInnerTexts(), ['(server default)', 'portfolio']);
    await rows.filter({ hasText: /^portfolio/ }).click();
    await waitFor(() => engineSetting() === 'portfolio', 'leanprove.engine set to portfolio in the user settings');
  }));

  test('server down: the message says so and Open Settings opens the leanprove settings', () => step('server-down', async () => {
    await server.stop();
    await openFile('Demo.lean');

    await runCommand('leanprove: Check file');

    const toast = page.locator('.notification-toast').filter({ hasText: `Cannot reach the leanprove server at ${server.url}` });
    await toast.waitFor();
    assert.match(await toast.innerText(), /connection refused[^]*leanprove serve/);
    await toast.getByRole('button', { name: 'Open Settings' }).click();
    const settings = page.locator('.settings-editor');
    await settings.waitFor();
    await settings.getByText('Server Url', { exact: false }).first().waitFor();
  }));

  test('loopback only: the workbench asked for nothing outside 127.0.0.1', () => {
    assert.deepEqual([...new Set(blocked)], []);
  });

  /** Runs a step of a test; on failure saves a screenshot and both servers' output to e2e/screenshots/. */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (e) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page?.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true }).catch(() => undefined);
      fs.writeFileSync(path.join(SCREENSHOTS, `${name}.log`),
        `code-server:\n${codeServer?.output.join('\n')}\n\nleanprove serve:\n${server?.output.join('\n')}\n`);
      throw e;
    }
  }

  async function openFile(name: string): Promise<void> {
    await page.getByRole('treeitem', { name }).dblclick();
    await page.locator('.tab.active', { hasText: name }).waitFor();
    await page.locator('.monaco-editor .view-lines').first().click();
  }

  /** Ctrl+G with a 1-based line and column, as a person types them. */
  async function goTo(line: number, column: number): Promise<void> {
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).waitFor();
  }

  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  async function notification(text: string): Promise<void> {
    await page.locator('.notification-toast').filter({ hasText: text }).first().waitFor({ timeout: 60_000 });
  }

  /** The active editor's text (every line is on screen: the files are short and the window tall). */
  async function editorText(): Promise<string> {
    const lines = await page.locator('.editor-instance .monaco-editor .view-lines .view-line').evaluateAll((nodes) => nodes
      .map((n) => ({ top: parseFloat((n as HTMLElement).style.top), text: (n as HTMLElement).innerText }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text));
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  function engineSetting(): unknown {
    try {
      return JSON.parse(fs.readFileSync(userSettings, 'utf8'))['leanprove.engine'];
    } catch {
      return undefined; // being written
    }
  }

  /** The stand-in's `lean`/`lake` processes so far, from its FAKE_LEAN_LOG. */
  function leanProcesses(): LoggedProcess[] {
    if (!fs.existsSync(leanLog)) {
      return [];
    }
    return fs.readFileSync(leanLog, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l))
      .filter((p) => p.prog === 'lean' || p.prog === 'lake');
  }
});

/** A process the stand-in logged: its pid as it saw it, inside bubblewrap's PID namespace when sandboxed. */
interface LoggedProcess {
  prog: string;
  pid: number;
  pidns?: string;
}

/**
 * Whether a logged process still runs. A sandboxed one logged the pid it has inside its own PID
 * namespace, so it is looked up on the host by namespace and innermost pid; once the sandbox is
 * gone, no process is in that namespace.
 */
function alive(p: LoggedProcess): boolean {
  if (!p.pidns || p.pidns === fs.readlinkSync('/proc/self/ns/pid')) {
    return hostAlive(p.pid);
  }
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      if (fs.readlinkSync(`/proc/${entry}/ns/pid`) !== p.pidns) {
        continue;
      }
      const nspid = /^NSpid:\s*(.*)$/m.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1].trim().split(/\s+/);
      if (nspid && Number(nspid[nspid.length - 1]) === p.pid && hostAlive(Number(entry))) {
        return true;
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return false;
}

/** Whether a host process is still running (a zombie awaiting its parent counts as gone). */
function hostAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
