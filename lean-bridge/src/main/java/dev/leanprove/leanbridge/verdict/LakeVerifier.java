package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.MessageParser;
import dev.leanprove.leanbridge.message.ParsedOutput;
import dev.leanprove.leanbridge.process.LeanBusyException;
import dev.leanprove.leanbridge.process.LeanInvocation;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.ProcessStartException;
import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.LeanText;
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

  // For verifiers built without an owner (tools, tests): bounded like any other, shared, never closed.
  private static final PreparationPool SHARED_PREPARATION = PreparationPool.withDefaults();

  private final PreparationPool preparation;

  /** A verifier preparing its checks on a pool shared by all verifiers built this way. */
  public LakeVerifier(
      Toolchain toolchain, Workspace workspace, LeanRunner runner, LeanEnvironment environment, VerifierConfig config) {
    this(toolchain, workspace, runner, environment, config, SHARED_PREPARATION);
  }

  /** A verifier preparing its checks on {@code preparation}, which its owner closes. */
  public LakeVerifier(Toolchain toolchain, Workspace workspace, LeanRunner runner, LeanEnvironment environment,
      VerifierConfig config, PreparationPool preparation) {
    this.preparation = preparation;
    this.toolchain = toolchain;
    this.workspace = workspace;
    this.runner = runner;
    this.environment = environment;
    this.config = config;
    this.scan = new ForbiddenScan(config.allowedTokens());
    this.judge = new TheoremJudge(config);
    this.json = toolchain.leanVersion().atLeast(LeanVersion.JSON_OUTPUT);
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
    try {
      preparation.execute(() -> prepare(work, result));
    } catch (LeanBusyException | IllegalStateException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  private static <T> void prepare(Supplier<CompletableFuture<T>> work, CompletableFuture<T> result) {
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
  }

  @Override
  public CompletableFuture<FileReport> check(LeanSource source) {
    requireSize(source.text().length());
    return offTheCaller(() -> checkNow(source));
  }

  private CompletableFuture<FileReport> checkNow(LeanSource source) {
    String blanked = LeanText.blankCommentsAndStrings(source.text());
    List<Declaration> decls = source.theorems();
    List<Finding> fileLevel = new ArrayList<>();
    for (Finding f : scan.scan(blanked, ForbiddenScan.Scope.FILE)) {
      boolean inDeclaration = decls.stream().anyMatch(d -> f.offset() >= d.start() && f.offset() < d.end());
      if (!inDeclaration && f.code() == ReasonCode.FORBIDDEN) {
        fileLevel.add(f);
      }
    }
    CheckPlan plan = CheckPlanner.planFile(source);
    if (!fileLevel.isEmpty()) {
      // Never run a file that could run code on this machine or switch checks off.
      Finding first = fileLevel.get(0);
      String detail = TheoremJudge.describe(first, source.text()) + "; the file was not run";
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
            List<Finding> own = scan.scan(blanked.substring(d.start(), d.end()), ForbiddenScan.Scope.PROOF);
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
    String contributed = candidate.contributedText();
    List<Finding> findings = scan.scan(LeanText.blankCommentsAndStrings(contributed), ForbiddenScan.Scope.PROOF);
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
