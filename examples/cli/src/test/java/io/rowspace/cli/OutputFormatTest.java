package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Result sets of a real H2 database written in the three output formats. */
class OutputFormatTest {
  private static final String QUERY = "SELECT id, name, score, note FROM people ORDER BY id";

  private Connection connection;

  @BeforeEach
  void createTable() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:formats");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE people (id INTEGER, name VARCHAR, score DOUBLE PRECISION, note VARCHAR)");
      s.execute("INSERT INTO people VALUES (1, 'Ann', 0.5, 'likes \"quotes\", commas'),"
          + " (2, 'Bob', NULL, 'two\nlines'), (10, 'Cy', -2.25, '')");
    }
  }

  @AfterEach
  void dropTable() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("DROP ALL OBJECTS");
    }
    connection.close();
  }

  @Test
  void csvQuotesOnlyWhatMustBeQuotedAndLeavesNullEmpty() throws SQLException {
    assertEquals("ID,NAME,SCORE,NOTE\n"
        + "1,Ann,0.5,\"likes \"\"quotes\"\", commas\"\n"
        + "2,Bob,,\"two\nlines\"\n"
        + "10,Cy,-2.25,\"\"\n", print(OutputFormat.CSV, QUERY));
  }

  @Test
  void jsonHasOneArrayOfTypedObjectsPerResultSet() throws Exception {
    String json = print(OutputFormat.JSON, QUERY);
    JsonNode rows = new ObjectMapper().readTree(json);
    assertEquals(3, rows.size());
    assertEquals(1, rows.get(0).get("ID").intValue());
    assertEquals(0.5, rows.get(0).get("SCORE").doubleValue());
    assertEquals("likes \"quotes\", commas", rows.get(0).get("NOTE").textValue());
    assertEquals(true, rows.get(1).get("SCORE").isNull());
    assertEquals("two\nlines", rows.get(1).get("NOTE").textValue());
    assertEquals("[]\n", print(OutputFormat.JSON, "SELECT * FROM people WHERE id < 0"));
  }

  @Test
  void jsonWritesArraysAndBooleansAsJson() throws Exception {
    JsonNode row = new ObjectMapper().readTree(print(OutputFormat.JSON,
        "SELECT ARRAY[1.5, 2.5] AS v, TRUE AS b, DATE '2024-02-29' AS d")).get(0);
    assertEquals(2.5, row.get("V").get(1).doubleValue());
    assertEquals(true, row.get("B").booleanValue());
    assertEquals("2024-02-29", row.get("D").textValue());
  }

  @Test
  void tableAlignsColumnsAndRightAlignsNumbers() throws SQLException {
    assertEquals(String.join("\n",
        " ID | NAME | SCORE | NOTE",
        "----+------+-------+------------------------",
        "  1 | Ann  |   0.5 | likes \"quotes\", commas",
        "  2 | Bob  |  NULL | two lines",
        " 10 | Cy   | -2.25 |",
        ""), print(OutputFormat.TABLE, QUERY));
  }

  @Test
  void tableCanShowChosenColumnsOnly() throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
      new TablePrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("name", "missing"), -1).print(rs);
    }
    assertEquals(" NAME\n------\n Ann\n Bob\n Cy\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void tableCanRoundFloatingPointValues() throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, score FROM people ORDER BY id")) {
      new TablePrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(), 3).print(rs);
    }
    assertEquals(" ID | SCORE\n----+--------\n  1 |  0.500\n  2 |   NULL\n 10 | -2.250\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void formatsAreNamedInAnyCase() {
    assertEquals(OutputFormat.JSON, OutputFormat.of("Json"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputFormat.of("xml"));
    assertEquals("Unknown format 'xml'. Use one of: table, csv, json.", e.getMessage());
  }

  private String print(OutputFormat format, String sql) throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      format.printer(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(rs);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
