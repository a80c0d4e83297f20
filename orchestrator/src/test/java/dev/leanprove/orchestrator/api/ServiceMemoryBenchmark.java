package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.job.JobLimits;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory of the service with 200 live jobs (issue 10 goal: under 300 MB), printed and never asserted:
 * {@code mvn -B -ntp verify -Pbench -pl orchestrator -am}. Each job proves one real miniF2F file; Lean
 * (the stand-in) takes ten minutes per check, so every job stays live while the figure is taken.
 */
@Tag("bench")
final class ServiceMemoryBenchmark {

  static final int JOBS = 200;

  @TempDir
  Path dir;

  @Test
  void figures() throws Exception {
    try (ProverFixture f = ProverFixture.start(dir)) {
      ServerConfig config = new ServerConfig("127.0.0.1", 0, 256 * 1024)
          .withJobs(JobLimits.DEFAULT.withMaxRunning(JOBS).withQueueSize(JOBS));
      ApiServer server = ApiServer.start(f, StandInProvers.portfolio(f, 600_000), config);
      long before = residentKb();
      List<String> files = problems();
      for (int i = 0; i < JOBS; i++) {
        server.submit(new JsonObject().put("code", files.get(i % files.size())));
      }
      ApiServer.sleep(2000);
      System.gc();
      long after = residentKb();
      long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 10;
      System.out.printf(Locale.ROOT, "BENCH service with %d live jobs: JVM resident %d MB (%d MB before the jobs; heap in"
              + " use after GC %d MB; max heap %d MB) (goal < 300 MB)%n", JOBS, after >> 10, before >> 10, heapUsed >> 10,
          Runtime.getRuntime().maxMemory() >> 20);
      assertThat(after).isPositive();
    }
  }

  private static long residentKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
      }
    }
    return 0;
  }

  private static List<String> problems() throws IOException {
    try (Stream<Path> files = Files.list(dev.leanprove.orchestrator.standin.MiniF2F.dataDir().resolve("minif2f/Valid"))) {
      List<String> texts = new ArrayList<>();
      for (Path p : files.sorted().collect(Collectors.toList())) {
        texts.add(Files.readString(p));
      }
      return texts;
    }
  }
}
