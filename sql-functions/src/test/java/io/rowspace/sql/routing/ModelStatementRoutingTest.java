package io.rowspace.sql.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ALTER, EXPORT and IMPORT are Rowspace's only when they name a predictor or an embedding space;
 * the database's own ALTER TABLE, and columns called export or import, stay the database's.
 */
class ModelStatementRoutingTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "ALTER PREDICTOR p ROLLBACK TO VERSION 1",
      "alter embedding space s rollback to version 2",
      "EXPORT PREDICTOR p TO 'f'",
      "export embedding space s to 'f'",
      "IMPORT PREDICTOR FROM 'f'",
      "import or replace embedding space s from 'f'"})
  void modelStatementsAreRowspaces(String sql) {
    assertEquals(StatementRoute.ROWSPACE_STATEMENT, StatementRouter.route(sql));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ALTER TABLE predictor ADD COLUMN x INT",
      "ALTER TABLE embedding ADD COLUMN space INT",
      "SELECT export, import FROM shipments",
      "ALTER USER sa SET PASSWORD 'x'"})
  void theDatabasesOwnStatementsPassThrough(String sql) {
    assertEquals(StatementRoute.PASS_THROUGH, StatementRouter.route(sql));
  }
}
