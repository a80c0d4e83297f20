package dev.leanprove.leanbridge.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.verdict.PreparationPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both pools in front of Lean refuse work beyond their queue instead of piling it up. */
final class BoundedQueuesTest {

  @TempDir
  Path dir;

  private LeanInvocation sleep() {
    return new LeanInvocation(List.of("/bin/sleep", "30"), dir, Map.of("PATH", "/usr/bin:/bin"), Duration.ofSeconds(60), 0, "");
  }

  @Test
  void run_queueFull_failsWithLeanBusy() throws Exception {
    try (LeanRunner runner = new LeanRunner(1, 1 << 16, Duration.ofMillis(200), 1)) {
      CompletableFuture<LeanRun> running = runner.run(sleep());
      CompletableFuture<LeanRun> waiting = runner.run(sleep());
      // The first run takes the slot once the pool thread picks it; until then it holds the queue place.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (runner.liveRuns() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      CompletableFuture<LeanRun> refused = runner.run(sleep());

      assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LeanBusyException.class)
          .hasMessageContaining("waiting for a slot");
      assertThat(running).isNotDone();
      assertThat(waiting).isNotDone();
    }
  }

  @Test
  void execute_preparationQueueFull_throwsLeanBusy() throws Exception {
    PreparationPool pool = new PreparationPool(1, 1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    try {
      pool.execute(() -> {
        started.countDown();
        await(release);
      });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      pool.execute(() -> await(release));

      assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(LeanBusyException.class);
    } finally {
      release.countDown();
      pool.close();
    }
    assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(IllegalStateException.class);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
