package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.TheoremLocator;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.TheoremNames;
import dev.leanprove.leanbridge.verdict.TheoremVerdict;
import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.orchestrator.engine.Engine;
import dev.leanprove.orchestrator.engine.EngineRegistry;
import dev.leanprove.orchestrator.engine.EngineType;
import dev.leanprove.orchestrator.prompt.PromptLibrary;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Proves a Lean file: finds its targets, searches each within its budget, puts the proofs in
 * place and checks the whole final file once more. The CLI, the HTTP API and batch runs all go
 * through here, so they give the same result for the same input.
 */
public final class FileProver {

  private final Verifier verifier;
  private final CandidateChecker checker;
  private final PromptLibrary prompts;
  private final EngineRegistry engines;
  private final SearchSettings settings;
  private final Budget budgetLimit;
  /** Characters a completion token takes at most in a proof, for the room a proof needs. */
  static final int CHARS_PER_TOKEN = 4;

  private final int maxSourceChars;

  public FileProver(Verifier verifier, CandidateChecker checker, PromptLibrary prompts, EngineRegistry engines,
      SearchSettings settings, Budget budgetLimit, int maxSourceChars) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.checker = Objects.requireNonNull(checker, "checker");
    this.prompts = Objects.requireNonNull(prompts, "prompts");
    this.engines = Objects.requireNonNull(engines, "engines");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.budgetLimit = Objects.requireNonNull(budgetLimit, "budgetLimit");
    this.maxSourceChars = maxSourceChars;
  }

  /**
   * Proves what the request asks for.
   *
   * @throws IllegalArgumentException for input the caller must fix (too large, unknown engine, a short
   *     theorem name that several theorems share, theorem names that cannot be read or tell theorems apart)
   * @throws NoTargetException when the named theorem does not exist or nothing has a {@code sorry}
   */
  public Future<ProveResult> prove(ProveRequest request, Context context, Consumer<SearchEvent> events) {
    return prove(request, context, events, Cancellation.none());
  }

  /** {@link #prove} that stops early when {@code cancellation} fires; results so far are kept. */
  public Future<ProveResult> prove(ProveRequest request, Context context, Consumer<SearchEvent> events,
      Cancellation cancellation) {
    requireRoomForProofs(request.code());
    Engine engine = engines.get(request.engine());
    LeanSource source = request.source();
    List<Declaration> targets = targets(source, request);
    Budget budget = request.budget().capBy(budgetLimit);
    SearchContext ctx = new SearchContext(context, checker, prompts, engine, engines.plannerFor(engine), settings, events, cancellation,
        new AttemptIds());
    ProofSearch search = searchAt(engine, 0);
    long start = System.nanoTime();
    List<Future<TheoremResult>> searches = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Declaration d = targets.get(i);
      ProofTarget target = ProofTarget.of(source, d);
      events.accept(new SearchEvent.TheoremStarted(target.name(), i, targets.size()));
      searches.add(search.prove(target, BudgetTracker.start(budget), ctx)
          .onSuccess(r -> events.accept(new SearchEvent.TheoremFinished(r.name(), r))));
    }
    return Future.all(searches)
        .map(all -> all.<TheoremResult>list())
        .compose(results -> confirmInFinalFile(source, targets, results, context, cancellation))
        .map(fin -> new ProveResult(status(fin.results()), fin.code(), fin.results(), (System.nanoTime() - start) / 1_000_000));
  }

  /**
   * Every candidate is checked as the file with a proof in place, under the same size limit: a file
   * that leaves no room for a proof would spend model calls on candidates Lean is never shown.
   */
  private void requireRoomForProofs(String code) {
    long room = Math.min((long) settings.maxTokens() * CHARS_PER_TOKEN, maxSourceChars / 4);
    if (code.length() + room > maxSourceChars) {
      throw new IllegalArgumentException("the file is " + code.length() + " characters; with room for a proof ("
          + room + " characters) it must stay within " + maxSourceChars + " characters (--max-file-size)");
    }
  }

  /**
   * Refuses, at once, a request that {@link #prove} would refuse, so a queued job can be turned
   * down before it waits for a slot.
   *
   * @throws IllegalArgumentException for input the caller must fix (too large, unknown engine)
   * @throws NoTargetException when the named theorem does not exist or nothing has a {@code sorry}
   */
  public void validate(ProveRequest request) {
    requireRoomForProofs(request.code());
    engines.get(request.engine());
    targets(request.source(), request);
  }

  /**
   * {@link #prove} from any thread: the search starts on {@code context}'s event loop, where all
   * its callbacks then run. Input errors fail the returned future instead of being thrown.
   */
  public Future<ProveResult> submit(ProveRequest request, Context context, Consumer<SearchEvent> events) {
    Promise<ProveResult> result = Promise.promise();
    context.runOnContext(v -> {
      try {
        prove(request, context, events).onComplete(result);
      } catch (RuntimeException e) {
        result.fail(e);
      }
    });
    return result.future();
  }

  /**
   * The search for a theorem at {@code depth} (0 for the user's theorems): portfolio; rounds of
   * whole proofs each followed by repairs; then, above the maximum depth, decomposition into
   * subgoals, which are searched the same way one level deeper.
   */
  private ProofSearch searchAt(Engine engine, int depth) {
    List<SearchStrategy> list = new ArrayList<>();
    boolean modelFree = engine.name().equals(EngineType.PORTFOLIO.configName());
    if (modelFree || settings.portfolioFirst()) {
      list.add(new PortfolioStrategy());
    }
    if (!modelFree) {
      SearchStrategy wholeProofs = settings.repairRounds() > 0
          ? new RepeatStrategy("whole-proof+repair", List.of(new WholeProofStrategy(1), new RepairStrategy()))
          : new WholeProofStrategy();
      if (depth < settings.maxDepth()) {
        // Half for whole proofs, the rest for sketches and their subgoals.
        list.add(new BudgetShareStrategy(wholeProofs, 0.5));
        list.add(new DecomposeStrategy(depth, d -> searchAt(engine, d)));
      } else {
        list.add(wholeProofs);
      }
    }
    return new ProofSearch(list);
  }

  private static List<Declaration> targets(LeanSource source, ProveRequest request) {
    Optional<String> unnamed = TheoremNames.problem(source);
    if (unnamed.isPresent()) {
      throw new IllegalArgumentException("cannot prove this file: " + unnamed.get());
    }
    if (request.theorem().isPresent()) {
      return List.of(named(source, request.theorem().get()));
    }
    List<Declaration> targets =
        TheoremLocator.targets(source).stream().filter(d -> !d.name().isEmpty()).collect(Collectors.toList());
    if (targets.isEmpty()) {
      throw new NoTargetException("nothing to prove: no theorem or lemma in the file has a proof with sorry", false);
    }
    return targets;
  }

  /** The theorem with that fully qualified name, else the only one written with that name. */
  private static Declaration named(LeanSource source, String name) {
    List<Declaration> qualified = new ArrayList<>();
    List<Declaration> written = new ArrayList<>();
    for (Declaration d : source.theorems()) {
      if (d.name().isEmpty()) {
        continue;
      }
      if (source.qualifiedName(d).equals(name)) {
        qualified.add(d);
      } else if (d.name().equals(name)) {
        written.add(d);
      }
    }
    List<Declaration> found = qualified.isEmpty() ? written : qualified;
    if (found.size() > 1) {
      throw new IllegalArgumentException("more than one theorem is named \"" + name + "\": "
          + found.stream().map(source::qualifiedName).collect(Collectors.toList()) + "; give the fully qualified name");
    }
    if (found.isEmpty()) {
      throw new NoTargetException("no theorem named \"" + name + "\" in the file; theorems: "
          + source.theorems().stream().map(d -> d.name().isEmpty() ? d.displayName() : source.qualifiedName(d))
              .collect(Collectors.toList()), true);
    }
    return found.get(0);
  }

  private Future<FinalFile> confirmInFinalFile(LeanSource source, List<Declaration> targets, List<TheoremResult> results,
      Context context, Cancellation cancellation) {
    String code = splice(source, targets, results);
    if (results.stream().noneMatch(TheoremResult::proved)) {
      return Future.succeededFuture(new FinalFile(code, results));
    }
    CompletableFuture<FileReport> check = verifier.check(LeanSource.parse(code));
    Cancellation.Registration registration = cancellation.onCancel(() -> check.cancel(true));
    check.whenComplete((report, failure) -> registration.remove());
    return Future.fromCompletionStage(check, context).map(report -> new FinalFile(code, judgeFinal(results, report)));
  }

  // Only the whole verified file counts: a proof that passed alone but fails next to the others is not proved.
  // Verdicts are matched by fully qualified name, so A.foo's verdict can never stand for B.foo's.
  private static List<TheoremResult> judgeFinal(List<TheoremResult> results, FileReport report) {
    Map<String, TheoremVerdict> verdicts = new HashMap<>();
    Set<String> ambiguous = new HashSet<>();
    for (TheoremVerdict v : report.theorems()) {
      if (verdicts.putIfAbsent(v.qualifiedName(), v) != null) {
        ambiguous.add(v.qualifiedName());
      }
    }
    verdicts.keySet().removeAll(ambiguous);
    List<TheoremResult> judged = new ArrayList<>();
    for (TheoremResult r : results) {
      TheoremVerdict v = verdicts.get(r.name());
      if (!r.proved() || (v != null && v.verdict().proved())) {
        judged.add(r);
      } else if (v == null) {
        judged.add(r.withStatus(ReasonCode.SYSTEM_ERROR, "the theorem was not found in the final file"));
      } else {
        judged.add(r.withStatus(v.verdict().code(), "the proof failed in the final file: " + v.verdict().detail()));
      }
    }
    return judged;
  }

  /** The input with every proved theorem's proof (and any auxiliary lemmas) in place. */
  static String splice(LeanSource source, List<Declaration> targets, List<TheoremResult> results) {
    String text = source.text();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      order.add(i);
    }
    // From the end backwards, so earlier offsets stay valid.
    order.sort(Comparator.comparingInt((Integer i) -> targets.get(i).start()).reversed());
    StringBuilder b = new StringBuilder(text);
    for (int i : order) {
      TheoremResult r = results.get(i);
      if (!r.proved() || r.proof().isEmpty()) {
        continue;
      }
      Declaration d = targets.get(i);
      b.replace(d.proofStart(), d.end(), " " + r.proof().get().strip());
      if (!r.auxiliary().isBlank()) {
        b.insert(d.start(), r.auxiliary().strip() + "\n\n");
      }
    }
    return b.toString();
  }

  private static ReasonCode status(List<TheoremResult> results) {
    return ReasonCode.overall(results.stream().map(TheoremResult::status).toList());
  }

  private record FinalFile(String code, List<TheoremResult> results) {}
}
