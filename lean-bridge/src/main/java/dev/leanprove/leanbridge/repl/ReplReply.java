package dev.leanprove.leanbridge.repl;

import dev.leanprove.leanbridge.process.Termination;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one command sent to a REPL ended.
 *
 * @param termination {@code EXITED} when the process was not killed (it answered, or died by itself);
 *     otherwise why it was killed: over its time, over its memory, or cancelled
 * @param response the REPL's answer; absent when the process died, was killed or printed no JSON
 * @param exitCode the exit status when the process ended without being killed, else -1
 * @param stderr the tail of what the process wrote to stderr, plus why its output was unreadable if it was
 * @param wall from sending the command to the answer (or the end)
 */
public record ReplReply(Termination termination, Optional<ReplResponse> response, int exitCode, String stderr,
    Duration wall) {

  public ReplReply {
    Objects.requireNonNull(termination, "termination");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(wall, "wall");
  }

  /** Whether the REPL answered with a command's result, the only answer a check can use. */
  public boolean answered() {
    return termination == Termination.EXITED && response.isPresent() && response.get() instanceof ReplResponse.CommandResult;
  }

  ReplReply withResponse(ReplResponse replaced) {
    return new ReplReply(termination, Optional.of(replaced), exitCode, stderr, wall);
  }
}
