package io.rowspace.jdbc;

import static io.rowspace.jdbc.JdbcCalls.scalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code EXPORT} writes a predictor with its space (or a space with its predictors) to one file
 * that {@code IMPORT} stores into another database, where they predict exactly as before; and
 * what IMPORT refuses: a damaged or absent file, names taken, tables or columns missing.
 */
class ModelExportTest {
  private static final String TABLE = "CREATE TABLE visits (id INTEGER PRIMARY KEY, "
      + "minutes DOUBLE PRECISION, pages INTEGER, source VARCHAR(10), bought VARCHAR(3))";
  private static final String ROWS = "INSERT INTO visits SELECT x, MOD(x * 13, 60) + 0.5, "
      + "MOD(x * 7, 20), CASEWHEN(MOD(x, 3) = 0, 'ads', 'search'), "
      + "CASEWHEN(MOD(x * 13, 60) > 40, 'yes', 'no') FROM SYSTEM_RANGE(1, 200)";
  private static Connection source;

  @TempDir
  static Path directory;

  @BeforeAll
  static void trained() throws SQLException {
    source = DriverManager.getConnection("jdbc:rowspace:h2:mem:export_source");
    try (Statement statement = source.createStatement()) {
      statement.execute(TABLE);
      statement.execute(ROWS);
      statement.execute("CREATE EMBEDDING SPACE shop ON visits WITH (epochs = 2, seed = 1)");
      statement.execute("CREATE PREDICTOR buyer ON shop TARGET bought WITH (epochs = 3)");
      statement.execute("CREATE PREDICTOR pages_left ON shop TARGET pages WITH (epochs = 3)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    source.close();
  }

  @Test
  void anExportedPredictorPredictsTheSameInAnotherDatabase() throws SQLException, IOException {
    Path file = directory.resolve("buyer.rowspace");
    try (Statement statement = source.createStatement()) {
      assertEquals(2, statement.executeUpdate("EXPORT PREDICTOR buyer TO '" + file + "'"));
      assertTrue(statement.getWarnings().getMessage().contains("Exported predictor 'BUYER' "
          + "with its embedding space 'SHOP'"), statement.getWarnings().getMessage());
    }
    assertEquals(List.of("buyer.rowspace"), filesNamedBuyer(), "no temporary file is left");
    try (Connection target = DriverManager.getConnection("jdbc:rowspace:h2:mem:export_target");
         Statement statement = target.createStatement()) {
      SQLException noTable = assertThrows(SQLException.class,
          () -> statement.execute("IMPORT PREDICTOR FROM '" + file + "'"));
      assertEquals("42S02", noTable.getSQLState());
      assertTrue(noTable.getMessage().contains("Table 'VISITS', which embedding space 'SHOP' "
          + "was trained on, does not exist"), noTable.getMessage());
      statement.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, minutes DOUBLE "
          + "PRECISION, source VARCHAR(10), bought VARCHAR(3))");
      SQLException noColumn = assertThrows(SQLException.class,
          () -> statement.execute("IMPORT PREDICTOR FROM '" + file + "'"));
      assertEquals("42S22", noColumn.getSQLState());
      assertTrue(noColumn.getMessage().contains("Column 'PAGES' of table 'VISITS'"),
          noColumn.getMessage());
      assertEquals(0L, count(target, "SELECT COUNT(*) FROM ROWSPACE.EMBEDDING_SPACES"),
          "a refused import stores nothing");
      statement.execute("DROP TABLE visits");
      statement.execute(TABLE);
      statement.execute(ROWS);

      assertEquals(2, statement.executeUpdate("IMPORT PREDICTOR FROM '" + file + "'"));
      assertArrayEquals(probabilities(source, "buyer"), probabilities(target, "buyer"),
          "bit-identical predictions after the move");
      SQLException taken = assertThrows(SQLException.class,
          () -> statement.execute("IMPORT PREDICTOR FROM '" + file + "'"));
      assertEquals("42710", taken.getSQLState());
      assertTrue(taken.getMessage().contains("Predictor 'BUYER' already exists"),
          taken.getMessage());
      assertEquals(1, statement.executeUpdate("IMPORT PREDICTOR buyer_copy FROM '" + file + "'"),
          "the space with the same weights is there: only the predictor is stored");
      assertArrayEquals(probabilities(source, "buyer"), probabilities(target, "buyer_copy"));
      assertEquals(1, statement.executeUpdate("IMPORT OR REPLACE PREDICTOR FROM '" + file
          + "'"));
      assertEquals("1 false, 2 true", versions(target, "BUYER"),
          "the replaced predictor is kept as a former version");
    }
  }

  @Test
  void anExportedSpaceCarriesItsPredictorsUnderANewName() throws SQLException {
    Path file = directory.resolve("shop.rowspace");
    try (Statement statement = source.createStatement()) {
      assertEquals(3, statement.executeUpdate("EXPORT EMBEDDING SPACE shop TO '" + file + "'"));
    }
    try (Connection target = DriverManager.getConnection("jdbc:rowspace:h2:mem:export_space");
         Statement statement = target.createStatement()) {
      statement.execute(TABLE);
      statement.execute(ROWS);
      SQLException wrongKind = assertThrows(SQLException.class,
          () -> statement.execute("IMPORT PREDICTOR FROM '" + file + "'"));
      assertEquals("22023", wrongKind.getSQLState());
      assertTrue(wrongKind.getMessage().contains("IMPORT EMBEDDING SPACE"),
          wrongKind.getMessage());
      assertEquals(3, statement.executeUpdate("IMPORT EMBEDDING SPACE store FROM '" + file
          + "'"));
      assertEquals("STORE", scalar(target,
          "SELECT space FROM ROWSPACE.PREDICTORS WHERE name = 'PAGES_LEFT'"));
      assertArrayEquals(probabilities(source, "buyer"), probabilities(target, "buyer"));
      assertEquals(scalar(source, "SELECT PREDICT('pages_left') FROM visits WHERE id = 5"),
          scalar(target, "SELECT PREDICT('pages_left') FROM visits WHERE id = 5"));
      assertEquals(similarIds(source, "shop"), similarIds(target, "store"),
          "the embedded rows came along");
    }
  }

  @Test
  void namesBindToTablesAndColumnsSpelledInAnotherCaseUnlessAmbiguous() throws SQLException {
    Path file = directory.resolve("names_buyer.rowspace");
    try (Statement statement = source.createStatement()) {
      statement.execute("EXPORT PREDICTOR buyer TO '" + file + "'");
    }
    try (Connection target = DriverManager.getConnection("jdbc:rowspace:h2:mem:export_names");
         Statement statement = target.createStatement()) {
      // Quoted in lower case, as PostgreSQL stores unquoted names; "Pages" and "pages" both
      // match PAGES when case is ignored.
      statement.execute("CREATE TABLE \"visits\" (\"id\" INTEGER PRIMARY KEY, \"minutes\" "
          + "DOUBLE PRECISION, \"Pages\" INTEGER, \"pages\" INTEGER, \"source\" VARCHAR(10), "
          + "\"bought\" VARCHAR(3))");
      SQLException ambiguous = assertThrows(SQLException.class,
          () -> statement.execute("IMPORT PREDICTOR FROM '" + file + "'"));
      assertEquals("42S22", ambiguous.getSQLState());
      assertTrue(ambiguous.getMessage().contains("Column 'PAGES' of table 'visits', which "
          + "embedding space 'SHOP' reads, matches several columns of that table when case is "
          + "ignored (Pages, pages)"), ambiguous.getMessage());
      assertEquals(0L, count(target, "SELECT COUNT(*) FROM ROWSPACE.EMBEDDING_SPACES"));

      statement.execute("ALTER TABLE \"visits\" DROP COLUMN \"Pages\"");
      statement.execute("INSERT INTO \"visits\" " + ROWS.substring("INSERT INTO visits ".length()));
      assertEquals(2, statement.executeUpdate("IMPORT PREDICTOR FROM '" + file + "'"));
      assertEquals("visits [\"id\"] bought", scalar(target, "SELECT s.root_table || ' ' || "
          + "s.key_columns || ' ' || p.target FROM ROWSPACE.EMBEDDING_SPACES s "
          + "JOIN ROWSPACE.PREDICTORS p ON p.space = s.name WHERE p.name = 'BUYER'"));
      assertArrayEquals(probabilities(source, "buyer"),
          probabilities(target, "buyer", "\"visits\"", "\"id\""),
          "bit-identical predictions on the table spelled in lower case");
    }
  }

  @Test
  void unreadableAndDamagedFilesAreRefusedNamingTheFile() throws SQLException, IOException {
    Path file = directory.resolve("damaged.rowspace");
    try (Statement statement = source.createStatement()) {
      statement.execute("EXPORT PREDICTOR buyer TO '" + file + "'");
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    Path notModel = Files.writeString(directory.resolve("notes.txt"), "hello");
    try (Connection target = DriverManager.getConnection("jdbc:rowspace:h2:mem:export_damaged");
         Statement statement = target.createStatement()) {
      SQLException damaged = assertThrows(SQLException.class,
          () -> statement.execute("IMPORT PREDICTOR FROM '" + file + "'"));
      assertEquals("22000", damaged.getSQLState());
      assertTrue(damaged.getMessage().contains("File '" + file + "' is damaged: its checksum "
          + "does not match"), damaged.getMessage());
      SQLException notRowspace = assertThrows(SQLException.class,
          () -> statement.execute("IMPORT PREDICTOR FROM '" + notModel + "'"));
      assertEquals("22000", notRowspace.getSQLState());
      assertTrue(notRowspace.getMessage().contains("is not a Rowspace model file"),
          notRowspace.getMessage());
      Path absent = directory.resolve("absent.rowspace");
      SQLException missing = assertThrows(SQLException.class,
          () -> statement.execute("IMPORT PREDICTOR FROM '" + absent + "'"));
      assertEquals("58030", missing.getSQLState());
      assertTrue(missing.getMessage().contains("Cannot read file '" + absent + "': no such "
          + "file"), missing.getMessage());
    }
    try (Statement statement = source.createStatement()) {
      Path nowhere = directory.resolve("no_such_directory").resolve("buyer.rowspace");
      SQLException unwritable = assertThrows(SQLException.class,
          () -> statement.execute("EXPORT PREDICTOR buyer TO '" + nowhere + "'"));
      assertEquals("58030", unwritable.getSQLState());
      assertTrue(unwritable.getMessage().contains("Cannot write file '" + nowhere + "'"),
          unwritable.getMessage());
      SQLException unknown = assertThrows(SQLException.class,
          () -> statement.execute("EXPORT PREDICTOR nobody TO '" + file + "'"));
      assertEquals("42704", unknown.getSQLState());
    }
    assertFalse(Files.exists(directory.resolve("no_such_directory")));
  }

  private static List<String> filesNamedBuyer() throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("buyer"))
          .sorted().toList();
    }
  }

  private static List<Integer> similarIds(Connection connection, String space)
      throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT id FROM TABLE(SIMILAR_ROWS('" + space
             + "', 3, 5)) ORDER BY rank")) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  static double[] probabilities(Connection connection, String predictor) throws SQLException {
    return probabilities(connection, predictor, "visits", "id");
  }

  private static double[] probabilities(Connection connection, String predictor, String table,
      String id) throws SQLException {
    List<Double> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT PREDICT_PROBA('" + predictor + "') FROM " + table + " ORDER BY " + id)) {
      while (rs.next()) {
        values.add(rs.getDouble(1));
      }
    }
    assertFalse(values.isEmpty());
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String versions(Connection connection, String name) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT version, is_current FROM "
             + "ROWSPACE.MODEL_VERSIONS WHERE kind = 'PREDICTOR' AND name = '" + name
             + "' ORDER BY version")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + " " + rs.getBoolean(2));
      }
    }
    return String.join(", ", rows);
  }

  private static long count(Connection connection, String sql) throws SQLException {
    return ((Number) scalar(connection, sql)).longValue();
  }

}
