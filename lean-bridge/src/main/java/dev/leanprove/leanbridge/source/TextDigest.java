package dev.leanprove.leanbridge.source;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest over a sequence of texts and numbers. Each part is length-prefixed, so two
 * different sequences never hash the same bytes ("ab","c" and "a","bc" differ).
 */
public final class TextDigest {

  private final MessageDigest sha;

  private TextDigest() {
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** An empty digest to add parts to. */
  public static TextDigest sha256() {
    return new TextDigest();
  }

  /** The hex SHA-256 of one text's UTF-8 bytes, with no length prefix (as {@code sha256sum} prints it). */
  public static String hexOf(String text) {
    TextDigest digest = new TextDigest();
    digest.sha.update(text.getBytes(StandardCharsets.UTF_8));
    return digest.hex();
  }

  public TextDigest add(String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    add(bytes.length);
    sha.update(bytes);
    return this;
  }

  public TextDigest add(long number) {
    sha.update(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
    return this;
  }

  /** The digest as 64 lower-case hex digits; the digest cannot be added to afterwards. */
  public String hex() {
    return HexFormat.of().formatHex(sha.digest());
  }
}
