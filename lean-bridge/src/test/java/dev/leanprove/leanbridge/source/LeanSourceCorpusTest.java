package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link LeanSource} on the real miniF2F statements and DeepSeek-Prover-V2 proofs in the shared data folder. */
final class LeanSourceCorpusTest {

  private static Path shared(String relative) {
    String dir = System.getProperty("leanprove.shared.dir");
    assertThat(dir).as("system property leanprove.shared.dir (set by surefire)").isNotBlank();
    return Path.of(dir).resolve(relative);
  }

  private static List<Path> leanFiles(String relative) throws IOException {
    try (Stream<Path> files = Files.list(shared(relative))) {
      return files.filter(f -> f.toString().endsWith(".lean")).sorted().toList();
    }
  }

  private static String nameOf(Path file) {
    String fileName = file.getFileName().toString();
    return fileName.substring(0, fileName.length() - ".lean".length());
  }

  private static String squeezeWhitespace(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  @Test
  void parse_minif2fValidFiles_oneSorryTheoremEach() throws IOException {
    List<Path> files = leanFiles("data/minif2f/Valid");
    assertThat(files).hasSize(244);
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      LeanSource source = LeanSource.parse(text);
      assertThat(source.theorems()).as(file.toString()).hasSize(1);
      Declaration d = source.theorems().get(0);
      String name = nameOf(file);
      String expectedStatement = text.substring(text.indexOf("theorem " + name), text.lastIndexOf(":=")).strip();
      assertThat(d.name()).as(name).isEqualTo(name);
      assertThat(d.kind()).as(name).isEqualTo(DeclarationKind.THEOREM);
      assertThat(d.statement()).as(name).isEqualTo(expectedStatement);
      assertThat(text.substring(d.proofStart() - 2, d.proofStart())).as(name).isEqualTo(":=");
      assertThat(d.proof()).as(name).matches("by\\s+sorry");
      assertThat(d.end()).as(name).isEqualTo(text.stripTrailing().length());
      assertThat(source.header().text()).as(name).contains("import Mathlib");
      assertThat(source.header().end()).as(name).isEqualTo(d.start());
      assertThat(source.sorryOffsets()).as(name).containsExactly(text.lastIndexOf("sorry"));
      assertThat(TheoremLocator.targets(source)).as(name).containsExactly(d);
      assertThat(source.theorem(name)).as(name).contains(d);
      assertThat(TheoremLocator.containing(source, source.positionAt(text.lastIndexOf("sorry"))))
          .as(name).contains(d);
    }
  }

  @Test
  void parse_deepseekProverSolutions_oneCompleteProofEach() throws IOException {
    List<Path> files = leanFiles("data/deepseek-prover-v2-solutions/valid");
    assertThat(files).hasSize(221);
    int proofsWithComments = 0;
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      LeanSource source = LeanSource.parse(text);
      assertThat(source.theorems()).as(file.toString()).hasSize(1);
      Declaration d = source.theorems().get(0);
      String name = nameOf(file);
      int keyword = text.indexOf("\ntheorem " + name + " ") + 1;
      String expectedStatement = text.substring(keyword, text.indexOf(":= by\n", keyword)).strip();
      assertThat(d.name()).as(name).isEqualTo(name);
      assertThat(d.keywordStart()).as(name).isEqualTo(keyword);
      assertThat(d.start()).as(name).isEqualTo(text.lastIndexOf("/--", keyword));
      assertThat(d.statement()).as(name).isEqualTo(expectedStatement);
      assertThat(d.proof()).as(name).startsWith("by").isEqualTo(text.substring(d.proofStart()).strip());
      assertThat(text.substring(d.end())).as(name).isBlank();
      assertThat(source.header().text()).as(name).contains("import Mathlib");
      assertThat(source.sorryOffsets()).as(name).isEmpty();
      assertThat(TheoremLocator.targets(source)).as(name).isEmpty();
      assertThat(squeezeWhitespace(source.replaceProof(d, d.proof())))
          .as(name).isEqualTo(squeezeWhitespace(text));
      String sketch = source.replaceProof(d, "by\n  sorry");
      LeanSource reparsed = LeanSource.parse(sketch);
      assertThat(reparsed.theorems()).as(name).extracting(Declaration::statement).containsExactly(d.statement());
      assertThat(TheoremLocator.targets(reparsed)).as(name).extracting(Declaration::name).containsExactly(name);
      if (d.proof().contains("--") || d.proof().contains("/-")) {
        proofsWithComments++;
      }
    }
    assertThat(proofsWithComments).as("proofs that carry comments, which must not cut them short").isGreaterThan(100);
  }

  @Test
  void parse_minif2fJsonlFormalStatements_oneDeclarationEach() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(shared("data/minif2f-valid.jsonl"), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        rows.add(json.readTree(line));
      }
    }
    assertThat(rows).hasSize(244);
    for (JsonNode row : rows) {
      String name = row.get("name").asText();
      String statement = row.get("formal_statement").asText();
      LeanSource alone = LeanSource.parse(statement);
      assertThat(alone.theorems()).as(name).hasSize(1);
      Declaration d = alone.theorems().get(0);
      assertThat(d.name()).as(name).isEqualTo(name);
      assertThat(d.statement()).as(name).isEqualTo(statement.substring(0, statement.lastIndexOf(":=")).strip());
      assertThat(d.proof()).as(name).isEqualTo("by");
      assertThat(alone.header().end()).as(name).isZero();

      String header = row.get("header").asText();
      String docstring = row.get("informal_prefix").asText();
      String file = header + docstring + statement + "  sorry\n";
      LeanSource full = LeanSource.parse(file);
      assertThat(full.header().text()).as(name).isEqualTo(header);
      assertThat(full.theorems()).as(name).hasSize(1);
      assertThat(TheoremLocator.targets(full)).as(name).extracting(Declaration::start).containsExactly(header.length());
      assertThat(full.theorem(name)).as(name).map(Declaration::statement).contains(d.statement());
    }
  }
}
