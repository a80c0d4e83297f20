package dev.leanprove.orchestrator.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BatchLogTest {

  @TempDir
  Path dir;

  @Test
  void append_everyRecordKind_readsBackTheSame() {
    AttemptRecord attempt = Records.attempt("p", 1, ReasonCode.LEAN_ERROR);
    ProblemRecord invalid = ProblemRecord.invalid(Records.problem("q"), ProblemRecord.InvalidReason.NO_TARGET, "no sorry");
    try (BatchLog log = BatchLog.open(dir, false)) {
      log.append(Records.run(Records.MODEL_RUN));
      log.append(attempt);
      log.append(new ProofRecord("p", "theorem p : True := trivial\n"));
      log.append(Records.proved("p"));
      log.append(invalid);

      RecordedRun read = log.read();

      assertThat(read.settings()).contains(Records.MODEL_RUN);
      assertThat(read.sessions()).isEqualTo(1);
      assertThat(read.attempts("p")).containsExactly(attempt.withoutTexts());
      assertThat(read.attempts("p").get(0).seed()).hasValue(42);
      assertThat(read.proof("p")).contains(new ProofRecord("p", "theorem p : True := trivial\n"));
      assertThat(read.finished("p")).contains(Records.proved("p"));
      assertThat(read.finished("q")).contains(invalid);
      assertThat(read.finished("r")).isEmpty();
      assertThat(read.skipped()).isEmpty();
    }
  }

  @Test
  void append_eachRecordIsOneFlushedLine() throws Exception {
    try (BatchLog log = BatchLog.open(dir, false)) {
      log.append(Records.attempt("p", 0, ReasonCode.LEAN_ERROR));
      // Readable by another process before the log is closed: nothing waits in a buffer.
      List<String> lines = Files.readAllLines(dir.resolve(BatchLog.FILE_NAME));
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).startsWith("{\"type\":\"attempt\",\"problem\":\"p\"").contains("\"rawOutput\":\"\"");
    }
  }

  @Test
  void open_folderWithARunWithoutResume_refusedAndUntouched() throws Exception {
    try (BatchLog log = BatchLog.open(dir, false)) {
      log.append(Records.run(Records.MODEL_RUN));
    }
    byte[] before = Files.readAllBytes(dir.resolve(BatchLog.FILE_NAME));

    assertThatThrownBy(() -> BatchLog.open(dir, false)).isInstanceOf(BatchInputException.class)
        .hasMessageContaining("already holds a batch run").hasMessageContaining("--resume");
    assertThat(Files.readAllBytes(dir.resolve(BatchLog.FILE_NAME))).isEqualTo(before);
  }

  @Test
  void open_resumeAfterAKillMidLine_cutsThePartialLineAndAppendsCleanly() throws Exception {
    try (BatchLog log = BatchLog.open(dir, false)) {
      log.append(Records.attempt("p", 0, ReasonCode.LEAN_ERROR));
    }
    String partial = Records.attempt("p", 1, ReasonCode.PROVED).toJson().encode();
    // More than one read block of garbage, so the search for the last newline crosses blocks.
    Files.writeString(dir.resolve(BatchLog.FILE_NAME), partial.substring(0, partial.length() / 2) + "x".repeat(20_000),
        StandardOpenOption.APPEND);

    try (BatchLog log = BatchLog.open(dir, true)) {
      log.append(Records.attempt("p", 2, ReasonCode.LEAN_ERROR));
      RecordedRun read = log.read();

      assertThat(read.attempts("p")).extracting(AttemptRecord::sample).containsExactly(0, 2);
      assertThat(read.skipped()).isEmpty();
    }
  }

  @Test
  void open_resumeWhenTheOnlyLineIsPartial_startsEmpty() throws Exception {
    Files.writeString(dir.resolve(BatchLog.FILE_NAME), "{\"type\":\"att");

    try (BatchLog log = BatchLog.open(dir, true)) {
      assertThat(Files.size(dir.resolve(BatchLog.FILE_NAME))).isZero();
      assertThat(log.read().sessions()).isZero();
    }
  }

  @Test
  void read_linesThatAreNotRecords_skippedAndReported() throws Exception {
    try (BatchLog log = BatchLog.open(dir, false)) {
      log.append(Records.attempt("p", 0, ReasonCode.LEAN_ERROR));
    }
    Files.writeString(dir.resolve(BatchLog.FILE_NAME), "not json\n{\"type\":\"mystery\"}\n{\"type\":\"attempt\"}\n",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    RecordedRun read = BatchLog.read(dir.resolve(BatchLog.FILE_NAME));

    assertThat(read.attempts("p")).hasSize(1);
    assertThat(read.skipped()).hasSize(3);
    assertThat(read.skipped().get(0)).startsWith("attempts.jsonl:2: not a batch record");
    assertThat(read.skipped().get(1)).contains("unknown type \"mystery\"");
  }

  @Test
  void read_discardAndRepeatedSample_theAttemptNoLongerCounts() {
    RecordedRun run = new RecordedRun();
    run.add(Records.attempt("p", 1, ReasonCode.PROVED));
    run.add(Records.attempt("p", 2, ReasonCode.LEAN_ERROR));
    run.add(Records.attempt("p", 2, ReasonCode.PROVED));
    run.add(new DiscardRecord("p", 1, "killed before the final check"));

    assertThat(run.attempts("p")).extracting(AttemptRecord::sample, AttemptRecord::verdict)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2, ReasonCode.LEAN_ERROR));
    assertThat(run.skipped()).singleElement().satisfies(s -> assertThat(s).contains("a second attempt 2 of p"));
  }

  @Test
  void problemRecord_statusMustFitTheOutcome() {
    assertThatThrownBy(() -> new ProblemRecord("p", "", "", ProblemRecord.Outcome.PROVED, "LEAN_ERROR", "", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProblemRecord("p", "", "", ProblemRecord.Outcome.INVALID, "LEAN_ERROR", "", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProblemRecord("p", "", "", ProblemRecord.Outcome.NOT_PROVED, "PROVED", "", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void proofFiles_namesStayInsideTheFolder() {
    assertThat(ProofFiles.fileName("mathd_algebra_10")).isEqualTo("mathd_algebra_10.lean");
    assertThat(ProofFiles.fileName("../../etc/passwd")).isEqualTo("_._.._etc_passwd.lean");
    assertThat(ProofFiles.fileName("a b/c")).isEqualTo("a_b_c.lean");
    assertThat(ProofFiles.fileName("Nat.add_comm'")).isEqualTo("Nat.add_comm'.lean");
  }
}
