package dev.leanprove.leanbridge.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.message.Severity;
import dev.leanprove.leanbridge.process.Termination;
import dev.leanprove.leanbridge.repl.ReplResponse.CommandResult;
import dev.leanprove.leanbridge.standin.StandInLean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool against the stand-in REPL: real processes, real pipes, real kills. */
final class ReplPoolTest {

  static final String HEADER = "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 400000\n\nopen Real\n\n";
  static final String GOOD = "theorem t : (2 : ℕ) + 2 = 4 := by\n  norm_num\n";
  static final String BAD = "theorem t : (2 : ℕ) + 2 = 4 := by\n  simp\n";
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  StandInLean lean;
  ReplPool pool;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir, 1).withRepl().accept("t", "norm_num");
  }

  @AfterEach
  void tearDown() {
    if (pool != null) {
      pool.close();
    }
    lean.close();
  }

  private ReplPool pool(ReplPoolConfig config) {
    pool = new ReplPool(config.withKillGrace(Duration.ofMillis(300)));
    return pool;
  }

  @Test
  void check_sameHeaderThreeTimes_startsOneProcessAndImportsOnce() throws Exception {
    pool(lean.replConfig(1, 0));

    for (int i = 0; i < 3; i++) {
      ReplReply reply = pool.check(HEADER, GOOD + "\n#print axioms t\n", TIMEOUT).get(30, TimeUnit.SECONDS);
      assertThat(reply.answered()).isTrue();
      assertThat(reply.response().get().messages()).extracting(LeanMessage::data)
          .containsExactly("'t' depends on axioms: [propext, Classical.choice, Quot.sound]");
    }

    assertThat(lean.replStarts()).isEqualTo(1);
    ReplPool.Stats stats = pool.stats();
    assertThat(List.of(stats.live(), stats.idle(), stats.waiting())).containsExactly(1, 1, 0);
    assertThat(List.of(stats.started(), stats.commands())).containsExactly(1L, 3L);
    assertThat(stats.busy()).isPositive();
  }

  @Test
  void check_failingProof_positionsAreTheFilesNotTheCommands() throws Exception {
    pool(lean.replConfig(1, 0));

    ReplReply reply = pool.check(HEADER, BAD, TIMEOUT).get(30, TimeUnit.SECONDS);

    LeanMessage error = reply.response().get().messages().get(0);
    // HEADER has 7 lines, so the theorem starts on line 8; `by` is at column 31.
    assertThat(error.severity()).isEqualTo(Severity.ERROR);
    assertThat(error.pos()).isEqualTo(new Position(8, 31));
    assertThat(error.endPos()).isEqualTo(new Position(9, 6));
    assertThat(error.data()).startsWith("unsolved goals\n");
  }

  @Test
  void check_sorry_reportsSorryWithGoalAtFilePosition() throws Exception {
    pool(lean.replConfig(1, 0));

    ReplReply reply = pool.check(HEADER, "theorem t : (2 : ℕ) + 2 = 4 := by\n  sorry\n", TIMEOUT).get(30, TimeUnit.SECONDS);

    CommandResult result = (CommandResult) reply.response().get();
    assertThat(result.sorries()).hasSize(1);
    assertThat(result.sorries().get(0).pos()).contains(new Position(9, 2));
    assertThat(result.sorries().get(0).goal()).isEqualTo("⊢ (2 : ℕ) + 2 = 4");
    assertThat(result.messages()).extracting(LeanMessage::severity).containsExactly(Severity.WARNING);
  }

  @Test
  void check_otherHeaderWhenFull_evictsTheIdleProcess() throws Exception {
    pool(lean.replConfig(1, 0));

    pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS);
    ReplReply other = pool.check("import Mathlib\n\n", GOOD, TIMEOUT).get(30, TimeUnit.SECONDS);

    assertThat(other.answered()).isTrue();
    assertThat(lean.replStarts()).isEqualTo(2);
    assertThat(pool.stats().live()).isEqualTo(1);
  }

  @Test
  void check_moreThanMaxUses_replacesTheProcess() throws Exception {
    pool(lean.replConfig(1, 0).withMaxUses(2));

    for (int i = 0; i < 3; i++) {
      assertThat(pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS).answered()).isTrue();
    }

    assertThat(lean.replStarts()).isEqualTo(2);
  }

  @Test
  void check_hangingProof_timesOutKillsTreeAndNextCheckGetsFreshProcess() throws Exception {
    pool(lean.replConfig(1, 0));
    pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS);
    List<Long> before = lean.startedPids();

    ReplReply hung = pool.check(HEADER, BAD + "-- FAKE_LEAN: hang\n", Duration.ofMillis(800)).get(30, TimeUnit.SECONDS);

    assertThat(hung.termination()).isEqualTo(Termination.TIMED_OUT);
    assertThat(hung.response()).isEmpty();
    for (long pid : before) {
      assertThat(running(pid)).as("pid " + pid).isFalse();
    }
    assertThat(pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS).answered()).isTrue();
    assertThat(lean.replStarts()).isEqualTo(2);
  }

  @Test
  void check_overMemoryCap_isOutOfMemory() throws Exception {
    lean.env("FAKE_LEAN_EAT_MB", "400");
    pool(lean.replConfig(1, 150L << 20));

    ReplReply reply = pool.check(HEADER, BAD + "-- FAKE_LEAN: eat-memory\n", TIMEOUT).get(30, TimeUnit.SECONDS);

    assertThat(reply.termination()).isEqualTo(Termination.OUT_OF_MEMORY);
    assertThat(pool.stats().live()).isZero();
  }

  @Test
  void check_crash_isExitWithoutAnswerAndPoolRecovers() throws Exception {
    pool(lean.replConfig(1, 0));

    ReplReply crashed = pool.check(HEADER, BAD + "-- FAKE_LEAN: crash\n", TIMEOUT).get(30, TimeUnit.SECONDS);

    assertThat(crashed.termination()).isEqualTo(Termination.EXITED);
    assertThat(crashed.response()).isEmpty();
    assertThat(crashed.stderr()).contains("std::bad_alloc");
    assertThat(pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS).answered()).isTrue();
  }

  @Test
  void check_garbageOutput_isNoAnswerNeverAGuess() throws Exception {
    pool(lean.replConfig(1, 0));

    ReplReply reply = pool.check(HEADER, BAD + "-- FAKE_LEAN: garbage\n", TIMEOUT).get(30, TimeUnit.SECONDS);

    assertThat(reply.answered()).isFalse();
    assertThat(reply.stderr()).contains("could not be read");
  }

  @Test
  void check_cancelled_killsTheProcess() throws Exception {
    pool(lean.replConfig(1, 0));
    pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS);
    List<Long> pids = lean.startedPids();

    CompletableFuture<ReplReply> hanging = pool.check(HEADER, BAD + "-- FAKE_LEAN: hang\n", TIMEOUT);
    Thread.sleep(300);
    hanging.cancel(true);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pids.stream().anyMatch(ReplPoolTest::running)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    for (long pid : pids) {
      assertThat(running(pid)).as("pid " + pid).isFalse();
    }
  }

  @Test
  void check_idleProcessKilledFromOutside_isReplacedNotHandedOut() throws Exception {
    pool(lean.replConfig(1, 0));
    pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS);
    for (long pid : lean.startedPids()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (lean.startedPids().stream().anyMatch(ReplPoolTest::running) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    ReplReply reply = pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS);

    assertThat(reply.answered()).isTrue();
    assertThat(lean.replStarts()).isEqualTo(2);
  }

  @Test
  void acquire_allBusyPastDeadline_failsBusy() throws Exception {
    pool(lean.replConfig(1, 0));
    CompletableFuture<ReplReply> hanging = pool.check(HEADER, BAD + "-- FAKE_LEAN: hang\n", Duration.ofSeconds(20));
    Thread.sleep(300);

    CompletableFuture<ReplPool.Lease> waiting = pool.acquire(HEADER, Duration.ofMillis(300));

    assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ReplPoolBusyException.class);
    hanging.cancel(true);
  }

  @Test
  void acquire_lease_runsSeveralBodiesAgainstTheHeaderEnvironment() throws Exception {
    pool(lean.replConfig(1, 0));

    ReplPool.Lease lease = pool.acquire(HEADER, Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
    ReplReply first = lease.run(GOOD, TIMEOUT).get(30, TimeUnit.SECONDS);
    ReplReply second = lease.run(BAD, TIMEOUT).get(30, TimeUnit.SECONDS);
    lease.release();

    assertThat(lease.headerEnv()).isZero();
    assertThat(first.response().get().messages()).isEmpty();
    // Lease.run answers in the body's own positions: line 1 is the body's first line.
    assertThat(second.response().get().messages().get(0).pos()).isEqualTo(new Position(1, 31));
    assertThat(pool.stats().idle()).isEqualTo(1);
  }

  @Test
  void acquire_missingProgram_failsNotStarted() {
    ReplPoolConfig config = lean.replConfig(1, 0);
    pool(new ReplPoolConfig(List.of(dir.resolve("no-such-repl").toString()), config.workDir(), config.env(),
        config.launcher(), 1, 10, config.headerTimeout(), config.maxWait(), 0, config.killGrace()));

    assertThatThrownBy(() -> pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .satisfies(e -> assertThat(((ReplStartException) e.getCause()).notStarted()).isTrue());
    assertThat(pool.stats().live()).isZero();
  }

  @Test
  void acquire_launcher_wrapsEveryStart() throws Exception {
    // The sandbox seam: the launcher sees the argv and may put a wrapper in front of it.
    pool(lean.replConfig(1, 0).withLauncher(argv -> {
      List<String> wrapped = new java.util.ArrayList<>(List.of("/usr/bin/env"));
      wrapped.addAll(argv);
      return wrapped;
    }));

    assertThat(pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS).answered()).isTrue();
  }

  @Test
  void close_killsIdleProcesses() throws Exception {
    pool(lean.replConfig(2, 0));
    pool.check(HEADER, GOOD, TIMEOUT).get(30, TimeUnit.SECONDS);
    List<Long> pids = lean.startedPids();

    pool.close();

    for (long pid : pids) {
      assertThat(running(pid)).as("pid " + pid).isFalse();
    }
    assertThatThrownBy(() -> pool.check(HEADER, GOOD, TIMEOUT).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  /** Alive and not a zombie: a killed orphan stays a zombie where nothing reaps it (containers without init). */
  static boolean running(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      return java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .noneMatch(l -> l.startsWith("State:") && l.substring(6).trim().startsWith("Z"));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
