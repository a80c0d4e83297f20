package dev.leanprove.orchestrator.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code summary.html}: one self-contained page (no network, no files beside it) that draws the
 * summary's charts and tables from the summary JSON embedded in it.
 */
final class SummaryHtml {

  private static final String TEMPLATE = "summary.html";
  private static final String SLOT = "/*SUMMARY_JSON*/";

  private SummaryHtml() {}

  static String of(Summary s) {
    String template = template();
    int slot = template.indexOf(SLOT);
    return template.substring(0, slot) + scriptSafe(SummaryJson.of(s).encode()) + template.substring(slot + SLOT.length());
  }

  /**
   * JSON inside a script element: {@code <} could close it ({@code </script>}) or open a comment,
   * so it and its neighbours are written as JSON escapes, which parse to the same string.
   */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  private static String template() {
    try (InputStream in = SummaryHtml.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("the report template " + TEMPLATE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
