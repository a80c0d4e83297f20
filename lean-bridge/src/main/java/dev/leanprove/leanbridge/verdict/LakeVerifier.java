package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.MessageParser;
import dev.leanprove.leanbridge.message.ParsedOutput;
import dev.leanprove.leanbridge.process.LeanInvocation;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.ProcessStartException;
import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.LeanVersion;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.verdict.CheckPlan.Target;
import dev.leanprove.leanbridge.verdict.ForbiddenScan.Finding;
import dev.leanprove.leanbridge.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/** Checks with {@code lake env lean} in a Lake workspace: the verifier used for real. */
public final class LakeVerifier implements Verifier {

  private final Toolchain toolchain;
  private final Workspace workspace;
  private final LeanRunner runner;
  private final LeanEnvironment environment;
  private final VerifierConfig config;
  private final ForbiddenScan scan;
  private final TheoremJudge judge;
  private final boolean json;

  // Small: preparing a check is quick; it only must not happen on the caller's (event-loop) thread.
  private static final ThreadPoolExecutor preparation = preparationPool();

  public LakeVerifier(
      Toolchain toolchain, Workspace workspace, LeanRunner runner, LeanEnvironment environment, VerifierConfig config) {
    this.toolchain = toolchain;
    this.workspace = workspace;
    this.runner = runner;
    this.environment = environment;
    this.config = config;
    this.scan = new ForbiddenScan(config.allowedTokens());
    this.judge = new TheoremJudge(config);
    this.json = toolchain.leanVersion().atLeast(LeanVersion.JSON_OUTPUT);
  }

