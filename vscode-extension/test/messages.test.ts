import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ApiError } from '../src/client/api';
import { counted, forPeople, refusalMessage } from '../src/client/messages';
import { describeEvent } from '../src/client/progress';

test('counted: singular for one, plural otherwise, irregular plurals given', () => {
  assert.equal(counted(1, 'attempt'), '1 attempt');
  assert.equal(counted(0, 'attempt'), '0 attempts');
  assert.equal(counted(2, 'sorry', 'sorries'), '2 sorries');
  assert.equal(counted(1, 'sorry', 'sorries'), '1 sorry');
});

test('describeEvent: one proof asked for is "1 proof"; other theorems (subgoal lemmas) keep their name', () => {
  const event = (type: string, data: object) => ({ id: 1, type, data });

  assert.equal(describeEvent(event('attempt_started', { theorem: 't', engine: 'openai', samples: 1 }), 't'), 'asking openai for 1 proof');
  assert.equal(describeEvent(event('attempt_started', { theorem: 't', engine: 'openai', samples: 4 }), 't'), 'asking openai for 4 proofs');
  assert.equal(describeEvent(event('verified', { theorem: 't_sub_1', verdict: 'PROVED' }), 't'), 't_sub_1: Lean accepts a proof');
  assert.equal(describeEvent(event('theorem_done', { theorem: 't', status: 'LEAN_ERROR' }), 't'), 'not proved (LEAN_ERROR)');
});

test('forPeople: the status bar\'s 1-based line and column', () => {
  assert.equal(forPeople({ line: 0, character: 0 }), 'Ln 1, Col 1');
});

test('refusalMessage: messages without a position pass through unchanged', () => {
  const e = new ApiError(422, 'nothing_to_prove', 'theorem t has no sorry to replace');

  assert.equal(refusalMessage(e), 'theorem t has no sorry to replace');
});
