/** What the editor shows while a job runs: a line per event, and the progress bar's increments. */

import { JobEvent } from './api';
import { counted } from './messages';

/**
 * A short line for the progress notification, or undefined for events not worth showing. The
 * notification's title already names the job's `theorem`, so events about it do not repeat the
 * name; events about other theorems (a decomposition's subgoal lemmas) say which they concern.
 */
export function describeEvent(event: JobEvent, theorem?: string): string | undefined {
  const d = event.data ?? {};
  const about = (text: string) => (d.theorem === undefined || d.theorem === theorem ? text : `${d.theorem}: ${text}`);
  switch (event.type) {
    case 'queued':
      return d.position > 0 ? `waiting for a free slot (${d.position} in the queue)` : 'starting';
    case 'started':
      return 'searching';
    case 'attempt_started':
      return about(d.samples > 0 ? `asking ${d.engine} for ${counted(d.samples, 'proof')}` : `trying ${d.strategy}`);
    case 'candidate':
      return about(`checking a ${d.strategy} candidate with Lean`);
    case 'verified':
      return about(d.verdict === 'PROVED' ? 'Lean accepts a proof' : `candidate rejected (${d.verdict})`);
    case 'subgoal':
      return about(`subgoal ${d.subgoal}`);
    case 'theorem_done':
      return about(d.status === 'PROVED' ? 'proved' : `not proved (${d.status})`);
    case 'result':
      return d.status === 'PROVED' ? 'proved' : `not proved (${d.status})`;
    case 'error':
      return `failed: ${d.message}`;
    case 'cancelled':
      return 'cancelled';
    default:
      return undefined;
  }
}

/**
 * Turns `progress` events ({done, total}) into the increments (in percent) a progress bar
 * takes, never going backwards and never past 100.
 */
export class ProgressTracker {
  private reported = 0;

  /** The increment to report for this event, or undefined when the bar does not move. */
  update(event: JobEvent): number | undefined {
    if (event.type !== 'progress' || !(event.data?.total > 0)) {
      return undefined;
    }
    const percent = Math.min(100, (100 * event.data.done) / event.data.total);
    if (percent <= this.reported) {
      return undefined;
    }
    const increment = percent - this.reported;
    this.reported = percent;
    return increment;
  }

  get percent(): number {
    return this.reported;
  }
}