  private static ThreadPoolExecutor preparationPool() {
    AtomicInteger ids = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "lean-prepare-" + ids.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  public VerifierConfig config() {
    return config;
  }

  @Override
  public CompletableFuture<Verdict> verify(ProofCandidate candidate) {
    return verify(candidate, false, config.timeout());
  }

  @Override
  public CompletableFuture<Verdict> verify(ProofCandidate candidate, Duration timeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return verify(candidate, false, timeout);
  }

  @Override
  public CompletableFuture<Verdict> verifySketch(ProofCandidate candidate) {
    return verify(candidate, true, config.timeout());
  }

  private CompletableFuture<Verdict> verify(ProofCandidate candidate, boolean sorryAllowed, Duration timeout) {
    LeanSource source = candidate.source();
    requireSize(source.text().length() + candidate.contributedText().length());
    Declaration decl =
        source
            .theorem(candidate.theoremName())
            .orElseThrow(() -> new IllegalArgumentException("no theorem named " + candidate.theoremName()));
    return offTheCaller(() -> {
      Optional<Verdict> screened = screen(candidate, decl, sorryAllowed);
      if (screened.isPresent()) {
        return CompletableFuture.completedFuture(screened.get());
      }
      CheckPlan plan = CheckPlanner.planCandidate(candidate, decl);
      Optional<Verdict> split = CheckPlanner.confirmSplice(plan, candidate, decl);
      if (split.isPresent()) {
        return CompletableFuture.completedFuture(split.get());
      }
      return execute(plan, timeout, outcome -> judge.judge(plan, plan.targets().get(0), outcome, List.of()));
    });
  }

  /**
   * Runs {@code work} (parsing, screening, writing the check file) on the preparation pool: callers
   * are often event loops, which must not wait for a large file's parse or a disk write.
   * Cancelling the returned future cancels the Lean run it leads to.
   */
  private <T> CompletableFuture<T> offTheCaller(Supplier<CompletableFuture<T>> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    preparation.execute(() -> {
      if (result.isDone()) {
        return;
      }
      try {
        CompletableFuture<T> run = work.get();
        result.whenComplete((r, e) -> {
          if (result.isCancelled()) {
            run.cancel(true);
          }
        });
        run.whenComplete((r, e) -> {
          if (e != null) {
            result.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
          } else {
            result.complete(r);
          }
        });
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  @Override
  public CompletableFuture<FileReport> check(LeanSource source) {
    requireSize(source.text().length());
    return offTheCaller(() -> checkNow(source));
  }

  private CompletableFuture<FileReport> checkNow(LeanSource source) {
    String text = source.text();
    List<Declaration> decls = source.theorems();
    // Any forbidden finding, at any column, inside a declaration or not: the file is not run at all.
    List<Finding> fileLevel =
        scan.scan(text, ForbiddenScan.Scope.FILE).stream().filter(f -> f.code() == ReasonCode.FORBIDDEN).toList();
    CheckPlan plan = CheckPlanner.planFile(source);
    if (!fileLevel.isEmpty()) {
      // Never run a file that could run code on this machine or switch checks off.
      Finding first = fileLevel.get(0);
      String detail = TheoremJudge.describe(first, text) + "; the file was not run";
      List<TheoremVerdict> verdicts = new ArrayList<>();
      for (Target t : plan.targets()) {
        verdicts.add(new TheoremVerdict(t.displayName(), Verdict.withoutLean(ReasonCode.FORBIDDEN, detail)));
      }
      return CompletableFuture.completedFuture(
          new FileReport(ReasonCode.FORBIDDEN, verdicts, List.of(), Duration.ZERO, detail));
    }
    return execute(
        plan,
        config.timeout(),
        outcome -> {
          List<TheoremVerdict> verdicts = new ArrayList<>();
          for (int i = 0; i < plan.targets().size(); i++) {
            Target target = plan.targets().get(i);
            Declaration d = decls.get(i);
            List<Finding> own = scan.scan(text.substring(d.start(), d.end()), ForbiddenScan.Scope.PROOF);
            verdicts.add(new TheoremVerdict(target.displayName(), judge.judge(plan, target, outcome, own)));
          }
          boolean fileErrors = outcome.messages().stream().anyMatch(LeanMessage::isError);
          ReasonCode status = outcome.runFault().orElse(FileReport.summarize(verdicts, fileErrors));
          List<LeanMessage> leanSaid =
              outcome.messages().stream()
                  .filter(m -> plan.targets().stream().noneMatch(t -> TheoremJudge.axiomReportFor(m, t).isPresent()))
                  .toList();
          return new FileReport(status, verdicts, leanSaid, outcome.run().wall(), outcome.summary());
        });
  }

  private void requireSize(int chars) {
    if (chars > config.maxSourceChars()) {
      throw new IllegalArgumentException(
          "source is " + chars + " characters; the limit is " + config.maxSourceChars());
    }
  }

  private Optional<Verdict> screen(ProofCandidate candidate, Declaration decl, boolean sorryAllowed) {
    if (candidate.claimedStatement().isPresent()
        && !Statements.equivalent(decl.statement(), candidate.claimedStatement().get())) {
      return Optional.of(Verdict.withoutLean(ReasonCode.STATEMENT_CHANGED,
          "the proof restates the theorem differently: " + TheoremJudge.oneLine(candidate.claimedStatement().get())));
    }
    String text = candidate.source().text();
    Optional<Finding> inFile =
        scan.scan(text, ForbiddenScan.Scope.FILE).stream().filter(f -> f.code() == ReasonCode.FORBIDDEN).findFirst();
    if (inFile.isPresent()) {
      // The challenge file runs with every candidate: what `check` would never run, no candidate runs either.
      return Optional.of(Verdict.withoutLean(ReasonCode.FORBIDDEN,
          "the file itself: " + TheoremJudge.describe(inFile.get(), text) + "; nothing was run"));
    }
    String contributed = candidate.contributedText();
    List<Finding> findings = new ArrayList<>();
    if (!candidate.auxiliary().isEmpty()) {
      findings.addAll(scan.auxiliary(candidate.auxiliary()));
    }
    // contributedText() is the auxiliary text, a line break, then the proof: shift the proof's offsets to match.
    int proofAt = contributed.length() - candidate.proof().length();
    for (Finding f : scan.scan(candidate.proof(), ForbiddenScan.Scope.PROOF)) {
      findings.add(new Finding(f.code(), f.token(), f.offset() + proofAt, f.why()));
    }
    if (sorryAllowed) {
      // A sketch's sorries are judged by Lean, which must accept everything else around them.
      findings = findings.stream().filter(f -> f.code() != ReasonCode.SORRY).toList();
    }
    if (findings.isEmpty()) {
      return Optional.empty();
    }
    Finding first = findings.get(0);
    return Optional.of(Verdict.withoutLean(first.code(), TheoremJudge.describe(first, contributed)));
  }

  private <T> CompletableFuture<T> execute(CheckPlan plan, Duration timeout, Function<LeanOutcome, T> decide) {
    Path file;
    try {
      file = workspace.writeCheckFile(plan.text());
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new UncheckedIOException("cannot write the check file in " + workspace.dir(), e));
    }
    Path relative = workspace.dir().relativize(file);
    List<String> argv =
        json
            ? List.of(toolchain.lake().toString(), "env", "lean", "--json", relative.toString())
            : List.of(toolchain.lake().toString(), "env", "lean", "-DprintMessageEndPos=true", relative.toString());
    LeanInvocation invocation =
        new LeanInvocation(argv, workspace.dir(), environment.forLake(toolchain.lake()), timeout,
            config.memoryLimitBytes(), "");
    CompletableFuture<LeanRun> run = runner.run(invocation);
    CompletableFuture<T> result =
        run.handle((r, error) -> decide.apply(outcomeOf(plan, r, error)))
            .whenComplete((r, e) -> deleteQuietly(file));
    // CompletableFuture does not pass cancellation upstream; the Lean run must die with the request.
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        run.cancel(true);
      }
    });
    return result;
  }

  private LeanOutcome outcomeOf(CheckPlan plan, LeanRun run, Throwable error) {
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof ProcessStartException) {
        return LeanOutcome.notStarted(ReasonCode.TOOLCHAIN_MISSING, cause.getMessage());
      }
      if (cause instanceof java.util.concurrent.CancellationException) {
        throw (java.util.concurrent.CancellationException) cause;
      }
      return LeanOutcome.notStarted(ReasonCode.SYSTEM_ERROR, String.valueOf(cause.getMessage()));
    }
    List<String> axiomNames = plan.targets().stream().map(Target::qualifiedName).filter(n -> !n.isEmpty()).toList();
    ParsedOutput parsed = json ? MessageParser.parseJson(run.stdout()) : MessageParser.parsePlain(run.stdout(), axiomNames);
    return LeanOutcome.of(run, parsed);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover check file costs disk only; the check's result matters more.
    }
  }
}
