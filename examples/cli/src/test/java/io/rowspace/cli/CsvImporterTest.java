package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.jdbc.ProgressListener;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV import into a real H2 database: type inference, names, round trip, failures. */
class CsvImporterTest {
  private static final ProgressListener SILENT = (phase, step, total, message) -> { };

  @TempDir
  Path dir;

  private Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:import");
  }

  @AfterEach
  void close() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("DROP ALL OBJECTS");
    }
    connection.close();
  }

  @Test
  void infersTheNarrowestTypeThatHoldsEveryValue() throws IOException {
    ColumnTypeInference inference = new ColumnTypeInference();
    try (CsvRecords reader = CsvDialect.RFC_4180.open(new StringReader(String.join("\n",
        "true,1,1,1,2024-01-31,2024-01-31,x,,007",
        "FALSE,-2,3000000000,2.5,2024-02-29,2024-02-29 10:15:30,1,,00",
        ",,,-1e3,,2024-03-01T00:00,,,")))) {
      for (List<String> record = reader.next(); record != null; record = reader.next()) {
        inference.observe(record);
      }
    }
    List<ColumnType> types = new ArrayList<>();
    for (int c = 0; c < 9; c++) {
      types.add(inference.typeOf(c));
    }
    assertEquals(List.of(ColumnType.BOOLEAN, ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DOUBLE,
        ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.VARCHAR),
        types);
  }

  @Test
  void textThatOnlyLooksNumericStaysText() {
    for (String text : List.of("NaN", "Infinity", "1d", "0x1F", "1,5", "00501", "2024-02-30")) {
      assertFalse(ColumnType.DOUBLE.accepts(text) && ColumnType.DATE.accepts(text), text);
    }
    assertFalse(ColumnType.DOUBLE.accepts("NaN"));
    assertFalse(ColumnType.INTEGER.accepts("00501"));
    assertFalse(ColumnType.DATE.accepts("2024-02-30"));
    assertTrue(ColumnType.DOUBLE.accepts(".5"));
  }

  @Test
  void headerNamesBecomePlainUniqueIdentifiers() {
    assertEquals(List.of("Monthly_income", "c_2nd_choice", "order_", "column_4", "Age", "age_2"),
        SqlIdentifiers.fromHeader(Arrays.asList("Monthly income ($)", "2nd choice", "order", "", "Age", "age")));
  }

  @Test
  void roundTripKeepsValuesNullsAndTypes() throws Exception {
    Path csv = write("people.csv", "\uFEFFname,age,score,member,born,note\r\n"
        + "Ann,31,0.5,true,1990-04-01,\"says \"\"hi\"\", twice\"\r\n"
        + "Bob,,1e2,false,,\"two\nlines\"\r\n"
        + "Cy,40,-3,,1985-12-24,\"\"\r\n");
    CsvImporter.Outcome outcome = new CsvImporter(connection, SILENT).importFile("people", csv);
    assertEquals(3, outcome.rows());
    assertEquals("CREATE TABLE people (name VARCHAR, age INTEGER, score DOUBLE PRECISION, member BOOLEAN,"
        + " born DATE, note VARCHAR)", outcome.createStatement());
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM people ORDER BY name")) {
      rs.next();
      assertEquals("Ann", rs.getString("NAME"));
      assertEquals(31, rs.getInt("AGE"));
      assertEquals(0.5, rs.getDouble("SCORE"));
      assertTrue(rs.getBoolean("MEMBER"));
      assertEquals("1990-04-01", rs.getDate("BORN").toString());
      assertEquals("says \"hi\", twice", rs.getString("NOTE"));
      rs.next();
      assertNull(rs.getObject("AGE"));
      assertEquals(100.0, rs.getDouble("SCORE"));
      assertNull(rs.getObject("BORN"));
      assertEquals("two\nlines", rs.getString("NOTE"));
      rs.next();
      assertNull(rs.getObject("MEMBER"));
      assertEquals("", rs.getString("NOTE"));
      assertFalse(rs.next());
    }
  }

  @Test
  void importsIntoAnExistingTableByColumnName() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE scores (id INTEGER AUTO_INCREMENT PRIMARY KEY, score DECIMAL(5, 2), who VARCHAR)");
    }
    Path csv = write("scores.csv", "who,score\nAnn,1.25\nBob,2\n");
    CsvImporter.Outcome outcome = new CsvImporter(connection, SILENT).importFile("scores", csv);
    assertFalse(outcome.created());
    assertEquals(2, outcome.rows());
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, score FROM scores WHERE who = 'Ann'")) {
      rs.next();
      assertEquals(1, rs.getInt(1));
      assertEquals("1.25", rs.getBigDecimal(2).toPlainString());
    }
  }

  @Test
  void aBadValueRollsBackAndNamesRecordAndColumn() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE t (n INTEGER)");
    }
    Path csv = write("t.csv", "n\n1\n2\nthirty\n");
    SQLException e = assertThrows(SQLException.class,
        () -> new CsvImporter(connection, SILENT).importFile("t", csv));
    assertEquals("Record 4, column n: 'thirty' is not a valid INTEGER.", e.getMessage());
    assertEquals("22018", e.getSQLState());
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      assertEquals(0, rs.getInt(1));
    }
  }

  @Test
  void anUnknownColumnOfAnExistingTableIsNamed() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE t (n INTEGER)");
    }
    Path csv = write("t.csv", "n,extra\n1,2\n");
    SQLException e = assertThrows(SQLException.class,
        () -> new CsvImporter(connection, SILENT).importFile("t", csv));
    assertEquals("42S22", e.getSQLState());
    assertTrue(e.getMessage().startsWith("Column 'extra' of "), e.getMessage());
  }

  @Test
  void importsMoreRowsThanOneBatchAndReportsProgress() throws Exception {
    StringBuilder text = new StringBuilder("x,y\n");
    int rows = CsvImporter.BATCH_SIZE * 2 + 17;
    for (int i = 0; i < rows; i++) {
      text.append(i).append(',').append(i * 0.5).append('\n');
    }
    List<Integer> steps = new ArrayList<>();
    CsvImporter.Outcome outcome = new CsvImporter(connection, (phase, step, total, message) -> {
      assertEquals(rows, total);
      steps.add(step);
    }).importFile("big", write("big.csv", text.toString()));
    assertEquals(rows, outcome.rows());
    assertEquals(List.of(1000, 2000, rows), steps);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
