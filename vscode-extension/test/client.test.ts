import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ApiError, JobEvent, LeanproveClient, ProveResult, ServerDownError } from '../src/client/api';
import { applyTextEdit } from '../src/client/edits';
import { checkSummary, refusalMessage } from '../src/client/messages';
import { ProgressTracker, describeEvent } from '../src/client/progress';
import { Server, demo, startServer } from './server';

const TOKEN = 'extension-test-token';

describe('against a real leanprove serve over the stand-in Lean', { timeout: 120_000 }, () => {
  let server: Server;
  let client: LeanproveClient;
  const file = demo();

  before(async () => {
    // Each stand-in Lean check takes 300 ms, so a job lasts long enough to watch and to cancel.
    server = await startServer({ token: TOKEN, leanDelayMs: 300 });
    client = new LeanproveClient({ serverUrl: server.url, token: TOKEN });
  });

  after(async () => {
    await server?.stop();
  });

  test('health: the server is up', async () => {
    assert.equal((await client.health()).status, 'ok');
  });

  test('proveAtCursor: streamed events in order, then an edit that turns the file into the proved one', async () => {
    const line = file.sorryLine('two_plus_two_real');
    const jobId = await client.submit({ code: file.code, line, column: 3, budget: { samples: 2, seconds: 60 } });
    const seen: JobEvent[] = [];
    const tracker = new ProgressTracker();

    const terminal = await client.follow(jobId, (e) => {
      seen.push(e);
      tracker.update(e);
    });

    assert.deepEqual(seen.map((e) => e.id), seen.map((_, i) => i + 1));
    assert.equal(seen[0].type, 'queued');
    assert.ok(seen.some((e) => e.type === 'verified'), 'a verified event');
    assert.equal(terminal.type, 'result');
    const result = terminal.data as ProveResult;
    assert.equal(result.status, 'PROVED');
    assert.ok(result.edit, 'the result carries an edit');
    assert.equal(applyTextEdit(file.code, result.edit), result.code);
    assert.ok(!result.edit.newText.includes('sorry'));
    assert.equal(tracker.percent, 100);
    assert.equal(describeEvent(terminal), 'proved');
    // Only the theorem at the cursor was proved; the other sorry stays.
    assert.equal(result.theorems.length, 1);
    assert.match(result.code, /mathd_numbertheory_48[^]*sorry/);
    // The edit is the theorem's proof as the server returned it (the tactic block after `by`), nothing else.
    const proof = result.theorems[0].proof!;
    assert.equal(`by\n  ${result.edit.newText}`, proof);
    // The progress lines do not repeat the theorem the notification's title already names.
    const lines = seen.map((e) => describeEvent(e, 'two_plus_two_real')).filter((m) => m !== undefined);
    assert.ok(lines.length > 3, lines.join(' / '));
    assert.ok(lines.every((m) => !m!.includes('two_plus_two_real')), lines.join(' / '));
  });

  test('follow: a dropped connection resumes after the last event seen, without gaps or repeats', async () => {
    const jobId = await client.submit({ code: file.code, line: file.sorryLine('two_plus_two_real'), column: 2 });
    const first: JobEvent[] = [];
    const abort = new AbortController();
    await assert.rejects(async () => {
      for await (const e of client.events(jobId, 0, abort.signal)) {
        first.push(e);
        if (first.length === 2) {
          abort.abort();
        }
      }
    });
    const rest: JobEvent[] = [];

    const terminal = await client.follow(jobId, (e) => rest.push(e), { lastEventId: first[first.length - 1].id });

    const ids = [...first, ...rest].map((e) => e.id);
    assert.deepEqual(ids, ids.map((_, i) => i + 1));
    assert.equal(terminal.type, 'result');
    assert.equal((await client.job(jobId)).lastEventId, ids.length);
  });

  test('cancel: DELETE ends the job with a cancelled event', async () => {
    const jobId = await client.submit({ code: file.code, line: file.sorryLine('mathd_numbertheory_48'), column: 2 });
    const seen: string[] = [];

    const terminal = await client.follow(jobId, (e) => {
      seen.push(e.type);
      if (e.type === 'started') {
        void client.cancel(jobId);
      }
    });

    assert.equal(terminal.type, 'cancelled');
    assert.equal((await client.job(jobId)).state, 'cancelled');
    assert.equal(describeEvent(terminal), 'cancelled');
  });

  test('prove: a theorem the search cannot prove comes back without an edit', async () => {
    const result = await client.prove({ code: file.code, line: file.sorryLine('mathd_numbertheory_48'), column: 2 });

    assert.notEqual(result.status, 'PROVED');
    assert.equal(result.edit, undefined);
  });

  test('check: diagnostics in LSP shape for the whole file', async () => {
    const report = await client.check(file.code);

    const warnings = report.diagnostics.filter((d) => d.severity === 2);
    assert.equal(warnings.length, 2);
    assert.ok(warnings.every((d) => d.source === 'lean' && /sorry/.test(d.message)));
    const lines = file.code.split('\n');
    assert.ok(warnings.some((d) => lines[d.range.start.line].startsWith('theorem two_plus_two_real')));
  });

  test('bad position: a 4xx ApiError with the server\'s code and message', async () => {
    await assert.rejects(client.submit({ code: file.code, line: 0, column: 0 }),
      (e: unknown) => e instanceof ApiError && e.status === 422 && e.code === 'no_theorem_at_position');
    await assert.rejects(client.submit({ code: file.code, line: 999, column: 0 }),
      (e: unknown) => e instanceof ApiError && e.status === 400 && /line 999/.test(e.message));
  });

  test('token: a client without it gets a message that says which setting to fill in', async () => {
    const anonymous = new LeanproveClient({ serverUrl: server.url });

    await assert.rejects(anonymous.check(file.code),
      (e: unknown) => e instanceof ApiError && e.status === 401 && /leanprove\.token/.test(e.message));
    assert.equal((await anonymous.health()).status, 'ok');
  });

  test('unknown job: 404 ApiError, also when following it', async () => {
    await assert.rejects(client.job('nope'), (e: unknown) => e instanceof ApiError && e.code === 'job_not_found');
    await assert.rejects(client.follow('nope', () => undefined), (e: unknown) => e instanceof ApiError && e.status === 404);
  });
});

test('server down: a ServerDownError that says how to start the server', async () => {
  const port = await freePort();
  const client = new LeanproveClient({ serverUrl: `http://127.0.0.1:${port}` });

  await assert.rejects(client.health(), (e: unknown) => e instanceof ServerDownError
    && /leanprove serve/.test(e.message) && e.message.includes(`127.0.0.1:${port}`) && /connection refused/.test(e.message));
  await assert.rejects(client.submit({ code: 'theorem t : True := by sorry', line: 0, column: 0 }), ServerDownError);
});

/** A port nothing listens on: bound, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

test('client modules import nothing from vscode, so they run outside the editor', () => {
  const dir = path.join(__dirname, '..', '..', 'src', 'client');
  for (const name of fs.readdirSync(dir)) {
    assert.doesNotMatch(fs.readFileSync(path.join(dir, name), 'utf8'), /from ['"]vscode['"]|require\(['"]vscode['"]\)/, name);
  }
});
