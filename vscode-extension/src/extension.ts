/**
 * The VS Code side: commands, settings, progress and diagnostics. Everything that talks to the
 * server or works on text lives in ./client, which has no editor dependency and is tested
 * against a real `leanprove serve`.
 */

import * as vscode from 'vscode';
import { ApiError, Diagnostic, LeanproveClient, ProveResult, ServerDownError } from './client/api';
import { TextEdit, editStillApplies } from './client/edits';
import { checkSummary, notProvedSummary, refusalMessage } from './client/messages';
import { ProgressTracker, describeEvent } from './client/progress';

let diagnostics: vscode.DiagnosticCollection;

export function activate(context: vscode.ExtensionContext): void {
  diagnostics = vscode.languages.createDiagnosticCollection('leanprove');
  context.subscriptions.push(
    diagnostics,
    vscode.commands.registerCommand('leanprove.proveAtCursor', () => run(proveAtCursor)),
    vscode.commands.registerCommand('leanprove.checkFile', () => run(checkFile)),
    vscode.commands.registerCommand('leanprove.chooseEngine', () => run(chooseEngine)),
    vscode.workspace.onDidCloseTextDocument((doc) => diagnostics.delete(doc.uri)),
  );
}

export function deactivate(): void {
  // Nothing to stop: jobs live on the server, and a running command cancels its own job.
}

interface Settings {
  client: LeanproveClient;
  engine: string;
  samples: number;
  seconds: number;
}

function settings(): Settings {
  const config = vscode.workspace.getConfiguration('leanprove');
  return {
    client: new LeanproveClient({ serverUrl: config.get('serverUrl', 'http://127.0.0.1:8080'), token: config.get('token', '') }),
    engine: config.get('engine', ''),
    samples: config.get('budget.samples', 8),
    seconds: config.get('budget.seconds', 600),
  };
}

async function run(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (e) {
    if (e instanceof ServerDownError) {
      const choice = await vscode.window.showErrorMessage(e.message, 'Open Settings');
      if (choice === 'Open Settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'leanprove');
      }
    } else if (e instanceof ApiError) {
      void vscode.window.showErrorMessage(`leanprove: ${refusalMessage(e)}`);
    } else {
      void vscode.window.showErrorMessage(`leanprove: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

async function proveAtCursor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('leanprove: open a Lean file and put the cursor in the theorem to prove.');
    return;
  }
  const document = editor.document;
  const code = document.getText();
  const version = document.version;
  const cursor = editor.selection.active;
  const s = settings();
  const jobId = await s.client.submit({
    code,
    line: cursor.line,
    column: cursor.character,
    engine: s.engine || undefined,
    budget: { samples: s.samples, seconds: s.seconds },
  });
  const job = await s.client.job(jobId);
  const theorem = job.request.theorem ?? 'theorem';

  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `leanprove: ${theorem}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => {
        abort.abort();
        // The DELETE is what stops the server's search and kills its Lean processes.
        s.client.cancel(jobId).catch(() => undefined);
      });
      const tracker = new ProgressTracker();
      try {
        return await s.client.follow(jobId, (event) => {
          const message = describeEvent(event, theorem);
          const increment = tracker.update(event);
          if (message !== undefined || increment !== undefined) {
            progress.report({ message, increment });
          }
        }, { signal: abort.signal });
      } catch (e) {
        if (token.isCancellationRequested) {
          return undefined;
        }
        throw e;
      }
    },
  );

  if (outcome === undefined || outcome.type === 'cancelled') {
    void vscode.window.showInformationMessage(`leanprove: cancelled ${theorem}.`);
    return;
  }
  if (outcome.type === 'error') {
    void vscode.window.showErrorMessage(`leanprove: ${outcome.data.message}`);
    return;
  }
  await applyResult(document, version, code, theorem, outcome.data as ProveResult);
}

async function applyResult(document: vscode.TextDocument, version: number, original: string, theorem: string,
  result: ProveResult): Promise<void> {
  if (result.status !== 'PROVED' || result.edit === undefined) {
    void vscode.window.showWarningMessage(`leanprove: ${theorem} not proved: ${notProvedSummary(result)}`);
    return;
  }
  const edit: TextEdit = result.edit;
  if (document.version !== version && !editStillApplies(original, document.getText(), edit)) {
    void vscode.window.showWarningMessage(`leanprove: ${theorem} was proved, but the file changed where the proof goes; `
      + 'run the command again.');
    return;
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(document.uri, toRange(edit.range), edit.newText);
  if (await vscode.workspace.applyEdit(workspaceEdit)) {
    void vscode.window.showInformationMessage(`leanprove: proved ${theorem}; Lean accepts the file.`);
  }
}

async function checkFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage('leanprove: open a Lean file to check.');
    return;
  }
  const document = editor.document;
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'leanprove: checking' },
    () => settings().client.check(document.getText()),
  );
  diagnostics.set(document.uri, report.diagnostics.map(toDiagnostic));
  const name = document.uri.path.split('/').pop();
  void vscode.window.showInformationMessage(`leanprove: ${name}: ${checkSummary(report)}`);
}

/** Sets leanprove.engine from the engines the server has (the setting's own list is every engine type there is). */
async function chooseEngine(): Promise<void> {
  const engines = await settings().client.engines();
  const items: (vscode.QuickPickItem & { engine: string })[] = [
    { label: '(server default)', description: engines.find((e) => e.default)?.name, engine: '' },
    ...engines.map((e) => ({ label: e.name, description: [e.type, e.model].filter((x) => x).join(' '), engine: e.name })),
  ];
  const current = vscode.workspace.getConfiguration('leanprove').get('engine', '');
  const picked = await vscode.window.showQuickPick(items, { title: 'leanprove: engine to prove with', placeHolder: `now: ${current || '(server default)'}` });
  if (picked !== undefined) {
    await vscode.workspace.getConfiguration('leanprove').update('engine', picked.engine, vscode.ConfigurationTarget.Global);
  }
}

function toDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const severity = d.severity === 1 ? vscode.DiagnosticSeverity.Error
    : d.severity === 2 ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, severity);
  diagnostic.source = d.source;
  if (d.code) {
    diagnostic.code = d.code;
  }
  return diagnostic;
}

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
