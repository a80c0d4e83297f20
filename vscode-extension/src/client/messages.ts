/**
 * What the editor tells a person about a finished check or proof and about a refused request.
 * Positions shown to people count from 1, as the editor's status bar does ("Ln 3, Col 5"); the
 * API's count from 0 (LSP).
 */

import { ApiError, CheckReport, ProveResult } from './api';
import { Position } from './edits';

/** "1 proof", "2 proofs", "2 sorries": a count with its noun in the right number. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** A 0-based position as the status bar shows it. */
export function forPeople(position: Position): string {
  return `Ln ${position.line + 1}, Col ${position.character + 1}`;
}

/**
 * One line for a checked file: how many errors Lean reported, how many declarations use sorry,
 * and how many theorems Lean accepts, e.g. "1 error, 2 sorries, 0 of 3 theorems proved".
 */
export function checkSummary(report: CheckReport): string {
  const errors = report.diagnostics.filter((d) => d.severity === 1).length;
  const sorries = report.diagnostics.filter((d) => d.code === 'hasSorry' || /declaration uses .sorry/.test(d.message)).length;
  const theorems = report.theorems;
  const proved = theorems.filter((t) => t.status === 'PROVED').length;
  const parts = [counted(errors, 'error'), counted(sorries, 'sorry', 'sorries'),
    `${proved} of ${counted(theorems.length, 'theorem')} proved`];
  if (theorems.length === 0 && errors === 0) {
    // Nothing the server could judge theorem by theorem: its own words are all there is.
    parts.push(`${report.status}: ${report.detail}`);
  }
  return parts.join(', ');
}

/** Why a theorem was not proved, e.g. "LEAN_ERROR: not proved within the budget (1 attempt)". */
export function notProvedSummary(result: ProveResult): string {
  const theorem = result.theorems[0];
  return theorem === undefined ? result.status : `${theorem.status}: ${theorem.detail}`;
}

/**
 * The message for a request the server refused. The API counts lines and columns from 0, people
 * (and the status bar) from 1: a refusal that names a position names it the people's way.
 */
export function refusalMessage(error: ApiError): string {
  const m = /^line (\d+), column (\d+)( is .*?)(?: \(lines and columns count from 0[^)]*\))?$/s.exec(error.message);
  if (m === null) {
    return error.message;
  }
  return `the cursor (${forPeople({ line: Number(m[1]), character: Number(m[2]) })})${m[3]}`;
}
