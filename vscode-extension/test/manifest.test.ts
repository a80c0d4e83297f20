import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './server';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'vscode-extension', 'package.json'), 'utf8'));
const engineSource = path.join(REPO, 'orchestrator', 'src', 'main', 'java', 'dev', 'leanprove', 'orchestrator', 'engine');

test('leanprove.engine: its enum is the server\'s engine names (EngineType and the planner) plus the default', () => {
  const types = fs.readFileSync(path.join(engineSource, 'EngineType.java'), 'utf8');
  const registry = fs.readFileSync(path.join(engineSource, 'EngineRegistry.java'), 'utf8');
  const names = [...types.matchAll(/^\s+[A-Z]+\("([a-z]+)"/gm)].map((m) => m[1]);
  const planner = /PLANNER = "([a-z]+)"/.exec(registry)![1];
  assert.ok(names.length >= 4, names.join(','));

  const setting = manifest.contributes.configuration.properties['leanprove.engine'];

  assert.deepEqual([...setting.enum].sort(), ['', ...names, planner].sort());
  assert.equal(setting.enumDescriptions.length, setting.enum.length);
});

test('.lean files get the lean4 language id without the Lean 4 extension, so the menu and activation work', () => {
  const languages = manifest.contributes.languages as { id: string; extensions: string[] }[];

  assert.ok(languages.some((l) => l.id === 'lean4' && l.extensions.includes('.lean')));
  assert.ok(manifest.activationEvents.includes('onLanguage:lean4'));
});

test('the editor context menu has both prove-at-cursor and check file, for lean4 editors', () => {
  const menu = manifest.contributes.menus['editor/context'] as { command: string; when: string }[];

  assert.deepEqual(menu.map((m) => m.command).sort(), ['leanprove.checkFile', 'leanprove.proveAtCursor']);
  assert.ok(menu.every((m) => m.when === 'editorLangId == lean4'));
});

test('every contributed command is registered by the extension', () => {
  const source = fs.readFileSync(path.join(REPO, 'vscode-extension', 'src', 'extension.ts'), 'utf8');
  for (const { command } of manifest.contributes.commands as { command: string }[]) {
    assert.ok(source.includes(`registerCommand('${command}'`), command);
  }
});
