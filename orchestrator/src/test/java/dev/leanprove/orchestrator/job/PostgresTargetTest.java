package dev.leanprove.orchestrator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

final class PostgresTargetTest {

  @Test
  void parse_everyUrlForm_givesOneJdbcUrl() {
    for (String url : new String[] {"postgresql://db.example.org:5433/jobs", "postgres://db.example.org:5433/jobs",
        "jdbc:postgresql://db.example.org:5433/jobs"}) {
      PostgresTarget t = PostgresTarget.parse(url, Optional.empty(), Optional.empty());

      assertThat(t.jdbcUrl()).as(url).isEqualTo("jdbc:postgresql://db.example.org:5433/jobs");
      assertThat(t.describe()).as(url).isEqualTo("postgresql://db.example.org:5433/jobs");
    }
  }

  @Test
  void parse_userInUrl_winsOverPgUserAndParametersGoToTheDriver() {
    PostgresTarget t = PostgresTarget.parse("postgresql://prover@db/jobs?sslmode=require", Optional.of("from-env"),
        Optional.of("secret"));

    assertThat(t.user()).contains("prover");
    assertThat(t.password()).contains("secret");
    assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db/jobs?sslmode=require");
    assertThat(t.describe()).isEqualTo("postgresql://prover@db/jobs");
  }

  @Test
  void parse_noUserInUrl_takesPgUser() {
    assertThat(PostgresTarget.parse("postgresql://db/jobs", Optional.of("from-env"), Optional.empty()).user()).contains("from-env");
  }

  @Test
  void parse_passwordInUrl_isRefusedWithoutRepeatingIt() {
    for (String url : new String[] {"postgresql://prover:hunter2@db/jobs", "jdbc:postgresql://db/jobs?user=a&password=hunter2"}) {
      assertThatThrownBy(() -> PostgresTarget.parse(url, Optional.empty(), Optional.empty()))
          .as(url).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PGPASSWORD").hasMessageContaining("--journal-password-file").hasMessageNotContaining("hunter2");
    }
  }

  @Test
  void parse_missingHostOrDatabase_namesWhatIsMissing() {
    assertThatThrownBy(() -> PostgresTarget.parse("postgresql://db.example.org", Optional.empty(), Optional.empty()))
        .hasMessageContaining("names no database");
    assertThatThrownBy(() -> PostgresTarget.parse("postgresql:///jobs", Optional.empty(), Optional.empty()))
        .hasMessageContaining("names no host");
    assertThatThrownBy(() -> PostgresTarget.parse("postgresql:jobs", Optional.empty(), Optional.empty()))
        .hasMessageContaining("postgresql://HOST[:PORT]/DATABASE");
  }

  @Test
  void toString_withPassword_neverShowsIt() {
    PostgresTarget t = PostgresTarget.parse("postgresql://db/jobs", Optional.of("u"), Optional.of("hunter2"));

    assertThat(t.toString()).doesNotContain("hunter2").contains("(set)");
  }

  @Test
  void isUrl_pathsAndUrls_areTold() {
    assertThat(PostgresTarget.isUrl("postgresql://db/jobs")).isTrue();
    assertThat(PostgresTarget.isUrl("JDBC:postgresql://db/jobs")).isTrue();
    assertThat(PostgresTarget.isUrl("/var/lib/leanprove/jobs.jsonl")).isFalse();
    assertThat(PostgresTarget.isUrl("jobs.jsonl")).isFalse();
  }
}
