package dev.leanprove.orchestrator.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes {@code summary.json}, {@code summary.md} and {@code summary.html} into the output folder. */
final class ReportFiles {

  static final String JSON = "summary.json";
  static final String MARKDOWN = "summary.md";
  static final String HTML = "summary.html";

  private ReportFiles() {}

  static void write(Path outDir, Summary summary) {
    replace(outDir.resolve(JSON), SummaryJson.of(summary).encodePrettily() + "\n");
    replace(outDir.resolve(MARKDOWN), SummaryMarkdown.of(summary));
    replace(outDir.resolve(HTML), SummaryHtml.of(summary));
  }

  /** Whole or not at all: a reader never sees half a summary. */
  private static void replace(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), ".writing-", ".tmp");
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
