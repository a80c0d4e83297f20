package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.AxiomReport;
import dev.leanprove.leanbridge.message.ErrorCategory;
import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.MessageParser;
import dev.leanprove.leanbridge.message.ParsedOutput;
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
    return verify(candidate, false);
  }

  @Override
  public CompletableFuture<Verdict> verifySketch(ProofCandidate candidate) {
    return verify(candidate, true);
  }

  private CompletableFuture<Verdict> verify(ProofCandidate candidate, boolean sorryAllowed) {
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
      CheckPlan plan = planCandidate(candidate, decl);
      Optional<Verdict> split = confirmSplice(plan, candidate, decl);
      if (split.isPresent()) {
        return CompletableFuture.completedFuture(split.get());
      }
      return execute(plan, outcome -> judge(plan, plan.targets().get(0), outcome, List.of()));
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
    String blanked = LeanText.blankCommentsAndStrings(source.text());
    List<Declaration> decls = source.theorems();
    List<Finding> fileLevel = new ArrayList<>();
    for (Finding f : scan.scan(blanked, ForbiddenScan.Scope.FILE)) {
      boolean inDeclaration = decls.stream().anyMatch(d -> f.offset() >= d.start() && f.offset() < d.end());
      if (!inDeclaration && f.code() == ReasonCode.FORBIDDEN) {
        fileLevel.add(f);
      }
    }
    CheckPlan plan = planFile(source);
    if (!fileLevel.isEmpty()) {
      // Never run a file that could run code on this machine or switch checks off.
      Finding first = fileLevel.get(0);
      String detail = describe(first, source.text()) + "; the file was not run";
      List<TheoremVerdict> verdicts = new ArrayList<>();
      for (Target t : plan.targets()) {
        verdicts.add(new TheoremVerdict(t.displayName(), Verdict.withoutLean(ReasonCode.FORBIDDEN, detail)));
      }
      return CompletableFuture.completedFuture(
          new FileReport(ReasonCode.FORBIDDEN, verdicts, List.of(), Duration.ZERO, detail));
    }
    return execute(
        plan,
        outcome -> {
          List<TheoremVerdict> verdicts = new ArrayList<>();
          for (int i = 0; i < plan.targets().size(); i++) {
            Target target = plan.targets().get(i);
            Declaration d = decls.get(i);
            List<Finding> own = scan.scan(blanked.substring(d.start(), d.end()), ForbiddenScan.Scope.PROOF);
            verdicts.add(new TheoremVerdict(target.displayName(), judge(plan, target, outcome, own)));
          }
          boolean fileErrors = outcome.messages().stream().anyMatch(LeanMessage::isError);
          ReasonCode status = outcome.runFault().orElse(FileReport.summarize(verdicts, fileErrors));
          List<LeanMessage> leanSaid =
              outcome.messages().stream()
                  .filter(m -> plan.targets().stream().noneMatch(t -> axiomReportFor(m, t).isPresent()))
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
          "the proof restates the theorem differently: " + oneLine(candidate.claimedStatement().get())));
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
    return Optional.of(Verdict.withoutLean(first.code(), describe(first, contributed)));
  }

  private CheckPlan planCandidate(ProofCandidate candidate, Declaration decl) {
    String text = candidate.source().text();
    StringBuilder b = new StringBuilder(text.length() + candidate.proof().length() + 64);
    b.append(text, 0, decl.start());
    int start = b.length();
    if (!candidate.auxiliary().isBlank()) {
      b.append(candidate.auxiliary().strip()).append("\n\n");
    }
    b.append(text, decl.start(), decl.proofStart()).append(' ').append(candidate.proof().strip());
    int end = b.length();
    b.append("\n\n");
    int axiomsLine = LeanText.positionAt(b.toString(), b.length()).line();
    String name = candidate.source().qualifiedName(decl);
    b.append("#print axioms ").append(name).append('\n');
    Target target = new Target(decl.displayName(), name, start, end, axiomsLine);
    return new CheckPlan(b.toString(), List.of(target), candidate.source().header().end());
  }

  // The spliced proof must stay inside the declaration: text that ends it early (a command at
  // column 0) would let the "proof" close the theorem with something else. Comments after the
  // last tactic do not count: Lean's declaration ends before them anyway.
  private Optional<Verdict> confirmSplice(CheckPlan plan, ProofCandidate candidate, Declaration original) {
    LeanSource checked = LeanSource.parse(plan.text());
    Optional<Declaration> again = checked.theorem(candidate.theoremName());
    String proof = candidate.proof().strip();
    int proofStart = plan.targets().get(0).end() - proof.length();
    int proofCodeEnd = proofStart + LeanText.blankCommentsAndStrings(proof).stripTrailing().length();
    if (again.isPresent()
        && again.get().statement().equals(original.statement())
        && again.get().proofStart() <= proofStart
        && again.get().end() >= proofCodeEnd) {
      return Optional.empty();
    }
    return Optional.of(Verdict.withoutLean(ReasonCode.FORBIDDEN,
        "the proof does not stay inside the theorem: it contains a top-level command"));
  }

  private CheckPlan planFile(LeanSource source) {
    StringBuilder b = new StringBuilder(source.text());
    if (!source.text().endsWith("\n")) {
      b.append('\n');
    }
    b.append('\n');
    List<Target> targets = new ArrayList<>();
    for (Declaration d : source.theorems()) {
      int axiomsLine = 0;
      String name = d.name().isEmpty() ? "" : source.qualifiedName(d);
      if (!name.isEmpty()) {
        axiomsLine = LeanText.positionAt(b.toString(), b.length()).line();
        b.append("#print axioms ").append(name).append('\n');
      }
      targets.add(new Target(d.displayName(), name, d.start(), d.end(), axiomsLine));
    }
    return new CheckPlan(b.toString(), targets, source.header().end());
  }

  private <T> CompletableFuture<T> execute(CheckPlan plan, Function<LeanOutcome, T> judge) {
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
        new LeanInvocation(argv, workspace.dir(), environment.forLake(toolchain.lake()), config.timeout(),
            config.memoryLimitBytes(), "");
    CompletableFuture<LeanRun> run = runner.run(invocation);
    CompletableFuture<T> result =
        run.handle((r, error) -> judge.apply(outcomeOf(plan, r, error)))
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

  private Verdict judge(CheckPlan plan, Target target, LeanOutcome outcome, List<Finding> preFindings) {
    String text = plan.text();
    if (outcome.notStarted().isPresent()) {
      return Verdict.withoutLean(outcome.notStarted().get(), outcome.summary());
    }
    LeanRun run = outcome.run();
    Duration wall = run.wall();
    List<LeanMessage> own = new ArrayList<>();
    List<LeanMessage> fileWide = new ArrayList<>();
    Optional<AxiomReport> axioms = Optional.empty();
    for (LeanMessage m : outcome.messages()) {
      Optional<AxiomReport> report = axiomReportFor(m, target);
      if (report.isPresent()) {
        axioms = report;
        continue;
      }
      if (m.position().isEmpty()) {
        if (AxiomReport.parse(m.data()).isEmpty()) {
          fileWide.add(m);
        }
        continue;
      }
      int offset = LeanText.offsetOf(text, m.position().get());
      if (target.contains(offset)) {
        own.add(m);
      } else if (offset < plan.headerEnd()) {
        fileWide.add(m);
      }
    }
    List<LeanMessage> relevant = new ArrayList<>(fileWide);
    relevant.addAll(own);
    Optional<ReasonCode> fault = outcome.runFault();
    if (fault.isPresent()) {
      return new Verdict(fault.get(), relevant, wall, outcome.summary(), text);
    }
    Optional<Finding> forbidden = preFindings.stream().filter(f -> f.code() == ReasonCode.FORBIDDEN).findFirst();
    if (forbidden.isPresent()) {
      return new Verdict(ReasonCode.FORBIDDEN, relevant, wall, describe(forbidden.get(), text.substring(target.start())), text);
    }
    Optional<LeanMessage> error = relevant.stream().filter(LeanMessage::isError).findFirst();
    if (error.isPresent()) {
      return new Verdict(ReasonCode.LEAN_ERROR, relevant, wall, firstLine(error.get()), text);
    }
    // Lean exits 1 when any declaration has an error; only an exit without any error message is a crash.
    if (run.exitCode() != 0 && outcome.messages().stream().noneMatch(LeanMessage::isError)) {
      return new Verdict(ReasonCode.SYSTEM_ERROR, relevant, wall,
          "lean exited with " + run.exitCode() + " without an error message; " + outcome.summary(), text);
    }
    if (!preFindings.isEmpty() || own.stream().anyMatch(ErrorCategory::isSorryWarning)) {
      return new Verdict(ReasonCode.SORRY, relevant, wall, "the proof uses sorry", text);
    }
    if (run.outputTruncated()) {
      return new Verdict(ReasonCode.SYSTEM_ERROR, relevant, wall,
          "Lean's output was larger than the capture limit, so messages may be missing", text);
    }
    if (target.axiomsLine() > 0) {
      if (axioms.isEmpty()) {
        return new Verdict(ReasonCode.SYSTEM_ERROR, relevant, wall,
            "Lean printed no #print axioms result for " + target.qualifiedName(), text);
      }
      if (axioms.get().usesSorry()) {
        return new Verdict(ReasonCode.SORRY, relevant, wall, "depends on sorryAx (through a lemma that uses sorry)", text);
      }
      List<String> bad = axioms.get().axioms().stream().filter(a -> !config.accepts(a)).toList();
      if (!bad.isEmpty()) {
        return new Verdict(ReasonCode.BAD_AXIOM, relevant, wall, "depends on axioms outside the allowed set: " + bad, text);
      }
    }
    return new Verdict(ReasonCode.PROVED, relevant, wall, "", text);
  }

  private Optional<AxiomReport> axiomReportFor(LeanMessage m, Target target) {
    if (target.axiomsLine() == 0 || m.severity() != dev.leanprove.leanbridge.message.Severity.INFORMATION) {
      return Optional.empty();
    }
    Optional<AxiomReport> report = AxiomReport.parse(m.data());
    if (report.isEmpty()) {
      return Optional.empty();
    }
    if (m.position().isPresent()) {
      return m.position().get().line() == target.axiomsLine() ? report : Optional.empty();
    }
    return report.get().declName().equals(target.qualifiedName()) ? report : Optional.empty();
  }

  private static String describe(Finding f, String text) {
    int line = LeanText.positionAt(text, f.offset()).line();
    return "`" + f.token() + "` at line " + line + ": " + f.why();
  }

  private static String firstLine(LeanMessage m) {
    String pos = m.position().map(p -> p + ": ").orElse("");
    return pos + oneLine(m.data());
  }

  private static String oneLine(String text) {
    String first = text.strip().lines().findFirst().orElse("");
    return first.length() > 200 ? first.substring(0, 200) + "…" : first;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover check file costs disk only; the check's result matters more.
    }
  }
}
