/**
 * Long proof requests as jobs: a bounded queue in front of the prover, states, an ordered log
 * of events per job (for progress streams that can resume), cancellation that kills Lean, and
 * eviction of finished jobs. Knows nothing of HTTP.
 */
@CheckReturnValue
package dev.leanprove.orchestrator.job;

import com.google.errorprone.annotations.CheckReturnValue;
