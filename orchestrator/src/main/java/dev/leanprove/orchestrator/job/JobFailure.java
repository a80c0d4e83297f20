package dev.leanprove.orchestrator.job;

import java.util.Objects;

/**
 * Why a job stopped without a result.
 *
 * @param code a stable machine-readable code ({@code bad_request}, {@code internal}, ...)
 */
public record JobFailure(String code, String message) {

  /** The model server could not be used at all (down, refusing the key, unknown model) and nothing was proved. */
  public static final String ENGINE_UNAVAILABLE = "engine_unavailable";

  public JobFailure {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
