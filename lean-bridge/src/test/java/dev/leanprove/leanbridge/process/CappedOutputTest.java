package dev.leanprove.leanbridge.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class CappedOutputTest {

  @Test
  void text_underCap_isEverythingWritten() {
    CappedOutput output = new CappedOutput(16);

    write(output, "abcdef", 4);
    write(output, "ghijklmnop", 3);

    assertThat(output.text()).isEqualTo("abcdefghijklmnop");
    assertThat(output.truncated()).isFalse();
    assertThat(output.omitted()).isZero();
  }

  @Test
  void text_overCapInSmallChunks_keepsHeadAndTailWithMarker() {
    CappedOutput output = new CappedOutput(8);

    write(output, "abcdefghijklmnopqrstuvwxyz", 3);

    assertThat(output.text()).isEqualTo("abcd\n… [18 bytes omitted] …\nwxyz");
    assertThat(output.truncated()).isTrue();
    assertThat(output.omitted()).isEqualTo(18);
  }

  @Test
  void text_chunkLargerThanTail_keepsItsLastBytes() {
    CappedOutput output = new CappedOutput(8);

    write(output, "abcdefghijklmnopqrstuvwxyz", 26);

    assertThat(output.text()).isEqualTo("abcd\n… [18 bytes omitted] …\nwxyz");
  }

  @Test
  void text_oddCap_givesTheExtraByteToTheTail() {
    CappedOutput output = new CappedOutput(5);

    write(output, "0123456789", 1);

    assertThat(output.text()).isEqualTo("01\n… [5 bytes omitted] …\n789");
  }

  @Test
  void text_exactlyAtCap_isNotTruncated() {
    CappedOutput output = new CappedOutput(8);

    write(output, "abcdefgh", 5);

    assertThat(output.text()).isEqualTo("abcdefgh");
    assertThat(output.truncated()).isFalse();
  }

  @Test
  void text_malformedUtf8_isReplacedNotThrown() {
    CappedOutput output = new CappedOutput(64);
    byte[] bytes = {'o', 'k', ' ', (byte) 0xff, ' ', (byte) 0xc3};

    output.write(bytes, 0, bytes.length);

    assertThat(output.text()).isEqualTo("ok \uFFFD \uFFFD");
  }

  @Test
  void text_capCutsMultibyteCharacter_replacesOnlyTheCutParts() {
    CappedOutput output = new CappedOutput(4);
    byte[] bytes = "ééé".getBytes(StandardCharsets.UTF_8);

    output.write(bytes, 0, bytes.length);

    assertThat(output.text()).isEqualTo("é\n… [2 bytes omitted] …\né");
  }

  @Test
  void constructor_capBelowTwo_namesTheBadValue() {
    assertThatThrownBy(() -> new CappedOutput(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(": 1");
  }

  private static void write(CappedOutput output, String text, int chunk) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int offset = 0; offset < bytes.length; offset += chunk) {
      output.write(bytes, offset, Math.min(chunk, bytes.length - offset));
    }
  }
}
