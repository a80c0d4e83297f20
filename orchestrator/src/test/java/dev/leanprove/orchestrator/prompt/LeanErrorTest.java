package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.message.Severity;
import org.junit.jupiter.api.Test;

final class LeanErrorTest {

  @Test
  void of_messageWithRange_keepsBothEnds() {
    LeanMessage message = new LeanMessage("t.lean", new Position(3, 7), new Position(3, 10), Severity.ERROR,
        "lean.unknownIdentifier", "Unknown identifier `foo`");

    assertThat(LeanError.of(message)).isEqualTo(new LeanError(3, 7, 3, 10, "Unknown identifier `foo`"));
  }

  @Test
  void of_messageWithoutEnd_hasNoEnd() {
    LeanMessage message = new LeanMessage("t.lean", new Position(32, 27), null, Severity.ERROR, "", "expected token");

    LeanError error = LeanError.of(message);

    assertThat(error.hasEnd()).isFalse();
    assertThat(error).isEqualTo(LeanError.at(32, 27, "expected token"));
  }

  @Test
  void of_messageWithoutPosition_isRejected() {
    LeanMessage message = new LeanMessage("", null, null, Severity.INFORMATION, "", "5");

    assertThatThrownBy(() -> LeanError.of(message))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no position");
  }

  @Test
  void new_endBeforeStartOrNegative_isRejected() {
    assertThatThrownBy(() -> new LeanError(5, 3, 4, 0, "m")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before start");
    assertThatThrownBy(() -> new LeanError(5, 3, 5, 2, "m")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LeanError(-1, 0, 1, 0, "m")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }
}
