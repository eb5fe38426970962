package io.rowspace.multitable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RelatedRows;
import io.rowspace.planner.PlannedRelation;
import io.rowspace.planner.PlanningException;
import io.rowspace.planner.RelationshipPlanner;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlanner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading related rows for holder rows on a real H2 database: accounts with many payments each,
 * and payments referencing a currency table.
 */
class RelatedRowReaderTest {
  private Connection connection;
  private SqlDialect dialect;
  private TableInfo accounts;
  private List<PlannedRelation> relations;

  @BeforeEach
  void accounts() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:related_rows_" + System.nanoTime());
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE currencies (code CHAR(3) PRIMARY KEY, euro_rate DOUBLE PRECISION)");
      s.execute("INSERT INTO currencies VALUES ('EUR', 1.0), ('USD', 0.9)");
      s.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner VARCHAR(20))");
      // Accounts 1..60 have x payments worth 1..x; the others have none.
      s.execute("INSERT INTO accounts SELECT x, 'owner ' || x FROM SYSTEM_RANGE(1, 1200)");
      s.execute("CREATE TABLE payments (payment_id BIGINT PRIMARY KEY, account_id BIGINT "
          + "REFERENCES accounts(id), amount INTEGER, currency CHAR(3) REFERENCES "
          + "currencies(code))");
      s.execute("INSERT INTO payments SELECT a.x * 1000 + p.x, a.x, p.x, "
          + "CASE WHEN MOD(p.x, 2) = 0 THEN 'EUR' ELSE 'USD' END "
          + "FROM SYSTEM_RANGE(1, 60) a, SYSTEM_RANGE(1, 60) p WHERE p.x <= a.x");
    }
    dialect = SqlDialectFactoryImpl.INSTANCE.create(connection.getMetaData());
    SchemaReader schema = new SchemaReader(connection, "PUBLIC", dialect);
    accounts = schema.findTable(null, "ACCOUNTS").orElseThrow();
    relations = new RelationshipPlanner(schema, null).plan(accounts, List.of(), Set.of());
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private Frame holders() throws SQLException {
    return new RowReader(connection).read(new TrainingPlanner(dialect).plan(accounts, Set.of())
        .rootStep(), 0, () -> false);
  }

  private RelatedRows payments(long seed) throws SQLException {
    RelatedRowReader reader = new RelatedRowReader(connection, new TrainingPlanner(dialect),
        seed, () -> false);
    return reader.attach(holders(), RelationRead.of(relations)).related().get(0);
  }

  @Test
  void everyHolderGetsItsRowsCountedAndSummarisedButAtMostABoundedSampleKept()
      throws SQLException {
    RelatedRows payments = payments(42);
    assertEquals(1200, payments.holderCount());
    // Account 10: ten payments of 1..10, all kept.
    assertEquals(10, payments.count(9));
    assertEquals(10, payments.members(9).length);
    double[] summary = payments.summary(9);
    assertEquals(10, summary[0]);
    assertEquals(0, summary[1]);
    assertEquals(5.5, summary[2], 1e-9, "mean amount");
    assertEquals(10, summary[3], 1e-9, "max amount");
    // Account 60: sixty payments counted, the sample bounded.
    assertEquals(60, payments.count(59));
    assertEquals(RelatedRowReader.ROWS_PER_HOLDER, payments.members(59).length);
    assertEquals(30.5, payments.summary(59)[2], 1e-9, "the mean covers every payment");
    // Account 1200: none.
    assertEquals(0, payments.count(1199));
    assertEquals(0, payments.members(1199).length);
  }

  @Test
  void nestedParentsAreReadForTheKeptRowsOnce() throws SQLException {
    RelatedRows payments = payments(42);
    RelatedRows currencies = payments.nested().get(0);
    assertEquals("CURRENCIES", currencies.relation().table());
    assertEquals(payments.rows().rowCount(), currencies.holderCount());
    assertEquals(2, currencies.rows().rowCount(), "each currency read once");
  }

  @Test
  void theSameSeedKeepsTheSameRowsAndAnotherSeedOthers() throws SQLException {
    RelatedRows first = payments(42);
    RelatedRows again = payments(42);
    RelatedRows other = payments(7);
    assertArrayEquals(first.rows().column(0), again.rows().column(0));
    assertTrue(!java.util.Arrays.equals(first.rows().column(0), other.rows().column(0)));
  }

  @Test
  void keysAreReadInBatchesOfBoundParameters() throws SQLException {
    RelatedRowReader reader = new RelatedRowReader(connection, new TrainingPlanner(dialect), 42,
        () -> false);
    reader.attach(holders(), RelationRead.of(relations));
    RelatedRowReader.ReadStatistics stats = reader.statistics().get("PAYMENTS");
    assertEquals(3, stats.queries(), "1200 keys, 500 per query");
    assertEquals(60, stats.holdersMatched());
    assertEquals(60, stats.maxFanout());
  }

  @Test
  void cancellingStopsTheReadWith57014() throws SQLException {
    RelatedRowReader reader = new RelatedRowReader(connection, new TrainingPlanner(dialect), 42,
        () -> true);
    Frame rows = holders();
    SQLException e = assertThrows(SQLException.class,
        () -> reader.attach(rows, RelationRead.of(relations)));
    assertEquals("57014", e.getSQLState());
  }

  @Test
  void checkingTheJoinsMeasuresCoverageAndFanoutAndRejectsIncompatibleKeys()
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("INSERT INTO payments VALUES (99999999, NULL, 5, 'EUR')");
    }
    List<RelationshipCheck.Finding> findings =
        new RelationshipCheck(connection, dialect).check(relations);
    RelationshipCheck.Finding payments = findings.get(0);
    assertEquals(1831, payments.childRows());
    assertEquals(1830.0 / 1831, payments.coverage(), 1e-9);
    assertEquals(60, payments.maxFanout());
    assertEquals(30.5, payments.meanFanout(), 1e-9);

    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE notes (note_id INTEGER PRIMARY KEY, account_ref VARCHAR(10))");
    }
    SchemaReader schema = new SchemaReader(connection, "PUBLIC", dialect);
    List<PlannedRelation> bad = new RelationshipPlanner(schema, null).plan(accounts,
        List.of(new RelationshipPlanner.Include("NOTES", "ACCOUNT_REF")), Set.of());
    PlanningException e = assertThrows(PlanningException.class,
        () -> new RelationshipCheck(connection, dialect).check(bad));
    assertEquals("22000", e.sqlState());
    assertTrue(e.getMessage().contains("NOTES.ACCOUNT_REF (CHARACTER VARYING)"), e.getMessage());
  }
}
