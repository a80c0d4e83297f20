package dev.leanprove.orchestrator.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code attempts.jsonl} says, record by record: the runs, every attempt that still counts
 * (one per problem and sample index; discarded ones removed), the proofs and the finished problems.
 */
final class RecordedRun {

  private final List<RunRecord> runs = new ArrayList<>();
  private final Map<String, List<AttemptRecord>> attempts = new HashMap<>();
  private final Map<String, Set<Integer>> samplesSeen = new HashMap<>();
  private final Map<String, ProofRecord> proofs = new HashMap<>();
  private final Map<String, ProblemRecord> finished = new HashMap<>();
  private final List<String> skipped = new ArrayList<>();

  void add(BatchRecord record) {
    if (record instanceof RunRecord) {
      runs.add((RunRecord) record);
    } else if (record instanceof AttemptRecord) {
      AttemptRecord a = (AttemptRecord) record;
      // A sample index is used once; a repeat could only come from a hand-edited log.
      if (samplesSeen.computeIfAbsent(a.problem(), k -> new HashSet<>()).add(a.sample())) {
        attempts.computeIfAbsent(a.problem(), k -> new ArrayList<>()).add(a);
      } else {
        skip("a second attempt " + a.sample() + " of " + a.problem() + " was ignored");
      }
    } else if (record instanceof DiscardRecord) {
      DiscardRecord d = (DiscardRecord) record;
      List<AttemptRecord> list = attempts.get(d.problem());
      if (list != null) {
        list.removeIf(a -> a.sample() == d.sample());
      }
    } else if (record instanceof ProofRecord) {
      proofs.putIfAbsent(((ProofRecord) record).problem(), (ProofRecord) record);
    } else if (record instanceof ProblemRecord) {
      finished.putIfAbsent(((ProblemRecord) record).problem(), (ProblemRecord) record);
    }
  }

  void skip(String why) {
    skipped.add(why);
  }

  /** The first run's settings: every later session had to match them. */
  Optional<RunSettings> settings() {
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0).settings());
  }

  int sessions() {
    return runs.size();
  }

  List<AttemptRecord> attempts(String problem) {
    return List.copyOf(attempts.getOrDefault(problem, List.of()));
  }

  Optional<ProofRecord> proof(String problem) {
    return Optional.ofNullable(proofs.get(problem));
  }

  Optional<ProblemRecord> finished(String problem) {
    return Optional.ofNullable(finished.get(problem));
  }

  /** Lines that were not records, and records that were ignored, for the user to see. */
  List<String> skipped() {
    return List.copyOf(skipped);
  }
}
