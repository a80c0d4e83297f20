package dev.leanprove.leanbridge.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.verdict.CheckPlan.Target;
import dev.leanprove.leanbridge.work.ThreadWork;
import org.junit.jupiter.api.Test;

final class CheckPlannerTest {

  private static String theorems(int count) {
    StringBuilder b = new StringBuilder("import Mathlib\n\nnamespace Big\n\n");
    for (int i = 0; i < count; i++) {
      b.append("theorem t").append(i).append(" : (").append(i).append(" : ℕ) = ").append(i).append(" := by\n  rfl\n\n");
    }
    return b.append("end Big\n").toString();
  }

  @Test
  void planFile_eachTarget_pointsAtItsOwnAxiomsLine() {
    CheckPlan plan = CheckPlanner.planFile(LeanSource.parse(theorems(50)));

    String[] lines = plan.text().split("\n", -1);
    assertThat(plan.targets()).hasSize(50);
    for (Target t : plan.targets()) {
      assertThat(lines[t.axiomsLine() - 1]).isEqualTo("#print axioms _root_." + t.qualifiedName());
    }
  }

  // The old planner recomputed the line from the whole text for every theorem: 16k theorems took
  // 13-21 s. Growth is counted in the planning thread's CPU time, which a loaded machine does not inflate.
  @Test
  void planFile_manyTheorems_isLinear() {
    double growth = ThreadWork.cpuGrowth(n -> {
      LeanSource source = LeanSource.parse(theorems(n));
      return () -> CheckPlanner.planFile(source);
    }, 4_000);

    assertThat(growth).isLessThan(ThreadWork.LINEAR_BOUND);
    CheckPlan plan = CheckPlanner.planFile(LeanSource.parse(theorems(32_000)));
    assertThat(plan.targets()).hasSize(32_000);
    Target last = plan.targets().get(31_999);
    assertThat(plan.text().split("\n", -1)[last.axiomsLine() - 1]).isEqualTo("#print axioms _root_.Big.t31999");
  }
}
