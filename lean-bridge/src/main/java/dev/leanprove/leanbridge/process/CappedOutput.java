package dev.leanprove.leanbridge.process;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of one output stream, kept up to a cap: the first half and the last half, with a count
 * of what was dropped in between. Lean prints its errors early and its summary last, so both ends
 * matter and the middle is what can go.
 */
final class CappedOutput {

  private final int headCapacity;
  private final int tailCapacity;
  private byte[] head = new byte[0];
  private int headLength;
  /** A ring buffer, allocated only once the head is full. */
  private byte[] tail;
  private int tailEnd;
  private int tailLength;
  private long total;

  CappedOutput(long capBytes) {
    if (capBytes < 2 || capBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("capBytes must be in [2, " + Integer.MAX_VALUE + "]: " + capBytes);
    }
    this.headCapacity = (int) (capBytes / 2);
    this.tailCapacity = (int) (capBytes - capBytes / 2);
  }

  synchronized void write(byte[] bytes, int offset, int length) {
    total += length;
    int toHead = Math.min(length, headCapacity - headLength);
    if (toHead > 0) {
      growHead(headLength + toHead);
      System.arraycopy(bytes, offset, head, headLength, toHead);
      headLength += toHead;
    }
    if (length > toHead) {
      appendTail(bytes, offset + toHead, length - toHead);
    }
  }

  /** Whether bytes were dropped from the middle. */
  synchronized boolean truncated() {
    return omitted() > 0;
  }

  synchronized long omitted() {
    return total - headLength - tailLength;
  }

  /**
   * The kept bytes as UTF-8, malformed input replaced by U+FFFD, with a marker where the middle was
   * dropped. Head and tail are decoded separately when they are not adjacent, so a character cut
   * by the cap becomes a replacement character instead of a wrong one.
   */
  synchronized String text() {
    byte[] tailBytes = tailBytes();
    if (!truncated()) {
      byte[] all = new byte[headLength + tailBytes.length];
      System.arraycopy(head, 0, all, 0, headLength);
      System.arraycopy(tailBytes, 0, all, headLength, tailBytes.length);
      return new String(all, StandardCharsets.UTF_8);
    }
    return new String(head, 0, headLength, StandardCharsets.UTF_8)
        + "\n… [" + omitted() + " bytes omitted] …\n"
        + new String(tailBytes, StandardCharsets.UTF_8);
  }

  private void growHead(int needed) {
    if (needed > head.length) {
      int size = (int) Math.min(headCapacity, Math.max(needed, Math.max(8192L, 2L * head.length)));
      byte[] grown = new byte[size];
      System.arraycopy(head, 0, grown, 0, headLength);
      head = grown;
    }
  }

  private void appendTail(byte[] bytes, int offset, int length) {
    if (tail == null) {
      tail = new byte[tailCapacity];
    }
    if (length >= tailCapacity) {
      System.arraycopy(bytes, offset + length - tailCapacity, tail, 0, tailCapacity);
      tailEnd = 0;
      tailLength = tailCapacity;
      return;
    }
    int first = Math.min(length, tailCapacity - tailEnd);
    System.arraycopy(bytes, offset, tail, tailEnd, first);
    System.arraycopy(bytes, offset + first, tail, 0, length - first);
    tailEnd = (tailEnd + length) % tailCapacity;
    tailLength = Math.min(tailCapacity, tailLength + length);
  }

  private byte[] tailBytes() {
    byte[] ordered = new byte[tailLength];
    if (tailLength == 0) {
      return ordered;
    }
    int start = Math.floorMod(tailEnd - tailLength, tailCapacity);
    int first = Math.min(tailLength, tailCapacity - start);
    System.arraycopy(tail, start, ordered, 0, first);
    System.arraycopy(tail, 0, ordered, first, tailLength - first);
    return ordered;
  }
}
