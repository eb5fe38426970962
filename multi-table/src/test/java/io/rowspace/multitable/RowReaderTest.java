package io.rowspace.multitable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rowspace.engine.data.Frame;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlan;
import io.rowspace.planner.TrainingPlanner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading the rows of a plan step from a real H2 database into a Frame. */
class RowReaderTest {
  private Connection connection;
  private TrainingPlan plan;

  @BeforeEach
  void table() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:row_reader;DB_CLOSE_DELAY=-1");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, tier VARCHAR(5), "
          + "balance DOUBLE PRECISION)");
      statement.execute("INSERT INTO accounts SELECT x, CASE WHEN MOD(x, 2) = 0 THEN 'gold' "
          + "END, x * 1.5 FROM SYSTEM_RANGE(1, 5000) ORDER BY x DESC");
    }
    TableInfo accounts = new SchemaReader(connection, "PUBLIC",
        SqlDialectFactoryImpl.INSTANCE.create(connection.getMetaData()))
        .findTable(null, "ACCOUNTS").orElseThrow();
    plan = new TrainingPlanner(SqlDialectFactoryImpl.INSTANCE.create(connection.getMetaData()))
        .plan(accounts, Set.of());
  }

  @AfterEach
  void drop() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP ALL OBJECTS");
    }
    connection.close();
  }

  @Test
  void readsEveryRowInKeyOrderWithNullsKept() throws SQLException {
    Frame frame = new RowReader(connection).read(plan.rootStep(), 0, () -> false);
    assertEquals(5000, frame.rowCount());
    assertEquals(3, frame.columnCount());
    assertEquals(1, ((Number) frame.value(0, 0)).intValue());
    assertNull(frame.value(0, 1));
    assertEquals("gold", frame.value(1, 1));
    assertEquals(7500.0, ((Number) frame.value(4999, 2)).doubleValue());
  }

  @Test
  void stopsAtMaxRows() throws SQLException {
    assertEquals(100, new RowReader(connection).read(plan.rootStep(), 100, () -> false)
        .rowCount());
  }

  @Test
  void stopsWhenCancelled() {
    SQLException e = assertThrows(SQLException.class,
        () -> new RowReader(connection).read(plan.rootStep(), 0, () -> true));
    assertEquals("57014", e.getSQLState());
  }
}
