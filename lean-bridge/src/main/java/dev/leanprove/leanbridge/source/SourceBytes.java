package dev.leanprove.leanbridge.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns the bytes of a Lean file into text, refusing what Lean itself would refuse. */
public final class SourceBytes {

  private SourceBytes() {}

  /**
   * Strict UTF-8: Lean reads UTF-8 only, and a silently replaced byte could change a statement.
   *
   * @param what names the input in the error message ("body", "file X.lean")
   * @throws IllegalArgumentException naming the offset of the first bad byte
   */
  public static String decode(byte[] bytes, String what) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      return decoder.decode(buffer).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          what + " is not valid UTF-8 (bad byte near offset " + buffer.position() + "); Lean reads UTF-8 only");
    }
  }
}
