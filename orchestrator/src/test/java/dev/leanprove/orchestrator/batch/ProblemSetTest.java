package dev.leanprove.orchestrator.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.TheoremLocator;
import dev.leanprove.orchestrator.standin.MiniF2F;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProblemSetTest {

  static final int MAX = 1024 * 1024;

  @TempDir
  Path dir;

  @Test
  void load_miniF2FValidDirectory_allProblemsInNameOrder() throws Exception {
    Path valid = MiniF2F.dataDir().resolve("minif2f/Valid");

    ProblemSet set = ProblemSet.load(valid, MAX);

    List<String> files;
    try (var s = Files.list(valid)) {
      files = s.map(p -> p.getFileName().toString().replace(".lean", "")).sorted().collect(Collectors.toList());
    }
    assertThat(set.problems()).extracting(Problem::name).isEqualTo(files).hasSize(244);
    assertThat(set.problems()).allSatisfy(p -> {
      assertThat(p.split()).isEqualTo("valid");
      assertThat(p.readError()).isEmpty();
      assertThat(p.code()).contains("theorem " + p.name()).contains("sorry");
    });
    assertThat(set.issues()).isEmpty();
  }

  @Test
  void load_deepSeekJsonl_eachRowIsALeanFileWithOneSorryTheorem() {
    ProblemSet set = ProblemSet.load(MiniF2F.dataDir().resolve("minif2f-valid.jsonl"), MAX);

    assertThat(set.problems()).hasSize(244);
    assertThat(set.issues()).isEmpty();
    Problem first = set.problems().get(0);
    assertThat(first.name()).isEqualTo("amc12a_2019_p21");
    assertThat(first.split()).isEqualTo("valid");
    assertThat(first.code()).startsWith("import Mathlib\nimport Aesop\n").contains("/-- Let $z=").endsWith(":= by\n  sorry\n");
    assertThat(set.problems()).allSatisfy(p -> assertThat(TheoremLocator.targets(LeanSource.parse(p.code())))
        .as(p.name()).hasSize(1));
  }

  @Test
  void load_jsonlWithBadLines_keepsTheGoodRowsAndReportsTheRest() throws Exception {
    Path file = dir.resolve("p.jsonl");
    Files.writeString(file, String.join("\n",
        "{\"name\": \"ok\", \"split\": \"test\", \"formal_statement\": \"theorem ok : True := by\\n\"}",
        "",
        "[1, 2]",
        "{\"name\": 7, \"formal_statement\": \"theorem x : True := by\\n\"}",
        "{\"name\": \"no_statement\"}",
        "{\"name\": \"term\", \"formal_statement\": \"theorem term : True :=\", \"header\": \"\"}",
        "{\"name\": \"ok\", \"formal_statement\": \"theorem ok : True := by\\n\"}"));

    ProblemSet set = ProblemSet.load(file, MAX);

    assertThat(set.problems()).extracting(Problem::name).containsExactly("ok", "no_statement", "term");
    assertThat(set.problems().get(0).code()).isEqualTo(JsonlProblems.DEFAULT_HEADER + "theorem ok : True := by\n  sorry\n");
    assertThat(set.problems().get(0).split()).isEqualTo("test");
    assertThat(set.problems().get(1).readError()).contains("no \"formal_statement\"");
    assertThat(set.problems().get(2).code()).isEqualTo("theorem term : True := by\n  sorry\n");
    assertThat(set.issues()).extracting(InputIssue::toString).containsExactly(
        file + ":3: not a JSON object", file + ":4: no \"name\"",
        file + ":7: a second problem named ok (first at " + file + ":1); skipped");
  }

  @Test
  void load_unreadableFiles_becomeProblemsThatSayWhy() throws Exception {
    Files.write(dir.resolve("latin1.lean"), new byte[] {'t', 'h', (byte) 0xE9, '\n'});
    Files.writeString(dir.resolve("big.lean"), "theorem big : True := by\n  sorry\n" + "-- padding\n".repeat(20));
    Files.writeString(dir.resolve("fine.lean"), "theorem fine : True := by\n  sorry\n");

    ProblemSet set = ProblemSet.load(dir, 100);

    assertThat(set.problems()).extracting(Problem::name).containsExactly("big", "fine", "latin1");
    assertThat(set.problems().get(0).readError()).hasValueSatisfying(r -> assertThat(r).contains("the limit is 100"));
    assertThat(set.problems().get(1).readError()).isEmpty();
    assertThat(set.problems().get(2).readError()).isPresent();
  }

  @Test
  void load_nestedFolders_splitFromFolderNameDuplicatesAndHiddenFoldersSkipped() throws Exception {
    Files.createDirectories(dir.resolve("Valid"));
    Files.createDirectories(dir.resolve("Test"));
    Files.createDirectories(dir.resolve(".lake/build"));
    Files.writeString(dir.resolve("Valid/a.lean"), "theorem a : True := by\n  sorry\n");
    Files.writeString(dir.resolve("Test/b.lean"), "theorem b : True := by\n  sorry\n");
    Files.writeString(dir.resolve("Valid/b.lean"), "theorem b : True := by\n  sorry\n");
    Files.writeString(dir.resolve(".lake/build/c.lean"), "theorem c : True := by\n  sorry\n");

    ProblemSet set = ProblemSet.load(dir, MAX);

    assertThat(set.problems()).extracting(Problem::name, Problem::split)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "test"), org.assertj.core.groups.Tuple.tuple("a", "valid"));
    assertThat(set.issues()).singleElement().satisfies(i -> assertThat(i.message()).contains("a second problem named b"));
    assertThat(set.select(new ProblemSelection(Optional.empty(), Optional.of("Valid"), OptionalInt.empty())).problems())
        .extracting(Problem::name).containsExactly("a");
  }

  @Test
  void load_missingPath_emptyFolder_orNothingUsable_throw() throws Exception {
    assertThatThrownBy(() -> ProblemSet.load(dir.resolve("nope"), MAX)).isInstanceOf(BatchInputException.class)
        .hasMessageContaining("no such file or directory");
    assertThatThrownBy(() -> ProblemSet.load(dir, MAX)).isInstanceOf(BatchInputException.class)
        .hasMessageContaining("no .lean files or JSONL rows");
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "nope\n");
    assertThatThrownBy(() -> ProblemSet.load(bad, MAX)).isInstanceOf(BatchInputException.class)
        .hasMessageContaining("bad.jsonl:1: not a JSON object");
    Path binary = dir.resolve("binary.jsonl");
    Files.write(binary, new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'});
    assertThatThrownBy(() -> ProblemSet.load(binary, MAX)).isInstanceOf(BatchInputException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void load_singleLeanFile_isOneProblem() throws Exception {
    Path file = dir.resolve("one.lean");
    Files.writeString(file, "theorem one : True := by\n  sorry\n");

    assertThat(ProblemSet.load(file, MAX).problems()).extracting(Problem::name).containsExactly("one");
  }

  @Test
  void select_globSplitAndLimit_keepInputOrder() {
    ProblemSet set = ProblemSet.load(MiniF2F.dataDir().resolve("minif2f/Valid"), MAX);

    assertThat(set.select(new ProblemSelection(Optional.of("{imo,aime}_19[68]*"), Optional.empty(), OptionalInt.of(3))).problems())
        .extracting(Problem::name).containsExactly("aime_1983_p9", "aime_1984_p15", "aime_1984_p5");
    assertThat(set.select(new ProblemSelection(Optional.of("imo_*"), Optional.of("valid"), OptionalInt.empty())).problems())
        .hasSize(20);
    assertThat(set.select(new ProblemSelection(Optional.empty(), Optional.of("test"), OptionalInt.empty())).problems()).isEmpty();
    assertThat(set.select(ProblemSelection.ALL).problems()).hasSize(244);
  }

  @Test
  void selection_badGlobOrLimit_throwNamingIt() {
    assertThatThrownBy(() -> new ProblemSelection(Optional.of("a/b"), Optional.empty(), OptionalInt.empty()))
        .hasMessageContaining("not a name glob: \"a/b\"");
    assertThatThrownBy(() -> new ProblemSelection(Optional.of("[a"), Optional.empty(), OptionalInt.empty()))
        .hasMessageContaining("not a name glob: \"[a\"");
    assertThatThrownBy(() -> new ProblemSelection(Optional.empty(), Optional.empty(), OptionalInt.of(0)))
        .hasMessageContaining("at least 1");
  }

  @Test
  void withSorry_statementEndings() {
    assertThat(JsonlProblems.withSorry("theorem t : True := by\n")).isEqualTo("theorem t : True := by\n  sorry\n");
    assertThat(JsonlProblems.withSorry("theorem t : True := by")).isEqualTo("theorem t : True := by\n  sorry\n");
    assertThat(JsonlProblems.withSorry("theorem t : True :=\n")).isEqualTo("theorem t : True := by\n  sorry\n");
    assertThat(JsonlProblems.withSorry("theorem t : True := trivial\n")).isEqualTo("theorem t : True := trivial\n");
  }
}
