/**
 * Language Server Protocol text positions on plain strings: lines count from 0 and `character`
 * counts UTF-16 code units from 0, which is how JavaScript indexes strings. The leanprove server
 * uses the same convention for prove-at-cursor positions, text edits and diagnostics.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** The offset of a position; a position outside the text throws a RangeError. */
export function offsetAt(text: string, position: Position): number {
  if (!Number.isInteger(position.line) || !Number.isInteger(position.character) || position.line < 0 || position.character < 0) {
    throw new RangeError(`not a position: ${JSON.stringify(position)}`);
  }
  let lineStart = 0;
  for (let line = 0; line < position.line; line++) {
    const newline = text.indexOf('\n', lineStart);
    if (newline < 0) {
      throw new RangeError(`line ${position.line} is past the end of the text (${line + 1} lines)`);
    }
    lineStart = newline + 1;
  }
  const newline = text.indexOf('\n', lineStart);
  let lineEnd = newline < 0 ? text.length : newline;
  if (lineEnd > lineStart && text[lineEnd - 1] === '\r') {
    lineEnd--;
  }
  if (lineStart + position.character > lineEnd) {
    throw new RangeError(`character ${position.character} is past the end of line ${position.line} (${lineEnd - lineStart} code units)`);
  }
  return lineStart + position.character;
}

/** The position of an offset (clamped to the text). */
export function positionAt(text: string, offset: number): Position {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < o; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: o - lineStart };
}

export function textInRange(text: string, range: Range): string {
  const start = offsetAt(text, range.start);
  const end = offsetAt(text, range.end);
  if (end < start) {
    throw new RangeError(`range ends before it starts: ${JSON.stringify(range)}`);
  }
  return text.slice(start, end);
}

/** The text with the edit applied. */
export function applyTextEdit(text: string, edit: TextEdit): string {
  const start = offsetAt(text, edit.range.start);
  const end = offsetAt(text, edit.range.end);
  if (end < start) {
    throw new RangeError(`range ends before it starts: ${JSON.stringify(edit.range)}`);
  }
  return text.slice(0, start) + edit.newText + text.slice(end);
}

/**
 * Whether an edit computed against `original` can still be applied to `current` (the document
 * as it is now): the range still holds the text the edit was made to replace. Edits elsewhere
 * that keep the lines in place do not matter; editors apply edits by line and character.
 */
export function editStillApplies(original: string, current: string, edit: TextEdit): boolean {
  try {
    return textInRange(original, edit.range) === textInRange(current, edit.range);
  } catch (e) {
    if (e instanceof RangeError) {
      return false;
    }
    throw e;
  }
}
