package dev.leanprove.orchestrator.job;

import dev.leanprove.orchestrator.search.ProveRequest;
import java.util.Objects;

/**
 * What a job proves.
 *
 * @param wantsEdit whether the result should carry the text edit that turns the posted file into
 *     the proved one (prove-at-cursor requests, which name exactly one theorem)
 */
public record JobRequest(ProveRequest prove, boolean wantsEdit) {

  public JobRequest {
    Objects.requireNonNull(prove, "prove");
  }
}
