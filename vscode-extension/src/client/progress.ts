/** What the editor shows while a job runs: a line per event, and the progress bar's increments. */

import { JobEvent } from './api';

/** A short line for the progress notification, or undefined for events not worth showing. */
export function describeEvent(event: JobEvent): string | undefined {
  const d = event.data ?? {};
  switch (event.type) {
    case 'queued':
      return d.position > 0 ? `waiting for a free slot (${d.position} in the queue)` : 'starting';
    case 'started':
      return 'searching';
    case 'attempt_started':
      return d.samples > 0 ? `${d.theorem}: asking ${d.engine} for ${d.samples} proofs` : `${d.theorem}: trying ${d.strategy}`;
    case 'candidate':
      return `${d.theorem}: checking a ${d.strategy} candidate with Lean`;
    case 'verified':
      return d.verdict === 'PROVED' ? `${d.theorem}: Lean accepts a proof` : `${d.theorem}: candidate rejected (${d.verdict})`;
    case 'subgoal':
      return `${d.theorem}: subgoal ${d.subgoal}`;
    case 'theorem_done':
      return `${d.theorem}: ${d.status}`;
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
