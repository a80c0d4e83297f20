package dev.leanprove.orchestrator.prompt;

import dev.leanprove.leanbridge.source.LeanText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finds the Markdown code block that holds a model's Lean code. */
final class CodeBlocks {

  private static final String FENCE = "```";
  private static final Pattern LOOKS_LIKE_LEAN =
      Pattern.compile("(?m)^\\s*(theorem|lemma|example)\\s|:=\\s*by\\b");

  /** One fenced block; {@code language} is the lower-cased first word after the opening fence. */
  record Block(String language, String content, boolean terminated) {}

  private CodeBlocks() {}

  /**
   * The block to take the proof from, in DeepSeek's and Goedel's order: the last closed
   * {@code lean4} block, else an unclosed last {@code lean4} block (output cut by the token
   * limit), else the same for {@code lean}, else the last unlabelled block that looks like Lean.
   */
  static Optional<String> select(String output) {
    List<Block> blocks = parse(output);
    return lastOf(blocks, "lean4", true)
        .or(() -> lastOf(blocks, "lean4", false))
        .or(() -> lastOf(blocks, "lean", true))
        .or(() -> lastOf(blocks, "lean", false))
        .or(() -> lastUnlabelledLean(blocks))
        .map(Block::content);
  }

  /** All fenced blocks in order; only the last can be unterminated. */
  static List<Block> parse(String output) {
    List<Block> blocks = new ArrayList<>();
    int i = output.indexOf(FENCE);
    while (i >= 0) {
      int lineEnd = output.indexOf('\n', i);
      if (lineEnd < 0) {
        break;
      }
      String info = output.substring(i + FENCE.length(), lineEnd).strip();
      String language = info.isEmpty() ? "" : info.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      int contentStart = lineEnd + 1;
      int close = closingFence(output, contentStart);
      if (close < 0) {
        blocks.add(new Block(language, stripFinalNewline(output.substring(contentStart)), false));
        break;
      }
      blocks.add(new Block(language, stripFinalNewline(output.substring(contentStart, close)), true));
      int afterClose = output.indexOf('\n', close);
      i = afterClose < 0 ? -1 : output.indexOf(FENCE, afterClose);
    }
    return blocks;
  }

  /** Index of the line start of the next closing fence (a line whose text starts with ```), or -1. */
  private static int closingFence(String output, int from) {
    int lineStart = from;
    while (lineStart < output.length()) {
      int lineEnd = output.indexOf('\n', lineStart);
      String line = lineEnd < 0 ? output.substring(lineStart) : output.substring(lineStart, lineEnd);
      if (line.stripLeading().startsWith(FENCE)) {
        return lineStart;
      }
      if (lineEnd < 0) {
        return -1;
      }
      lineStart = lineEnd + 1;
    }
    return -1;
  }

  private static String stripFinalNewline(String content) {
    return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
  }

  private static Optional<Block> lastOf(List<Block> blocks, String language, boolean terminated) {
    for (int k = blocks.size() - 1; k >= 0; k--) {
      Block block = blocks.get(k);
      if (block.language().equals(language) && block.terminated() == terminated) {
        return Optional.of(block);
      }
    }
    return Optional.empty();
  }

  private static Optional<Block> lastUnlabelledLean(List<Block> blocks) {
    for (int k = blocks.size() - 1; k >= 0; k--) {
      Block block = blocks.get(k);
      String code = LeanText.blankCommentsAndStrings(block.content());
      if (block.language().isEmpty() && LOOKS_LIKE_LEAN.matcher(code).find()) {
        return Optional.of(block);
      }
    }
    return Optional.empty();
  }
}
