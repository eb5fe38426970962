package io.rowspace.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the portability tests run on: {@code ROWSPACE_TEST_POSTGRES_URL}, a plain
 * {@code jdbc:postgresql:} URL. Without it a test is skipped, except under CI ({@code CI} set),
 * which must provide one ({@code .ci/run} starts it).
 */
public final class TestPostgres {
  private TestPostgres() {}

  /** The server's plain JDBC URL; skips the calling test when there is none outside CI. */
  public static String url() {
    String backing = System.getenv("ROWSPACE_TEST_POSTGRES_URL");
    if (backing == null) {
      assertTrue(System.getenv("CI") == null,
          "CI must provide a PostgreSQL server in ROWSPACE_TEST_POSTGRES_URL (see .ci/run)");
      Assumptions.abort("No PostgreSQL server: set ROWSPACE_TEST_POSTGRES_URL to run this test");
    }
    return backing;
  }
}
