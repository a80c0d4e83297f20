package dev.leanprove.orchestrator.batch;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import java.util.List;

/**
 * A small logged run with one problem of every kind, for summary tests. K = 4 samples:
 * <ul>
 *   <li>mathd_algebra_1: proved by the model, 1 of its 4 samples correct;
 *   <li>mathd_algebra_2: proved by the portfolio, no samples;
 *   <li>amc12a_2000_p1: not proved, 4 wrong samples and a machine fault (not a sample);
 *   <li>imo_1960_p1: invalid, no sorry theorem;
 *   <li>aime_1983_p1: unfinished, only the portfolio attempt logged;
 *   <li>induction_x: not proved, every model sample a machine fault (not measured);
 *   <li>amc12b_2001_p1: proved by the model, all 4 samples correct; its detail tries to break the HTML.
 * </ul>
 */
final class SampleRun {

  static final String NASTY_DETAIL = "</script><script>document.title='pwned'</script> & <!-- \u2028";

  private SampleRun() {}

  static List<Problem> problems() {
    return List.of(Records.problem("mathd_algebra_1"), Records.problem("mathd_algebra_2"), Records.problem("amc12a_2000_p1"),
        Records.problem("imo_1960_p1"), Records.problem("aime_1983_p1"), Records.problem("induction_x"),
        Records.problem("amc12b_2001_p1"));
  }

  static RecordedRun log(RunSettings settings) {
    RecordedRun run = new RecordedRun();
    run.add(Records.run(settings));
    portfolioFails(run, "mathd_algebra_1");
    run.add(Records.attempt("mathd_algebra_1", 1, ReasonCode.LEAN_ERROR));
    run.add(Records.attempt("mathd_algebra_1", 2, ReasonCode.PROVED));
    run.add(Records.attempt("mathd_algebra_1", 3, ReasonCode.SORRY));
    run.add(Records.attempt("mathd_algebra_1", 4, ReasonCode.LEAN_ERROR));
    run.add(Records.proved("mathd_algebra_1"));

    run.add(Records.attempt("mathd_algebra_2", 0, ReasonCode.PROVED));
    run.add(ProblemRecord.proved(Records.problem("mathd_algebra_2"), "proved by portfolio", 500));

    portfolioFails(run, "amc12a_2000_p1");
    for (int i = 1; i <= 4; i++) {
      run.add(Records.attempt("amc12a_2000_p1", i, ReasonCode.LEAN_ERROR));
    }
    run.add(Records.attempt("amc12a_2000_p1", 5, ReasonCode.OUT_OF_MEMORY));
    run.add(Records.notProved("amc12a_2000_p1", ReasonCode.LEAN_ERROR));

    run.add(ProblemRecord.invalid(Records.problem("imo_1960_p1"), ProblemRecord.InvalidReason.NO_TARGET, "nothing to prove"));

    portfolioFails(run, "aime_1983_p1");

    portfolioFails(run, "induction_x");
    run.add(Records.attempt("induction_x", 1, ReasonCode.SYSTEM_ERROR));
    run.add(Records.attempt("induction_x", 2, ReasonCode.SYSTEM_ERROR));
    run.add(Records.notProved("induction_x", ReasonCode.LEAN_ERROR));

    portfolioFails(run, "amc12b_2001_p1");
    for (int i = 1; i <= 4; i++) {
      run.add(Records.attempt("amc12b_2001_p1", i, ReasonCode.PROVED));
    }
    run.add(ProblemRecord.proved(Records.problem("amc12b_2001_p1"), NASTY_DETAIL, 800));
    return run;
  }

  private static void portfolioFails(RecordedRun run, String name) {
    run.add(Records.attempt(name, 0, ReasonCode.LEAN_ERROR));
  }

  static Summary summary() {
    return SummaryBuilder.build(problems(), log(Records.MODEL_RUN), Records.MODEL_RUN,
        List.of(new InputIssue("p.jsonl:9", "not a JSON object")), 12_345);
  }
}
