package dev.leanprove.orchestrator.batch;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.orchestrator.search.Attempt;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.Cancellation;
import dev.leanprove.orchestrator.search.NoTargetException;
import dev.leanprove.orchestrator.search.DecomposeStrategy;
import dev.leanprove.orchestrator.search.PortfolioStrategy;
import dev.leanprove.orchestrator.search.RepairStrategy;
import dev.leanprove.orchestrator.search.WholeProofStrategy;
import dev.leanprove.orchestrator.search.ProveRequest;
import dev.leanprove.orchestrator.search.ProveResult;
import dev.leanprove.orchestrator.search.SearchEvent;
import dev.leanprove.orchestrator.search.SearchSettings;
import dev.leanprove.orchestrator.search.TheoremResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The work on one problem, continued from whatever the log already holds for it.
 *
 * <p>The first call to the {@link dev.leanprove.orchestrator.search.FileProver} is the same search
 * {@code prove} runs (portfolio first, then rounds of model samples). A search stops at its first
 * proof, but pass@k's estimator needs all K samples of every problem, so after a model proof the
 * problem is topped up with further model-only calls until K samples are judged (unless
 * {@code --first-proof}). Each judged candidate is logged at once with the next sample index; a
 * resumed problem keeps its logged samples and draws only the rest.
 */
final class ProblemRun {

  private final Problem problem;
  private final BatchSettings settings;
  private final ProverSource provers;
  private final Context context;
  private final BatchLog log;
  private final ProofFiles proofFiles;
  private final Cancellation cancellation;
  private final long startNanos = System.nanoTime();

  private final List<AttemptRecord> attempts = new ArrayList<>();
  private int nextSample = 1;
  private int nextDerived = -1;
  // The theorems the request itself targets; attempts on other names are a decomposition's subgoals.
  private final java.util.Set<String> targets = new java.util.HashSet<>();
  private Optional<String> proofCode;
  private ReasonCode lastStatus;
  private String lastDetail = "";

  ProblemRun(Problem problem, BatchSettings settings, ProverSource provers, Context context, BatchLog log,
      ProofFiles proofFiles, Cancellation cancellation, List<AttemptRecord> logged, Optional<ProofRecord> loggedProof) {
    this.problem = problem;
    this.settings = settings;
    this.provers = provers;
    this.context = context;
    this.log = log;
    this.proofFiles = proofFiles;
    this.cancellation = cancellation;
    this.proofCode = loggedProof.map(ProofRecord::code);
    for (AttemptRecord a : logged) {
      nextSample = Math.max(nextSample, a.sample() + 1);
      nextDerived = Math.min(nextDerived, a.sample() - 1);
      if (a.proved() && proofCode.isEmpty() && !a.derived()) {
        // Judged proved, but killed before the whole-file check said so: that sample is made again.
        log.append(new DiscardRecord(problem.name(), a.sample(), "proved, but the run stopped before the final file check"));
      } else {
        attempts.add(a);
      }
    }
  }

  /** Runs on the Vert.x context; never fails: every problem ends finished or stopped. */
  Future<ProblemEnd> run() {
    if (problem.readError().isPresent()) {
      return finish(ProblemRecord.invalid(problem, ProblemRecord.InvalidReason.UNREADABLE, problem.readError().get()));
    }
    return step();
  }

  private Future<ProblemEnd> step() {
    if (cancellation.isCancelled()) {
      return Future.succeededFuture(ProblemEnd.stopped("cancelled"));
    }
    Optional<Call> call = nextCall();
    if (call.isEmpty()) {
      return finish(done());
    }
    int before = attempts.size();
    Future<ProveResult> result;
    try {
      result = provers.prover(call.get().settings).prove(
          new ProveRequest(problem.code(), Optional.empty(), "", call.get().budget), context,
          event -> onEvent(event, call.get().seed), cancellation);
    } catch (NoTargetException e) {
      return finish(ProblemRecord.invalid(problem, ProblemRecord.InvalidReason.NO_TARGET, e.getMessage()));
    } catch (IllegalArgumentException e) {
      return finish(ProblemRecord.invalid(problem, ProblemRecord.InvalidReason.UNREADABLE, e.getMessage()));
    }
    return result.compose(
        r -> afterCall(r, attempts.size() > before),
        failure -> {
          lastStatus = ReasonCode.SYSTEM_ERROR;
          lastDetail = "the search failed: " + failure;
          return cancellation.isCancelled() ? Future.succeededFuture(ProblemEnd.stopped("cancelled")) : finish(done());
        });
  }

  private Future<ProblemEnd> afterCall(ProveResult result, boolean progressed) {
    Optional<TheoremResult> unreachable = result.theorems().stream().filter(TheoremResult::modelUnreachable).findFirst();
    if (unreachable.isPresent()) {
      return Future.succeededFuture(ProblemEnd.stopped("the model server could not be used: " + unreachable.get().detail()));
    }
    if (cancellation.isCancelled()) {
      return Future.succeededFuture(ProblemEnd.stopped("cancelled"));
    }
    lastStatus = result.status();
    lastDetail = result.theorems().stream().map(TheoremResult::detail).filter(d -> !d.isBlank()).findFirst().orElse("");
    if (result.proved() && proofCode.isEmpty()) {
      // The file first: a proof record then always has its file, and a file without a record is rewritten on resume.
      proofFiles.write(problem.name(), result.code());
      log.append(new ProofRecord(problem.name(), result.code()));
      proofCode = Optional.of(result.code());
    }
    if (!progressed) {
      return finish(done());
    }
    return step();
  }

