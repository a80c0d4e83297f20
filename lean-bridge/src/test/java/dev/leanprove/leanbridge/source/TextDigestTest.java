package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TextDigestTest {

  @Test
  void hexOf_isSha256sumOfTheUtf8Bytes() {
    // printf abc | sha256sum
    assertThat(TextDigest.hexOf("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void add_partsSplitDifferently_differ() {
    assertThat(TextDigest.sha256().add("ab").add("c").hex()).isNotEqualTo(TextDigest.sha256().add("a").add("bc").hex());
  }

  @Test
  void add_sameParts_same() {
    assertThat(TextDigest.sha256().add("ℕ").add(7).hex()).isEqualTo(TextDigest.sha256().add("ℕ").add(7).hex());
  }
}
