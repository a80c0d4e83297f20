package dev.leanprove.leanbridge.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ProcStatusTest {

  @Test
  void parse_runningProcess_countsAnonymousResidentMemoryNotMappedFiles() {
    // Lean maps GBs of Mathlib .olean files; those pages are in VmRSS but cost no real memory.
    ProcStatus status = ProcStatus.parse(List.of(
        "Name:\tlean", "State:\tS (sleeping)", "VmPeak:\t 9000000 kB", "VmRSS:\t  123456 kB",
        "RssAnon:\t  100000 kB", "RssFile:\t   23456 kB"));

    assertThat(status).isEqualTo(new ProcStatus(false, 100000L * 1024));
  }

  @Test
  void parse_kernelWithoutRssAnon_fallsBackToVmRss() {
    ProcStatus status = ProcStatus.parse(List.of("State:\tS (sleeping)", "VmRSS:\t  123456 kB"));

    assertThat(status).isEqualTo(new ProcStatus(false, 123456L * 1024));
  }

  @Test
  void parse_zombieWithoutVmRss_isZombieHoldingNothing() {
    ProcStatus status = ProcStatus.parse(List.of("Name:\tlake", "State:\tZ (zombie)", "Threads:\t1"));

    assertThat(status).isEqualTo(new ProcStatus(true, 0));
  }

  @Test
  void parse_garbledVmRss_countsAsZero() {
    assertThat(ProcStatus.parse(List.of("State:\tR (running)", "VmRSS:\tlots kB")).residentBytes())
        .isZero();
  }

  @Test
  void read_thisJvm_isRunningWithResidentMemory() {
    assumeTrue(ProcStatus.available(), "no /proc on this system");

    assertThat(ProcStatus.read(ProcessHandle.current().pid()))
        .hasValueSatisfying(status -> {
          assertThat(status.zombie()).isFalse();
          assertThat(status.residentBytes()).isGreaterThan(1024 * 1024);
        });
  }

  @Test
  void read_noSuchProcess_isEmpty() {
    assertThat(ProcStatus.read(Long.MAX_VALUE)).isEmpty();
  }
}
