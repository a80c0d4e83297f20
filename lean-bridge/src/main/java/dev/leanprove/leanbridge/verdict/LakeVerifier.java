package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.MessageParser;
import dev.leanprove.leanbridge.message.ParsedOutput;
import dev.leanprove.leanbridge.process.LeanBusyException;
import dev.leanprove.leanbridge.process.LeanInvocation;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.ProcessStartException;
import dev.leanprove.leanbridge.process.SandboxMounts;
import dev.leanprove.leanbridge.repl.ReplPool;
import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.TextDigest;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.LeanVersion;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.verdict.CheckPlan.Target;
import dev.leanprove.leanbridge.verdict.ForbiddenScan.Finding;
import dev.leanprove.leanbridge.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

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
  private final KernelReplay replay;
  private final FirstStage firstStage;
  private final String revision;
  // The whole file's screen, once per source object (LeanSource has identity equality): every candidate
  // of a job shares its source, so each candidate scans only the text it contributes.
  private final Map<LeanSource, Optional<Finding>> fileScreens = Collections.synchronizedMap(new WeakHashMap<>());
  private final AtomicInteger fileScans = new AtomicInteger();

  // For verifiers built without an owner (tools, tests): bounded like any other, shared, never closed.
  private static final PreparationPool SHARED_PREPARATION = PreparationPool.withDefaults();

  private final PreparationPool preparation;

  /** A verifier preparing its checks on a pool shared by all verifiers built this way; a fresh Lean process per check. */
  public LakeVerifier(
      Toolchain toolchain, Workspace workspace, LeanRunner runner, LeanEnvironment environment, VerifierConfig config) {
    this(toolchain, workspace, runner, environment, config, Optional.empty(), SHARED_PREPARATION,
        sandboxedBy(runner, environment.forLake(toolchain.lake()), workspace));
  }

  /**
   * @param checkerLauncher rewrites the kernel checker's argv before it starts (a sandbox wraps it here)
   */
  public LakeVerifier(Toolchain toolchain, Workspace workspace, LeanRunner runner, LeanEnvironment environment,
      VerifierConfig config, UnaryOperator<List<String>> checkerLauncher) {
    this(toolchain, workspace, runner, environment, config, Optional.empty(), SHARED_PREPARATION, checkerLauncher);
  }

  /**
   * A verifier whose first stage runs in warm REPL processes from {@code pool} instead of a fresh
   * {@code lake env lean} per check; verdicts are decided from the same messages either way, and
   * kernel replay still decides PROVED.
   */
  public LakeVerifier(Toolchain toolchain, Workspace workspace, LeanRunner runner, LeanEnvironment environment,
      VerifierConfig config, ReplPool pool) {
    this(toolchain, workspace, runner, environment, config, Optional.of(pool), SHARED_PREPARATION,
        sandboxedBy(runner, environment.forLake(toolchain.lake()), workspace));
  }

  /** A verifier preparing its checks on {@code preparation}, which its owner closes. */
  public LakeVerifier(Toolchain toolchain, Workspace workspace, LeanRunner runner, LeanEnvironment environment,
      VerifierConfig config, PreparationPool preparation) {
    this(toolchain, workspace, runner, environment, config, Optional.empty(), preparation,
        sandboxedBy(runner, environment.forLake(toolchain.lake()), workspace));
  }

  /**
   * The full form: the first stage a warm REPL pool when {@code repl} is present, else a fresh
   * process; checks prepared on {@code preparation}; the kernel checker started through {@code checkerLauncher}.
   */
  public LakeVerifier(Toolchain toolchain, Workspace workspace, LeanRunner runner, LeanEnvironment environment,
      VerifierConfig config, Optional<ReplPool> repl, PreparationPool preparation, UnaryOperator<List<String>> checkerLauncher) {
    this.toolchain = toolchain;
    this.workspace = workspace;
    this.runner = runner;
    this.environment = environment;
    this.config = config;
    this.scan = new ForbiddenScan(config.allowedTokens());
    this.judge = new TheoremJudge(config);
    this.json = toolchain.leanVersion().atLeast(LeanVersion.JSON_OUTPUT);
    this.preparation = preparation;
    this.replay = new KernelReplay(toolchain, workspace, runner, environment, config, checkerLauncher);
    this.firstStage = repl.<FirstStage>map(ReplFirstStage::new).orElse(this::runProcess);
    // Read once: a workspace changed under a running verifier (setup again) needs a restart anyway,
    // as warm REPL processes keep the old Mathlib loaded.
    this.revision = TextDigest.sha256().add(toolchain.leanVersion().toString()).add(toolchain.lakeVersion())
        .add(workspace.revision()).add(String.valueOf(workspace.hasChecker())).add(config.fingerprint()).hex();
  }

  /** The kernel checker runs in the same sandbox as every Lean run (it reads .olean files, nothing more). */
  public static UnaryOperator<List<String>> sandboxedBy(LeanRunner runner, Map<String, String> env, Workspace workspace) {
    return argv -> runner.sandbox().map(sandbox -> sandbox.wrap(argv, env, workspace.dir(), SandboxMounts.NONE)).orElse(argv);
  }

  /** Stops the warm kernel checkers. */
  public void close() {
    replay.close();
  }

  @Override
  public String revision() {
    return revision;
  }

  @Override
  public boolean warm() {
    return firstStage instanceof ReplFirstStage;
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
    Declaration decl = CheckPlanner.resolve(source, candidate.theoremName());
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
      Target target = plan.targets().get(0);
      Path scratch = newScratch();
      Optional<Path> olean = replay.candidateOleanIn(scratch);
      CompletableFuture<Verdict> first =
          execute(plan, timeout, scratch, olean, outcome -> judge.judge(plan, target, outcome, List.of()));
      return confirmed(first, scratch, verdict -> {
        if (!verdict.proved()) {
          return CompletableFuture.completedFuture(verdict);
        }
        if (target.qualifiedName().isEmpty()) {
          return CompletableFuture.completedFuture(unnamed().settle(verdict, "", config));
        }
        return replay.confirm(source, plan.text(), olean, List.of(target.qualifiedName()))
            .thenApply(o -> o.settle(verdict, target.qualifiedName(), config));
      });
    });
  }

  /**
   * The second stage after the first (README, "What PROVED means"): runs {@code second} on the
   * first stage's result, removes the run's scratch directory (check file, candidate .olean) after
   * both or on cancel, and passes cancellation to the Lean run.
   */
  private <T> CompletableFuture<T> confirmed(
      CompletableFuture<T> first, Path scratch, Function<T, CompletableFuture<T>> second) {
    CompletableFuture<T> both = first.thenCompose(second);
    both.whenComplete((r, e) -> {
      if (both.isCancelled()) {
        first.cancel(true);
      }
      Workspace.deleteScratch(scratch);
    });
    return both;
  }

  /** A fresh directory for one check: the only place its sandboxed Lean run may write. */
  private Path newScratch() {
    try {
      return workspace.newScratchDir();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a scratch directory in " + workspace.dir(), e);
    }
  }

  private static ReplayOutcome unnamed() {
    return ReplayOutcome.unavailable("an example has no name to look up in the .olean");
  }

  /** A file report with every PROVED theorem settled by the kernel checker's outcome. */
  private FileReport settle(FileReport report, CheckPlan plan, ReplayOutcome outcome) {
    List<TheoremVerdict> settled = new ArrayList<>();
    for (int i = 0; i < report.theorems().size(); i++) {
      TheoremVerdict tv = report.theorems().get(i);
      String name = plan.targets().get(i).qualifiedName();
      Verdict v = name.isEmpty() ? unnamed().settle(tv.verdict(), "", config) : outcome.settle(tv.verdict(), name, config);
      settled.add(new TheoremVerdict(tv.name(), tv.qualifiedName(), v));
    }
    ReasonCode status = report.status() == ReasonCode.PROVED ? FileReport.summarize(settled, false) : report.status();
    return new FileReport(status, settled, report.messages(), report.wall(), report.detail());
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
    String text = source.text();
    List<Declaration> decls = source.theorems();
    // Any forbidden finding, at any column, inside a declaration or not: the file is not run at all.
    List<Finding> fileLevel =
        scan.scan(text, ForbiddenScan.Scope.FILE).stream().filter(f -> f.code() == ReasonCode.FORBIDDEN).toList();
    CheckPlan plan = CheckPlanner.planFile(source);
    Optional<String> refused = TheoremNames.problem(source).or(() -> CheckPlanner.confirmOwnCommands(plan));
    if (!fileLevel.isEmpty() || refused.isPresent()) {
      // Never run a file that could run code on this machine or switch checks off, nor judge a theorem by a wrong name.
      String detail = (fileLevel.isEmpty() ? refused.get() : TheoremJudge.describe(fileLevel.get(0), text))
          + "; the file was not run";
      List<TheoremVerdict> verdicts = new ArrayList<>();
      for (Target t : plan.targets()) {
        verdicts.add(new TheoremVerdict(t.displayName(), t.qualifiedName(), Verdict.withoutLean(ReasonCode.FORBIDDEN, detail)));
      }
      return CompletableFuture.completedFuture(
          new FileReport(ReasonCode.FORBIDDEN, verdicts, List.of(), Duration.ZERO, detail));
    }
    Path scratch = newScratch();
    Optional<Path> olean = replay.candidateOleanIn(scratch);
    CompletableFuture<FileReport> first = execute(
        plan,
        config.timeout(),
        scratch,
        olean,
        outcome -> {
          List<TheoremVerdict> verdicts = new ArrayList<>();
          for (int i = 0; i < plan.targets().size(); i++) {
            Target target = plan.targets().get(i);
            Declaration d = decls.get(i);
            List<Finding> own = scan.scan(text.substring(d.start(), d.end()), ForbiddenScan.Scope.PROOF);
            verdicts.add(new TheoremVerdict(target.displayName(), target.qualifiedName(), judge.judge(plan, target, outcome, own)));
          }
          boolean fileErrors = outcome.messages().stream().anyMatch(LeanMessage::isError);
          ReasonCode status = outcome.runFault().orElse(FileReport.summarize(verdicts, fileErrors));
          List<LeanMessage> leanSaid =
              outcome.messages().stream()
                  .filter(m -> !AxiomEvidence.isOurs(plan, outcome, m))
                  .map(plan::toUser)
                  .toList();
          return new FileReport(status, verdicts, leanSaid, outcome.run().wall(), outcome.summary());
        });
    return confirmed(first, scratch, report -> {
      List<String> proved = new ArrayList<>();
      for (int i = 0; i < report.theorems().size(); i++) {
        String name = plan.targets().get(i).qualifiedName();
        if (report.theorems().get(i).verdict().proved() && !name.isEmpty()) {
          proved.add(name);
        }
      }
      return replay.confirm(source, plan.text(), olean, proved).thenApply(o -> settle(report, plan, o));
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
    Optional<Finding> inFile = fileScreens.computeIfAbsent(candidate.source(), this::forbiddenInFile);
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

  private Optional<Finding> forbiddenInFile(LeanSource source) {
    fileScans.incrementAndGet();
    return scan.scan(source.text(), ForbiddenScan.Scope.FILE).stream().filter(f -> f.code() == ReasonCode.FORBIDDEN).findFirst();
  }

  /** How many times a whole file was screened for forbidden commands on behalf of candidates. */
  int fileScans() {
    return fileScans.get();
  }

  private <T> CompletableFuture<T> execute(
      CheckPlan plan, Duration timeout, Path scratch, Optional<Path> olean, Function<LeanOutcome, T> decide) {
    CompletableFuture<LeanOutcome> lean = firstStage.run(plan, timeout, scratch, olean);
    CompletableFuture<T> result = lean.thenApply(decide);
    // CompletableFuture does not pass cancellation upstream; the Lean run must die with the request.
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        lean.cancel(true);
      }
    });
    return result;
  }

  /**
   * The process first stage: one fresh {@code lake env lean} on a check file in the run's scratch
   * directory, writing the candidate's .olean there too when kernel replay will want it.
   */
  private CompletableFuture<LeanOutcome> runProcess(CheckPlan plan, Duration timeout, Path scratch, Optional<Path> olean) {
    Path file;
    try {
      file = workspace.writeCheckFile(scratch, plan.text());
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new UncheckedIOException("cannot write the check file in " + workspace.dir(), e));
    }
    Path relative = workspace.dir().relativize(file);
    List<String> argv = new ArrayList<>(List.of(toolchain.lake().toString(), "env", "lean",
        json ? "--json" : "-DprintMessageEndPos=true"));
    // The same run writes the candidate's .olean for the kernel checker: no second compile.
    olean.ifPresent(o -> argv.addAll(List.of("-o", o.toString())));
    argv.add(relative.toString());
    LeanInvocation invocation =
        new LeanInvocation(argv, workspace.dir(), environment.forLake(toolchain.lake()), timeout,
            config.memoryLimitBytes(), "", SandboxMounts.writable(scratch));
    CompletableFuture<LeanRun> run = runner.run(invocation);
    CompletableFuture<LeanOutcome> result =
        run.handle((r, error) -> outcomeOf(plan, r, error, timeout, argv.get(argv.size() - 1)));
    // CompletableFuture does not pass cancellation upstream; the Lean run must die with the request.
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        run.cancel(true);
      }
    });
    return result;
  }

  private LeanOutcome outcomeOf(CheckPlan plan, LeanRun run, Throwable error, Duration timeout, String fileName) {
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
    // --json puts the file name as passed (argv's last) on every message; plain output gives information messages none.
    return LeanOutcome.of(run, parsed, timeout, json ? fileName : "");
  }
}
