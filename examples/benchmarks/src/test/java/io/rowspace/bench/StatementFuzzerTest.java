package io.rowspace.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * 2,000 mutated statements through a Rowspace connection: every failure is an SQLException with
 * a SQLSTATE and a user's message, and the connection keeps working. The 100,000-statement run
 * is {@code StatementFuzzer}'s main (docs/benchmarks.md).
 */
class StatementFuzzerTest {
  @Test
  void twoThousandMutatedStatementsFailOnlyAsSqlExceptionsWithTheirState() throws SQLException, IOException {
    StatementFuzzer fuzzer = new StatementFuzzer("jdbc:rowspace:h2:mem:fuzz_test", 20);
    try {
      fuzzer.createFixture();
      StatementFuzzer.Report report = fuzzer.run(20_261_207L, 2_000);
      Files.createDirectories(Path.of("target"));
      Files.write(Path.of("target", "statement-fuzzer-test.md"),
          report.markdown().getBytes(StandardCharsets.UTF_8));
      assertEquals(2_000, report.statements());
      assertTrue(report.findings().isEmpty(), report::markdown);
    } finally {
      fuzzer.close();
    }
  }

  @Test
  void theSameSeedMakesTheSameStatements() {
    StatementMutator first = new StatementMutator(new java.util.Random(5));
    StatementMutator second = new StatementMutator(new java.util.Random(5));
    for (String sql : FuzzCorpus.STATEMENTS) {
      assertEquals(first.mutate(sql), second.mutate(sql));
    }
  }
}
