package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.orchestrator.standin.MiniF2F;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other half of the red-team suite: every defence against cheats still lets honest model output
 * through. All 221 DeepSeek-Prover-V2 solutions Lean accepted are checked as the files they are,
 * with the stand-in accepting exactly their published proofs: each comes out PROVED.
 */
final class RealProofsStillProvedTest {

  @TempDir
  Path dir;

  @Test
  void check_everyPublishedDeepSeekSolution_isProved() throws Exception {
    List<String> names;
    try (Stream<Path> files = Files.list(MiniF2F.dataDir().resolve("deepseek-prover-v2-solutions/valid"))) {
      names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".lean"))
          .map(n -> n.substring(0, n.length() - ".lean".length())).sorted().toList();
    }
    assertThat(names).hasSize(221);
    try (StandInLean lean = StandInLean.create(dir, 2)) {
      for (String name : names) {
        lean.accept(name, MiniF2F.realProof(name));
      }
      LakeVerifier verifier = lean.verifier(VerifierConfig.DEFAULT);
      Map<String, CompletableFuture<FileReport>> reports = new LinkedHashMap<>();
      for (String name : names) {
        reports.put(name, verifier.check(LeanSource.parse(MiniF2F.solutionFile(name))));
      }
      List<String> notProved = new ArrayList<>();
      for (Map.Entry<String, CompletableFuture<FileReport>> e : reports.entrySet()) {
        FileReport report = e.getValue().get(120, TimeUnit.SECONDS);
        if (report.status() != ReasonCode.PROVED) {
          notProved.add(e.getKey() + ": " + report.status() + " " + report.detail());
        }
      }
      assertThat(notProved).as("honest solutions refused").isEmpty();
    }
  }
}
