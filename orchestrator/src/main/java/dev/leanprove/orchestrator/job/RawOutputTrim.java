package dev.leanprove.orchestrator.job;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.orchestrator.search.Attempt;
import dev.leanprove.orchestrator.search.Decomposition;
import dev.leanprove.orchestrator.search.ProveResult;
import dev.leanprove.orchestrator.search.SearchEvent;
import dev.leanprove.orchestrator.search.SubgoalResult;
import dev.leanprove.orchestrator.search.TheoremResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished job keeps of its attempts, and what that weighs. The proof, verdicts, Lean's
 * messages and the attempt tree stay; a proving attempt keeps its raw model output whole; every
 * other attempt keeps the beginning of its output, at most {@link #FAILED_PREFIX_BYTES} and
 * together at most the job's cap, followed by a note of how much was dropped. The text Lean
 * checked (a copy of the whole file per attempt, used only by repairs during the search) goes.
 * One per job, so an attempt held by an event and by the result is cut once and shared.
 */
final class RawOutputTrim {

  /** The beginning of a failed answer: the model's plan and where it went, not its 50 KB of reasoning. */
  static final int FAILED_PREFIX_BYTES = 4096;

  private final long capBytes;
  private final Map<Attempt, Attempt> kept = new IdentityHashMap<>();
  private long failedBytes;
  private long weight;

  RawOutputTrim(long capBytes) {
    this.capBytes = capBytes;
  }

  /** UTF-8 bytes of what has been kept so far: the attempts, and the results' files and sketches. */
  long weight() {
    return weight;
  }

  /** The result with its attempts cut; proving attempts are taken first so they never count against the cap. */
  ProveResult result(ProveResult result) {
    List<Attempt> all = new ArrayList<>();
    result.theorems().forEach(t -> collect(t, all));
    all.stream().filter(Attempt::proved).forEach(this::attempt);
    List<TheoremResult> theorems = new ArrayList<>();
    for (TheoremResult t : result.theorems()) {
      theorems.add(theorem(t));
    }
    weight += utf8Bytes(result.code());
    return new ProveResult(result.status(), result.code(), theorems, result.wallMillis());
  }

  /** The event with the attempts it holds cut (the same objects as in the result). */
  JobEvent event(JobEvent event) {
    if (!(event instanceof JobEvent.Searched)) {
      return event;
    }
    JobEvent.Searched searched = (JobEvent.Searched) event;
    SearchEvent e = searched.event();
    if (e instanceof SearchEvent.AttemptJudged) {
      SearchEvent.AttemptJudged judged = (SearchEvent.AttemptJudged) e;
      return new JobEvent.Searched(searched.seq(), new SearchEvent.AttemptJudged(judged.theorem(), attempt(judged.attempt())));
    }
    if (e instanceof SearchEvent.TheoremFinished) {
      SearchEvent.TheoremFinished finished = (SearchEvent.TheoremFinished) e;
      return new JobEvent.Searched(searched.seq(), new SearchEvent.TheoremFinished(finished.theorem(), theorem(finished.result())));
    }
    if (e instanceof SearchEvent.CandidateReady) {
      weight += utf8Bytes(((SearchEvent.CandidateReady) e).proof());
    }
    return event;
  }

  private static void collect(TheoremResult t, List<Attempt> into) {
    into.addAll(t.attempts());
    for (Decomposition d : t.decompositions()) {
      for (SubgoalResult s : d.subgoals()) {
        collect(s.result(), into);
      }
    }
  }

  private TheoremResult theorem(TheoremResult t) {
    List<Attempt> attempts = new ArrayList<>();
    for (Attempt a : t.attempts()) {
      attempts.add(attempt(a));
    }
    List<Decomposition> decompositions = new ArrayList<>();
    for (Decomposition d : t.decompositions()) {
      List<SubgoalResult> subgoals = new ArrayList<>();
      for (SubgoalResult s : d.subgoals()) {
        subgoals.add(new SubgoalResult(s.lemmaName(), s.statement(), s.depth(), theorem(s.result())));
        weight += utf8Bytes(s.statement());
      }
      decompositions.add(new Decomposition(d.sketchAttempt(), d.sketch(), d.sketchVerdict(), subgoals, d.outcome()));
      weight += utf8Bytes(d.sketch());
    }
    return new TheoremResult(t.name(), t.status(), t.proof(), t.auxiliary(), t.detail(), attempts, t.samples(),
        t.tokens(), t.wallMillis(), t.modelUnreachable(), decompositions);
  }

  private Attempt attempt(Attempt a) {
    Attempt done = kept.get(a);
    if (done != null) {
      return done;
    }
    String raw = a.proved() ? a.rawOutput() : cut(a.rawOutput());
    Attempt trimmed = new Attempt(a.strategy(), a.engine(), a.promptId(), raw, a.proof(), a.auxiliary(), a.verdict(),
        a.detail(), a.promptTokens(), a.completionTokens(), a.generationMillis(), a.verificationMillis(), a.cached(),
        a.id(), a.parent(), a.messages(), "");
    kept.put(a, trimmed);
    kept.put(trimmed, trimmed);
    weight += utf8Bytes(raw) + utf8Bytes(a.proof()) + utf8Bytes(a.auxiliary()) + utf8Bytes(a.detail());
    for (LeanMessage m : a.messages()) {
      weight += utf8Bytes(m.data());
    }
    return trimmed;
  }

  private String cut(String raw) {
    long total = utf8Bytes(raw);
    long allowed = Math.max(0, Math.min(FAILED_PREFIX_BYTES, capBytes - failedBytes));
    if (total <= allowed) {
      failedBytes += total;
      return raw;
    }
    String prefix = prefixWithin(raw, allowed);
    long prefixBytes = utf8Bytes(prefix);
    failedBytes += prefixBytes;
    return prefix + "\n[leanprove: " + (total - prefixBytes) + " of " + total + " bytes of this output were dropped"
        + " when the job finished]";
  }

  /** The longest prefix of {@code s} whose UTF-8 encoding fits in {@code bytes}, never splitting a character. */
  static String prefixWithin(String s, long bytes) {
    long used = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + size > bytes) {
        break;
      }
      used += size;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }

  /** The length of {@code s} in UTF-8 (a lone surrogate counts as the 3 bytes of its replacement). */
  static long utf8Bytes(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
