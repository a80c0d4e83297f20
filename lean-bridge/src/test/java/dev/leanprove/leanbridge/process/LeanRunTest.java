package dev.leanprove.leanbridge.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class LeanRunTest {

  private static final LeanInvocation INVOCATION = new LeanInvocation(
      List.of("lake", "env", "lean", "A.lean"), Path.of("/ws"), Map.of(), Duration.ofSeconds(300),
      8L << 30, "");

  @Test
  void describe_exited_namesArgvCwdCodeTimeAndTails() {
    LeanRun run = new LeanRun(1, Termination.EXITED, "A.lean:1:0: error: boom\n", "lake: failed\n",
        Duration.ofMillis(1500), false);

    assertThat(run.describe(INVOCATION)).isEqualTo(
        "[lake, env, lean, A.lean] in /ws exited with code 1 after 1.5 s\n"
            + "stderr tail:\nlake: failed\n"
            + "stdout tail:\nA.lean:1:0: error: boom");
  }

  @Test
  void describe_timedOut_namesTheLimit() {
    LeanRun run = new LeanRun(-1, Termination.TIMED_OUT, "", "", Duration.ofSeconds(302), true);

    assertThat(run.describe(INVOCATION)).isEqualTo(
        "[lake, env, lean, A.lean] in /ws timed out (limit 300.0 s) after 302.0 s (output truncated)");
  }

  @Test
  void describe_outOfMemoryAndCancelled_sayWhy() {
    assertThat(new LeanRun(-1, Termination.OUT_OF_MEMORY, "", "", Duration.ofSeconds(3), false)
        .describe(INVOCATION)).contains("was killed over its memory limit of 8589934592 bytes after 3.0 s");
    assertThat(new LeanRun(-1, Termination.CANCELLED, "", "", Duration.ofSeconds(3), false)
        .describe(INVOCATION)).contains("was cancelled after 3.0 s");
  }

  @Test
  void describe_longOutput_quotesOnlyItsEnd() {
    String stdout = "x".repeat(10_000) + "THE END";

    String description = new LeanRun(0, Termination.EXITED, stdout, "", Duration.ZERO, false)
        .describe(INVOCATION);

    assertThat(description).endsWith("THE END").contains("stdout tail:\n…x");
    assertThat(description.length()).isLessThan(LeanRun.DESCRIBED_TAIL_CHARS + 200);
  }
}
