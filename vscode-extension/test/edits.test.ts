import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyTextEdit, editStillApplies, offsetAt, positionAt, textInRange } from '../src/client/edits';

const WIDE = 'theorem t (𝕜 : ℝ) : 𝕜 = 𝕜 := by sorry\nnext line\n';

test('offsetAt: characters count UTF-16 code units, so a non-BMP letter counts two', () => {
  const character = WIDE.indexOf('sorry');

  assert.equal(offsetAt(WIDE, { line: 0, character }), character);
  assert.equal(textInRange(WIDE, { start: { line: 0, character }, end: { line: 0, character: character + 5 } }), 'sorry');
  assert.equal(character - [...WIDE.slice(0, character)].length, 3);
});

test('applyTextEdit: replaces the range, across lines too', () => {
  const text = 'theorem t : 1 = 1 := by\n  sorry\n';

  assert.equal(applyTextEdit(text, { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } }, newText: 'rfl' }),
    'theorem t : 1 = 1 := by\n  rfl\n');
  assert.equal(applyTextEdit(text, { range: { start: { line: 0, character: 21 }, end: { line: 1, character: 7 } }, newText: 'rfl' }),
    'theorem t : 1 = 1 := rfl\n');
});

test('offsetAt: CRLF line ends are not part of the line', () => {
  const text = 'ab\r\ncd';

  assert.equal(offsetAt(text, { line: 1, character: 1 }), 5);
  assert.equal(offsetAt(text, { line: 0, character: 2 }), 2);
  assert.throws(() => offsetAt(text, { line: 0, character: 3 }), RangeError);
});

test('offsetAt: positions outside the text are refused', () => {
  assert.throws(() => offsetAt('a\nb', { line: 2, character: 0 }), /line 2/);
  assert.throws(() => offsetAt('a\nb', { line: 0, character: 2 }), /character 2/);
  assert.throws(() => offsetAt('a', { line: -1, character: 0 }), RangeError);
  assert.throws(() => applyTextEdit('abc', { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 1 } }, newText: '' }),
    /ends before/);
});

test('positionAt: is the inverse of offsetAt', () => {
  for (let offset = 0; offset <= WIDE.length; offset++) {
    const p = positionAt(WIDE, offset);
    if (WIDE[offset - 1] !== '\r') {
      assert.equal(offsetAt(WIDE, p), offset);
    }
  }
});

test('editStillApplies: true while the replaced text is in place, false once it changed', () => {
  const original = 'theorem t : 1 = 1 := by\n  sorry\n';
  const edit = { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } }, newText: 'rfl' };

  assert.equal(editStillApplies(original, original.replace('1 = 1', '1 = 1 '), edit), true);
  assert.equal(editStillApplies(original, original.replace('sorry', 'simp'), edit), false);
  assert.equal(editStillApplies(original, 'x', edit), false);
});
