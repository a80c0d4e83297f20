package dev.leanprove.leanbridge.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The recorded Lean outputs in {@code ${leanprove.shared.dir}/lean-transcripts}. */
final class Transcripts {

  private Transcripts() {}

  static Path dir() {
    String shared = System.getProperty("leanprove.shared.dir");
    assertThat(shared)
        .as("system property leanprove.shared.dir: surefire sets it from <systemPropertyVariables>;"
            + " or pass -Dleanprove.shared.dir=PATH")
        .isNotNull();
    Path dir = Path.of(shared, "lean-transcripts");
    assertThat(dir).as("transcripts folder").isDirectory();
    return dir;
  }

  /** The file's text; the fixtures are UTF-8, and a decoding error fails the test. */
  static String read(String caseName, String file) {
    try {
      return Files.readString(dir().resolve(caseName).resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a one-message file as message data: without the newline that ends the file. */
  static String messageText(String caseName, String file) {
    String text = read(caseName, file);
    assertThat(text).as(caseName + "/" + file + " ends with a newline").endsWith("\n");
    return text.substring(0, text.length() - 1);
  }

  /** Line {@code line} (1-based) of the case's input.lean. */
  static String inputLine(String caseName, int line) {
    return read(caseName, "input.lean").split("\n", -1)[line - 1];
  }

  /** The source between two positions on one line, counting columns in code points as Lean does. */
  static String sourceSlice(String caseName, Position from, Position to) {
    assertThat(to.line()).as("slice on one line").isEqualTo(from.line());
    String line = inputLine(caseName, from.line());
    int begin = line.offsetByCodePoints(0, from.column());
    int end = line.offsetByCodePoints(0, to.column());
    return line.substring(begin, end);
  }

  static List<String> caseNames() {
    try (Stream<Path> entries = Files.list(dir())) {
      return entries.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
