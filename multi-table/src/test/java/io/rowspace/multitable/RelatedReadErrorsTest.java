package io.rowspace.multitable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rowspace.error.ErrorCode;
import io.rowspace.planner.RelationshipPlanner;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.junit.jupiter.api.Test;

/**
 * The errors of reading a space's tables come from one catalogue: stable codes, SQLSTATEs, and
 * messages that name the table; no exception is written by hand elsewhere in the module.
 */
class RelatedReadErrorsTest {

  @Test
  void aCancelledReadOfRelatedRowsNamesTheTableWithItsStateAndCode() throws SQLException {
    try (Connection connection = DriverManager.getConnection(
        "jdbc:h2:mem:related_read_error_" + System.nanoTime())) {
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE shops (id INTEGER PRIMARY KEY, city VARCHAR(20))");
        s.execute("INSERT INTO shops SELECT x, 'city ' || MOD(x, 7) FROM SYSTEM_RANGE(1, 50)");
        s.execute("CREATE TABLE sales (id INTEGER PRIMARY KEY, shop_id INTEGER REFERENCES "
            + "shops(id), amount INTEGER)");
        s.execute("INSERT INTO sales SELECT x, MOD(x, 50) + 1, x FROM SYSTEM_RANGE(1, 500)");
      }
      SqlDialect dialect = SqlDialectFactoryImpl.INSTANCE.create(connection.getMetaData());
      SchemaReader schema = new SchemaReader(connection, "PUBLIC", dialect);
      TableInfo shops = schema.findTable(null, "SHOPS").orElseThrow();
      TrainingPlanner planner = new TrainingPlanner(dialect);
      var holders = new RowReader(connection).read(planner.plan(shops, Set.of()).rootStep(), 0,
          () -> false);
      var reads = RelationRead.of(new RelationshipPlanner(schema, null).plan(shops, List.of(),
          Set.of()));
      RelatedRowReader cancelled = new RelatedRowReader(connection, planner, 42, () -> true);

      SQLException e = assertThrows(SQLException.class, () -> cancelled.attach(holders, reads));

      assertEquals("57014", e.getSQLState());
      assertEquals(ErrorCode.READ_CANCELLED.code(), e.getErrorCode());
      assertEquals("Reading SALES was cancelled.", e.getMessage());
    }
  }

  @Test
  void noExceptionIsWrittenByHandOutsideTheCatalogue() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (file.endsWith("ErrorCode.java")) {
          continue;
        }
        if (Files.readString(file, StandardCharsets.UTF_8).contains("new SQLException(")) {
          offenders.add(file.getFileName().toString());
        }
      }
    }
    assertEquals(List.of(), offenders, "build the error from ErrorCode instead");
  }
}
