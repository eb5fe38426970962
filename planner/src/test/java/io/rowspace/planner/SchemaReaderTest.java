package io.rowspace.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Reading tables and their row keys from a real H2 database, and the SQL a plan sends. */
class SchemaReaderTest {
  private Connection connection;
  private SchemaReader reader;
  private SqlDialect dialect;

  @BeforeEach
  void database() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:schema_reader;DB_CLOSE_DELAY=-1");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(20), "
          + "city VARCHAR(20))");
      statement.execute("CREATE TABLE products (sku VARCHAR(10) NOT NULL UNIQUE, price INT)");
      statement.execute("CREATE TABLE readings (serial INT, reading DOUBLE PRECISION)");
      statement.execute("INSERT INTO readings VALUES (1, 0.5), (2, 0.5), (3, 0.7)");
      statement.execute("CREATE TABLE log_lines (message VARCHAR(20))");
      statement.execute("INSERT INTO log_lines VALUES ('a'), ('a')");
    }
    dialect = SqlDialectFactoryImpl.INSTANCE.create(connection.getMetaData());
    reader = new SchemaReader(connection, "PUBLIC", dialect);
  }

  @AfterEach
  void drop() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP ALL OBJECTS");
    }
    connection.close();
  }

  @Test
  void findsColumnsInOrderAndThePrimaryKey() throws SQLException {
    TableInfo customers = reader.findTable(null, "CUSTOMERS").orElseThrow();
    assertEquals(List.of("ID", "NAME", "CITY"), customers.columnNames());
    assertEquals(List.of("ID"), customers.keyColumns());
  }

  @Test
  void aUniqueNonNullColumnServesAsKeyWhenThereIsNoPrimaryKey() throws SQLException {
    assertEquals(List.of("SKU"), reader.findTable(null, "PRODUCTS").orElseThrow().keyColumns());
  }

  @Test
  void aColumnWhoseValuesAreDistinctServesAsKeyWhenNothingIsDeclared() throws SQLException {
    assertEquals(List.of("SERIAL"),
        reader.findTable(null, "READINGS").orElseThrow().keyColumns());
    assertTrue(reader.findTable(null, "LOG_LINES").orElseThrow().keyColumns().isEmpty());
  }

  @Test
  void unknownTablesAreAbsentAndTheExistingOnesAreListed() throws SQLException {
    assertTrue(reader.findTable(null, "NOPE").isEmpty());
    assertTrue(reader.tableNames().containsAll(List.of("CUSTOMERS", "PRODUCTS")));
  }

  @Test
  void thePlanReadsTheRootInKeyOrderInTheBackingDialect() throws SQLException {
    TableInfo customers = reader.findTable(null, "CUSTOMERS").orElseThrow();
    TrainingPlan plan = new TrainingPlanner(dialect).plan(customers, Set.of("CITY"));
    PlanStep root = plan.rootStep();
    assertEquals(List.of("ID", "NAME"), root.columns().stream().map(ColumnInfo::name).toList());
    assertEquals("SELECT \"ID\", \"NAME\"\nFROM \"CUSTOMERS\"\nORDER BY \"ID\"", root.sql());
  }
}
