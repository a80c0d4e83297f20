package dev.leanprove.orchestrator.batch;

import dev.leanprove.orchestrator.search.Cancellation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One session of a batch run in an output folder: it continues whatever {@code attempts.jsonl}
 * holds (with {@code resume}), proves the problems not finished yet with {@code concurrency}
 * problems in flight, and writes the summaries. Problems share the prover's Lean process pool, so
 * a slow problem does not leave cores idle.
 */
public final class BatchRun implements AutoCloseable {

  private static final long PROGRESS_TICK_MS = 1000;

  private final Path outDir;
  private final BatchSettings settings;
  private final ProverSource provers;
  private final BatchLog log;
  private final RecordedRun recorded;
  private final ProofFiles proofFiles;
  private final Cancellation cancellation = new Cancellation();
  private final long startNanos = System.nanoTime();

  private volatile String stopReason;
  private int done;
  private int doneThisSession;
  private int proved;
  private int inFlight;
  private final Map<String, Integer> failures = new TreeMap<>();
  private int total;

  private BatchRun(Path outDir, BatchSettings settings, ProverSource provers, BatchLog log, RecordedRun recorded) {
    this.outDir = outDir;
    this.settings = settings;
    this.provers = provers;
    this.log = log;
    this.recorded = recorded;
    this.proofFiles = new ProofFiles(outDir);
  }

  /**
   * Opens (or creates) the output folder and records that a session starts.
   *
   * @param resume continue the run the folder holds; without it, a folder that holds one is refused
   * @throws BatchInputException when the folder holds a run and {@code resume} is not set, or holds
   *     a run with other settings, or cannot be written
   */
  public static BatchRun open(Path outDir, boolean resume, BatchSettings settings, ProverSource provers) {
    BatchLog log = BatchLog.open(outDir, resume);
    try {
      RecordedRun recorded = log.read();
      Optional<RunSettings> earlier = recorded.settings();
      if (earlier.isPresent()) {
        List<String> differences = settings.run().differencesFrom(earlier.get());
        if (!differences.isEmpty()) {
          throw new BatchInputException("the run in " + outDir + " used other settings (" + String.join("; ", differences)
              + "); resume it with the same ones, or choose another --out");
        }
      }
      log.append(new RunRecord(Instant.now().toString(), settings.run(), earlier.isPresent()));
      return new BatchRun(outDir, settings, provers, log, recorded);
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
  }

  /** How many problems the log already has finished, of these. */
  public int alreadyFinished(ProblemSet problems) {
    return (int) problems.problems().stream().filter(p -> recorded.finished(p.name()).isPresent()).count();
  }

  /**
   * Proves every problem not finished yet. Callable from any thread; the work runs on
   * {@code context}. The future fails only when the log cannot be written.
   */
  public Future<Void> prove(ProblemSet problems, Context context, ProgressListener progress) {
    Promise<Void> result = Promise.promise();
    context.runOnContext(v -> {
      try {
        start(problems, context, progress).onComplete(result);
      } catch (RuntimeException e) {
        result.fail(e);
      }
    });
    return result.future();
  }

  private Future<Void> start(ProblemSet problems, Context context, ProgressListener progress) {
    total = problems.problems().size();
    List<Problem> todo = new ArrayList<>();
    for (Problem p : problems.problems()) {
      Optional<ProblemRecord> finished = recorded.finished(p.name());
      if (finished.isPresent()) {
        count(finished.get());
      } else {
        todo.add(p);
      }
    }
    progress.update(snapshot());
    long timer = context.owner().setPeriodic(PROGRESS_TICK_MS, id -> progress.update(snapshot()));
    Iterator<Problem> next = todo.iterator();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < settings.concurrency(); i++) {
      lanes.add(lane(next, context, progress));
    }
    return Future.all(lanes).<Void>mapEmpty().eventually(() -> {
      context.owner().cancelTimer(timer);
      progress.finished(snapshot());
      return Future.succeededFuture();
    });
  }

  /** Takes problems one after another until none is left or the batch must stop. */
  private Future<Void> lane(Iterator<Problem> next, Context context, ProgressListener progress) {
    if (stopReason != null || cancellation.isCancelled() || !next.hasNext()) {
      return Future.succeededFuture();
    }
    Problem p = next.next();
    inFlight++;
    Future<ProblemEnd> end;
    try {
      end = new ProblemRun(p, settings, provers, context, log, proofFiles, cancellation, recorded.attempts(p.name()),
          recorded.proof(p.name())).run();
    } catch (RuntimeException e) {
      end = Future.failedFuture(e);
    }
    return end.compose(e -> {
      inFlight--;
      if (e.finished().isPresent()) {
        doneThisSession++;
        count(e.finished().get());
      } else if (stopReason == null) {
        stopReason = e.stopReason().get();
      }
      progress.update(snapshot());
      return lane(next, context, progress);
    }, failure -> {
      inFlight--;
      stopReason = "the batch log could not be written: " + failure.getMessage();
      return Future.failedFuture(failure);
    });
  }

  private void count(ProblemRecord r) {
    done++;
    if (r.proved()) {
      proved++;
    } else {
      failures.merge(r.status(), 1, Integer::sum);
    }
  }

  private ProgressSnapshot snapshot() {
    List<Summary.ReasonCount> mix = failures.entrySet().stream()
        .map(e -> new Summary.ReasonCount(e.getKey(), e.getValue()))
        .sorted((a, b) -> b.count() != a.count() ? Integer.compare(b.count(), a.count()) : a.reason().compareTo(b.reason()))
        .collect(Collectors.toList());
    return new ProgressSnapshot(total, done, doneThisSession, proved, inFlight, mix, elapsedMs());
  }

  /**
   * Reads the whole log back, writes {@code summary.json/.md/.html} and any proof file that is
   * missing, and says how the session ended. Blocking: call it after {@link #prove} completed.
   */
  public BatchOutcome summarize(ProblemSet problems) {
    RecordedRun all = log.read();
    for (Problem p : problems.problems()) {
      Optional<ProofRecord> proof = all.proof(p.name());
      if (proof.isPresent() && !Files.exists(proofFiles.pathFor(p.name()))) {
        proofFiles.write(p.name(), proof.get().code());
      }
    }
    Summary summary = SummaryBuilder.build(problems.problems(), all, settings.run(), problems.issues(), elapsedMs());
    ReportFiles.write(outDir, summary);
    List<String> warnings = new ArrayList<>(all.skipped());
    return new BatchOutcome(summary, Optional.ofNullable(stopReason != null ? stopReason
        : cancellation.isCancelled() ? "cancelled" : null), warnings);
  }

  /** Stops the session: no new problems, pending model answers abandoned, Lean killed; unfinished problems stay unfinished. */
  public void cancel() {
    cancellation.cancel();
  }

  public Path outDir() {
    return outDir;
  }

  @Override
  public void close() {
    log.close();
  }

  private long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
