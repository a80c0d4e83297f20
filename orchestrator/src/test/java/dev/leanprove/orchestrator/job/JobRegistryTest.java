package dev.leanprove.orchestrator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.NoTargetException;
import dev.leanprove.orchestrator.search.ProveRequest;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JobRegistryTest {

  static final Budget BUDGET = new Budget(4, 100_000, Duration.ofMinutes(1));

  @TempDir
  Path dir;

  ProverFixture f;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir).acceptEasy();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  static String easy(String name) {
    return ProverFixture.easyFile(name);
  }

  static String hard(String name) {
    return "import Mathlib\n\ntheorem " + name + " : (3 : ℝ) + 3 = 7 := by\n  sorry\n";
  }

  static JobRequest request(String code) {
    return new JobRequest(new ProveRequest(code, Optional.empty(), "", BUDGET), false);
  }

  private JobRegistry registry(long leanDelayMillis, JobLimits limits) {
    return new JobRegistry(f.vertx, StandInProvers.portfolio(f, leanDelayMillis), limits);
  }

  private static void await(BooleanSupplier condition) {
    try {
      ProcessProbe.awaitCondition(condition, Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(condition.getAsBoolean()).as("condition reached within 10 s").isTrue();
  }

  private static List<String> names(List<JobEvent> events) {
    return events.stream().map(JobEvent::name).collect(Collectors.toList());
  }

  @Test
  void submit_freeSlot_runsAndLogsOrderedEventsEndingInResult() {
    JobRegistry jobs = registry(0, JobLimits.DEFAULT);

    Job job = jobs.submit(request(easy("easy_one")));
    JobSnapshot done = job.finished().await();

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).hasValueSatisfying(r -> assertThat(r.result().proved()).isTrue());
    assertThat(done.result().get().edit()).isEmpty();
    List<JobEvent> events = job.events();
    assertThat(events).extracting(JobEvent::seq).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().collect(Collectors.toList()));
    assertThat(names(events)).containsSubsequence("queued", "started", "theorem_started", "progress", "attempt_started",
        "candidate", "verified", "theorem_done", "progress", "result");
    assertThat(names(events).get(0)).isEqualTo("queued");
    assertThat(events.get(events.size() - 1)).isInstanceOf(JobEvent.Finished.class);
    assertThat(events).filteredOn(JobEvent::terminal).hasSize(1);
    List<JobEvent.Progress> progress = events.stream().filter(e -> e instanceof JobEvent.Progress)
        .map(e -> (JobEvent.Progress) e).collect(Collectors.toList());
    assertThat(progress.get(0).done()).isZero();
    assertThat(progress.get(progress.size() - 1)).satisfies(p -> {
      assertThat(p.done()).isEqualTo(p.total()).isEqualTo(BUDGET.samples() + 1);
      assertThat(p.theoremsDone()).isEqualTo(1);
    });
    assertThat(done.lastEventId()).isEqualTo(events.size());
  }

  @Test
  void submit_notProved_endsFailedWithTheResult() {
    JobRegistry jobs = registry(0, JobLimits.DEFAULT);

    JobSnapshot done = jobs.submit(request(hard("hard_one"))).finished().await();

    assertThat(done.state()).isEqualTo(JobState.FAILED);
    assertThat(done.failure()).isEmpty();
    assertThat(done.result()).hasValueSatisfying(r -> assertThat(r.result().proved()).isFalse());
  }

  @Test
  void submit_unknownTheorem_isRefusedBeforeQueueing() {
    JobRegistry jobs = registry(0, JobLimits.DEFAULT);
    JobRequest named = new JobRequest(new ProveRequest(easy("easy_one"), Optional.of("nope"), "", BUDGET), false);

    assertThatThrownBy(() -> jobs.submit(named)).isInstanceOf(NoTargetException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> jobs.submit(new JobRequest(new ProveRequest(easy("e"), Optional.empty(), "gpt", BUDGET), false)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown engine");
    assertThat(jobs.recent(10)).isEmpty();
    assertThat(f.lean.leanRuns()).isZero();
  }

  @Test
  void submit_allSlotsBusy_queuesAndRunsWhenOneFrees() {
    JobRegistry jobs = registry(300, JobLimits.DEFAULT.withMaxRunning(1));

    Job first = jobs.submit(request(easy("first_one")));
    Job second = jobs.submit(request(easy("second_one")));

    assertThat(second.snapshot().state()).isEqualTo(JobState.QUEUED);
    assertThat(second.events().get(0)).isEqualTo(new JobEvent.Queued(1, 1));
    assertThat(jobs.queuedCount()).isEqualTo(1);
    JobSnapshot secondDone = second.finished().await();
    JobSnapshot firstDone = first.finished().await();
    assertThat(secondDone.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(secondDone.startedAt().orElseThrow()).isAfterOrEqualTo(firstDone.finishedAt().orElseThrow());
  }

  @Test
  void submit_queueFull_isRefusedWithRetryAfter() {
    JobRegistry jobs = registry(20_000, JobLimits.DEFAULT.withMaxRunning(1).withQueueSize(1));
    jobs.submit(request(easy("running_one")));
    jobs.submit(request(easy("waiting_one")));

    assertThatThrownBy(() -> jobs.submit(request(easy("refused_one"))))
        .isInstanceOf(QueueFullException.class)
        .hasMessageContaining("1 are waiting")
        .satisfies(e -> assertThat(((QueueFullException) e).retryAfter()).isPositive());
    assertThat(jobs.recent(10)).hasSize(2);
    jobs.cancelAll().await();
  }

  @Test
  void cancel_queuedJob_neverRuns() {
    JobRegistry jobs = registry(300, JobLimits.DEFAULT.withMaxRunning(1));
    Job first = jobs.submit(request(easy("first_one")));
    Job second = jobs.submit(request(easy("second_one")));

    JobSnapshot cancelled = jobs.cancel(second.id()).orElseThrow();
    first.finished().await();
    await(() -> jobs.runningCount() == 0);

    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(names(second.events())).containsExactly("queued", "cancelled");
    assertThat(second.snapshot().startedAt()).isEmpty();
    assertThat(jobs.queuedCount()).isZero();
  }

  @Test
  void cancel_runningJob_killsItsLean() {
    // The stand-in would check for ten minutes: only the kill can end it within the wait.
    JobRegistry jobs = registry(600_000, JobLimits.DEFAULT);
    Job job = jobs.submit(request(easy("slow_one")));
    await(() -> f.lean.leanRuns() >= 1);

    JobSnapshot cancelled = jobs.cancel(job.id()).orElseThrow();
    await(() -> f.lean.startedPids().stream().noneMatch(ProcessProbe::isRunning));

    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(f.lean.startedPids()).isNotEmpty().noneMatch(ProcessProbe::isRunning);
    assertThat(job.events().get(job.events().size() - 1)).isInstanceOf(JobEvent.Cancelled.class);
    // The search winds down after the kill; its partial result is attached but no event follows the terminal one.
    job.released().await();
    assertThat(job.snapshot().result()).isPresent();
    assertThat(job.events()).filteredOn(JobEvent::terminal).hasSize(1);
    assertThat(jobs.runningCount()).isZero();
  }

  @Test
  void cancel_finishedOrUnknownJob_changesNothing() {
    JobRegistry jobs = registry(0, JobLimits.DEFAULT);
    Job job = jobs.submit(request(easy("easy_one")));
    job.finished().await();

    assertThat(jobs.cancel(job.id())).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(JobState.SUCCEEDED));
    assertThat(jobs.cancel("no-such-job")).isEmpty();
    assertThat(names(job.events())).last().isEqualTo("result");
  }

  @Test
  void subscribe_afterASeq_getsTheRestThenLiveEventsWithoutGapsOrRepeats() {
    JobRegistry jobs = registry(200, JobLimits.DEFAULT);
    Job job = jobs.submit(request(easy("easy_one")));
    await(() -> job.events().size() >= 3);

    List<JobEvent> seen = new CopyOnWriteArrayList<>();
    job.subscribe(2, seen::add);
    job.finished().await();

    assertThat(seen.get(0).seq()).isEqualTo(3);
    assertThat(seen).extracting(JobEvent::seq).isSorted().doesNotHaveDuplicates();
    assertThat(seen.get(seen.size() - 1).seq() - 2).isEqualTo(seen.size());
    assertThat(seen.get(seen.size() - 1).terminal()).isTrue();
    assertThat(job.subscriberCount()).isZero();
  }

  @Test
  void subscribe_toAFinishedJob_replaysAndKeepsNothing() {
    JobRegistry jobs = registry(0, JobLimits.DEFAULT);
    Job job = jobs.submit(request(easy("easy_one")));
    job.finished().await();
    List<JobEvent> seen = new ArrayList<>();

    job.subscribe(0, seen::add).unsubscribe();

    assertThat(seen).isEqualTo(job.events());
    assertThat(job.subscriberCount()).isZero();
  }

  @Test
  void subscribe_listenerThatThrows_isDroppedAndTheJobGoesOn() {
    JobRegistry jobs = registry(100, JobLimits.DEFAULT);
    Job job = jobs.submit(request(easy("easy_one")));
    job.subscribe(Long.MAX_VALUE, e -> {
      throw new IllegalStateException("broken follower");
    });

    assertThat(job.finished().await().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.subscriberCount()).isZero();
  }

  @Test
  void find_beyondKeepFinished_evictsTheOldestFinished() {
    JobRegistry jobs = registry(0, JobLimits.DEFAULT.withKeepFinished(1));
    Job first = jobs.submit(request(easy("first_one")));
    first.finished().await();
    first.released().await();
    Job second = jobs.submit(request(easy("second_one")));
    second.finished().await();
    second.released().await();

    assertThat(jobs.find(first.id())).isEmpty();
    assertThat(jobs.find(second.id())).isPresent();
    assertThat(jobs.recent(10)).extracting(JobSnapshot::id).containsExactly(second.id());
  }

  @Test
  void find_afterKeepFor_evictsTheFinishedJobButNotARunningOne() {
    MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    JobRegistry jobs = new JobRegistry(f.vertx, StandInProvers.portfolio(f, 30_000),
        JobLimits.DEFAULT.withKeepFor(Duration.ofMinutes(10)), clock);
    Job done = jobs.submit(request(easy("done_one")));
    jobs.cancel(done.id()).orElseThrow();
    done.released().await();
    Job running = jobs.submit(request(easy("slow_one")));
    await(() -> running.snapshot().state() == JobState.RUNNING);

    clock.advance(Duration.ofMinutes(9));
    assertThat(jobs.find(done.id())).isPresent();
    clock.advance(Duration.ofMinutes(2));

    assertThat(jobs.find(done.id())).isEmpty();
    assertThat(jobs.find(running.id())).hasValueSatisfying(j -> assertThat(j.snapshot().state()).isEqualTo(JobState.RUNNING));
    jobs.cancelAll().await();
  }

  /** A model answer with no Lean in it: every sample is a failed attempt that keeps its whole output. */
  static final String RAMBLING = "Let me think about this. ".repeat(2_400);

  private JobRegistry modelRegistry(JobLimits limits) {
    return new JobRegistry(f.vertx, StandInProvers.prover(f, Optional.of(f.openAi()), java.util.Map.of()), limits);
  }

  private static JobRequest request(String code, int samples) {
    return new JobRequest(new ProveRequest(code, Optional.empty(), "", new Budget(samples, 100_000_000, Duration.ofMinutes(1))), false);
  }

  /** Every distinct attempt a finished job still holds, in its result and in its event log. */
  private static List<dev.leanprove.orchestrator.search.Attempt> heldAttempts(Job job) {
    java.util.Set<dev.leanprove.orchestrator.search.Attempt> held = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    job.snapshot().result().ifPresent(r -> r.result().theorems().forEach(t -> held.addAll(t.attempts())));
    for (JobEvent e : job.events()) {
      if (e instanceof JobEvent.Searched && ((JobEvent.Searched) e).event() instanceof dev.leanprove.orchestrator.search.SearchEvent.AttemptJudged) {
        held.add(((dev.leanprove.orchestrator.search.SearchEvent.AttemptJudged) ((JobEvent.Searched) e).event()).attempt());
      }
      if (e instanceof JobEvent.Searched && ((JobEvent.Searched) e).event() instanceof dev.leanprove.orchestrator.search.SearchEvent.TheoremFinished) {
        held.addAll(((dev.leanprove.orchestrator.search.SearchEvent.TheoremFinished) ((JobEvent.Searched) e).event()).result().attempts());
      }
    }
    return new ArrayList<>(held);
  }

  private static long rawChars(List<dev.leanprove.orchestrator.search.Attempt> attempts) {
    return attempts.stream().mapToLong(a -> a.rawOutput().length()).sum();
  }

  @Test
  void finish_modelAnswersMegabytes_keepsRawOutputsWithinTheJobsCap() {
    f.model.defaultOutput(RAMBLING);
    JobRegistry jobs = modelRegistry(JobLimits.DEFAULT.withKeepRawOutputBytes(32 * 1024));

    Job job = jobs.submit(request(hard("rambling_one"), 32));
    JobSnapshot done = job.finished().await();
    job.released().await();

    assertThat(done.state()).isEqualTo(JobState.FAILED);
    List<dev.leanprove.orchestrator.search.Attempt> attempts = done.result().orElseThrow().result().theorems().get(0).attempts();
    List<dev.leanprove.orchestrator.search.Attempt> fromModel =
        attempts.stream().filter(a -> !a.strategy().equals("portfolio")).toList();
    // The attempt tree stays whole: every sample is there with its verdict; only what the model said is cut.
    assertThat(fromModel).hasSizeGreaterThanOrEqualTo(16);
    assertThat(fromModel).allSatisfy(a -> {
      assertThat(a.verdict()).isNotNull();
      assertThat(a.checkedText()).isEmpty();
    });
    assertThat(fromModel.get(0).rawOutput()).startsWith("Let me think about this.").contains("dropped");
    assertThat(fromModel.get(fromModel.size() - 1).rawOutput()).contains("of " + RAMBLING.length() + " bytes");
    // 16 answers of 60 000 characters were 960 KB; kept: the cap and one note per attempt.
    List<dev.leanprove.orchestrator.search.Attempt> held = heldAttempts(job);
    assertThat(rawChars(held)).isLessThan(32 * 1024 + 200L * held.size());
    assertThat(job.cancellation().registered()).isZero();
  }

  @Test
  void finish_provedAfterFailedSamples_keepsTheProvingOutputWhole() {
    String name = "mathd_algebra_159";
    f.acceptRealProof(name);
    String answer = MiniF2F.cotAnswerFor(name);
    f.model.script(name, RAMBLING, RAMBLING, RAMBLING, answer);
    JobRegistry jobs = modelRegistry(JobLimits.DEFAULT.withKeepRawOutputBytes(8 * 1024));

    Job job = jobs.submit(request(MiniF2F.problem(name), 8));
    JobSnapshot done = job.finished().await();
    job.released().await();

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    List<dev.leanprove.orchestrator.search.Attempt> held = heldAttempts(job);
    assertThat(held).filteredOn(dev.leanprove.orchestrator.search.Attempt::proved).isNotEmpty()
        .allSatisfy(a -> assertThat(a.rawOutput()).isEqualTo(answer));
    assertThat(held).filteredOn(a -> !a.proved() && !a.strategy().equals("portfolio")).isNotEmpty()
        .allSatisfy(a -> assertThat(a.rawOutput().length()).isLessThan(8 * 1024 + 200));
    assertThat(rawChars(held.stream().filter(a -> !a.proved()).toList())).isLessThan(8 * 1024 + 200L * held.size());
  }

  @Test
  void find_beyondKeepFinishedBytes_evictsTheOldestFinished() {
    f.model.defaultOutput(RAMBLING);
    // Each job keeps 64 KB of its 960 KB of model output: two fit, a third pushes the oldest out.
    JobRegistry jobs = modelRegistry(JobLimits.DEFAULT.withKeepRawOutputBytes(64 * 1024).withKeepFinishedBytes(150 * 1024));
    List<Job> done = new ArrayList<>();
    for (String name : List.of("first_one", "second_one", "third_one")) {
      Job job = jobs.submit(request(hard(name), 32));
      job.finished().await();
      job.released().await();
      done.add(job);
    }

    assertThat(jobs.find(done.get(0).id())).isEmpty();
    assertThat(jobs.find(done.get(1).id())).isPresent();
    assertThat(jobs.find(done.get(2).id())).isPresent();
  }

  @Test
  void cancelAll_cancelsEveryJobKillsTheirLeanAndRefusesNewOnes() {
    JobRegistry jobs = registry(30_000, JobLimits.DEFAULT.withMaxRunning(1));
    Job running = jobs.submit(request(easy("running_one")));
    Job waiting = jobs.submit(request(easy("waiting_one")));
    await(() -> f.lean.leanRuns() >= 1);

    jobs.cancelAll().await();

    assertThat(running.snapshot().state()).isEqualTo(JobState.CANCELLED);
    assertThat(waiting.snapshot().state()).isEqualTo(JobState.CANCELLED);
    // The runner kills the tree right after the cancel; the kill itself takes a moment (SIGTERM, then SIGKILL).
    await(() -> f.lean.startedPids().stream().noneMatch(ProcessProbe::isRunning));
    assertThat(f.lean.startedPids()).noneMatch(ProcessProbe::isRunning);
    assertThatThrownBy(() -> jobs.submit(request(easy("late_one")))).isInstanceOf(IllegalStateException.class);
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