  private synchronized void onEvent(SearchEvent event, OptionalLong seed) {
    if (event instanceof SearchEvent.TheoremStarted) {
      targets.add(event.theorem());
      return;
    }
    if (!(event instanceof SearchEvent.AttemptJudged)) {
      return;
    }
    Attempt a = ((SearchEvent.AttemptJudged) event).attempt();
    boolean onTarget = targets.contains(event.theorem());
    boolean portfolio = onTarget && a.strategy().equals(PortfolioStrategy.NAME);
    // A sample is a model's own whole proof (or repair) of the theorem; decomposition's attempts are not.
    boolean modelSample = onTarget && (a.strategy().equals(WholeProofStrategy.NAME) || a.strategy().equals(RepairStrategy.NAME));
    int sample = portfolio ? 0 : modelSample ? nextSample++ : nextDerived--;
    AttemptRecord record = AttemptRecord.of(problem.name(), event.theorem(), sample, modelSample ? seed : OptionalLong.empty(),
        portfolio ? "" : settings.run().model(), settings.run().toolchain(), a, Instant.now().toString());
    log.append(record);
    attempts.add(record);
  }

  /** The next search to run, or empty when the problem is done. */
  private Optional<Call> nextCall() {
    RunSettings run = settings.run();
    Duration timeLeft = settings.timeBudget().minusNanos(System.nanoTime() - startNanos);
    if (timeLeft.isNegative() || timeLeft.isZero()) {
      return Optional.empty();
    }
    long tokensLeft = Math.max(0, settings.tokenBudget() - attempts.stream().mapToLong(AttemptRecord::completionTokens).sum());
    int samplesLeft = Math.max(0, run.samples() - (int) attempts.stream().filter(a -> a.sample() > 0).count());
    boolean portfolioDone = attempts.stream().anyMatch(AttemptRecord::portfolio);
    if (proofCode.isEmpty() && run.portfolio() && !portfolioDone) {
      return Optional.of(call(true, samplesLeft, tokensLeft, timeLeft));
    }
    if (!run.hasModel() || samplesLeft == 0 || tokensLeft == 0) {
      return Optional.empty();
    }
    if (proofCode.isPresent() && (run.firstProof() || portfolioProved())) {
      return Optional.empty();
    }
    return Optional.of(call(false, samplesLeft, tokensLeft, timeLeft));
  }

  private Call call(boolean portfolioFirst, int samples, long tokens, Duration time) {
    SearchSettings base = settings.search();
    // Each call's requests get a seed of their own; the same seed again would only repeat the same samples.
    OptionalLong seed = base.seed().isPresent() ? OptionalLong.of(base.seed().getAsLong() + nextSample - 1) : OptionalLong.empty();
    SearchSettings s = base.withSeed(seed).withPortfolioFirst(portfolioFirst);
    return new Call(s, new Budget(samples, tokens, time), seed);
  }

  /** Proved without any model sample: more samples cannot change its pass@k, so none are drawn. */
  private boolean portfolioProved() {
    return attempts.stream().anyMatch(a -> a.portfolio() && a.proved()) && attempts.stream().noneMatch(a -> a.sample() > 0 && a.proved());
  }

  private ProblemRecord done() {
    long wall = (System.nanoTime() - startNanos) / 1_000_000;
    List<AttemptRecord> ordered = new ArrayList<>(attempts);
    ordered.sort(Comparator.comparingInt(AttemptRecord::sample));
    long samples = ordered.stream().filter(a -> a.sample() > 0).count();
    if (proofCode.isPresent()) {
      String by = ordered.stream().filter(a -> a.proved() && !a.derived()).map(AttemptRecord::strategy).findFirst()
          .orElse(ordered.stream().anyMatch(AttemptRecord::derived) ? DecomposeStrategy.NAME : "search");
      return ProblemRecord.proved(problem, "proved by " + by, wall);
    }
    ReasonCode code = null;
    String error = "";
    for (AttemptRecord a : ordered) {
      if (a.derived()) {
        continue;
      }
      // As the search itself judges: the last proof-related verdict; a machine fault only when nothing else happened.
      if (!a.proved() && (!a.verdict().isInfrastructure() || code == null)) {
        code = a.verdict();
        error = a.firstError();
      }
    }
    if (code == null) {
      code = lastStatus != null && lastStatus != ReasonCode.PROVED ? lastStatus : ReasonCode.SYSTEM_ERROR;
      return ProblemRecord.notProved(problem, code, lastDetail.isBlank() ? "no candidate was judged" : lastDetail, wall);
    }
    return ProblemRecord.notProved(problem, code, "not proved in " + samples + " samples; last error: " + error, wall);
  }

  private Future<ProblemEnd> finish(ProblemRecord record) {
    log.append(record);
    return Future.succeededFuture(ProblemEnd.finished(record));
  }

  private record Call(SearchSettings settings, Budget budget, OptionalLong seed) {}
}
