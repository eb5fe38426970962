package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.jdbc.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as people export them from spreadsheets: a few bad cells, money, percentages, decimal
 * commas, other delimiters, NULL tokens, dates in several formats. Each test says what lands in
 * the table and what the summary tells the user.
 */
class MessyCsvImportTest {
  private static final ProgressListener SILENT = (phase, step, total, message) -> { };

  @TempDir
  Path dir;

  private Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:messy");
  }

  @AfterEach
  void close() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("DROP ALL OBJECTS");
    }
    connection.close();
  }

  @Test
  void aFewNaNAndNotAvailableCellsBecomeNullAndAreCounted() throws Exception {
    StringBuilder csv = new StringBuilder("id,income\n");
    for (int i = 1; i <= 40; i++) {
      csv.append(i).append(',').append(i == 5 ? "NaN" : i == 9 ? "n/a" : i == 12 ? "NaN"
          : String.format(java.util.Locale.ROOT, "\"$%,d.00\"", 10_000 + i * 99)).append('\n');
    }
    CsvImporter.Outcome outcome = importText("people", csv.toString());
    assertEquals("CREATE TABLE people (id INTEGER, income DOUBLE PRECISION)", outcome.createStatement());
    ColumnReport income = outcome.columns().get(1);
    assertEquals(37, income.read());
    assertEquals(3, income.notRead());
    assertEquals("3 not read as DOUBLE PRECISION, set to NULL ('NaN' x2, 'n/a' x1); "
        + "37 with a currency symbol", income.whatWasDone());
    assertEquals(List.of("10099.0", "null", "11287.0"),
        column("SELECT income FROM people WHERE id IN (1, 5, 13) ORDER BY id"));
  }

  @Test
  void missingMarkersNeverMakeAColumnText() throws Exception {
    CsvImporter.Outcome outcome = importText("t", "income,rate\n$13,979.00,12%\nNaN,n/a\n"
        .replace("$13,979.00", "\"$13,979.00\"") + "\"$1,200\",3,5%\n".replace("3,5%", "\"3,5%\"")
        + "$800.50,-\n");
    assertEquals("CREATE TABLE t (income DOUBLE PRECISION, rate DOUBLE PRECISION)",
        outcome.createStatement());
    assertEquals(Arrays.asList("0.12", "null", "0.035", "null"), column("SELECT rate FROM t"));
    assertEquals("1 not read as DOUBLE PRECISION, set to NULL ('NaN' x1); 3 with a currency symbol",
        outcome.columns().get(0).whatWasDone());
  }

  @Test
  void moneyWithThousandsSeparatorsIsANumber() throws Exception {
    importText("t", "amount\n\"$13,979.00\"\n\"1,234\"\n12\n");
    assertEquals(List.of("13979.0", "1234.0", "12.0"), column("SELECT amount FROM t"));
  }

  @Test
  void decimalCommasAreReadForTheWholeColumnOnSemicolonFiles() throws Exception {
    CsvImporter.Outcome outcome = importText("t", "price;qty\n1.234,5;1\n0,75;2\n1,234;3\n");
    assertEquals(';', outcome.dialect().delimiter());
    assertTrue(outcome.delimiterDetected());
    assertEquals(List.of("1234.5", "0.75", "1.234"), column("SELECT price FROM t ORDER BY qty"));
  }

  @Test
  void percentagesAreFractions() throws Exception {
    CsvImporter.Outcome outcome = importText("t", "rate\n12.5%\n3%\n100%\n");
    assertEquals(List.of("0.125", "0.03", "1.0"), column("SELECT rate FROM t"));
    assertTrue(outcome.columns().get(0).whatWasDone().startsWith("3 percentages read as fractions"));
  }

  @Test
  void tabAndPipeSeparatedFilesAreDetected() throws Exception {
    CsvImporter.Outcome tab = importText("tabbed", "name\tage\nAnn\t31\n\"Bob\tJr\"\t40\n");
    assertEquals('\t', tab.dialect().delimiter());
    assertEquals(List.of("Ann", "Bob\tJr"), column("SELECT name FROM tabbed ORDER BY age"));
    CsvImporter.Outcome pipe = importText("piped", "name|age\nAnn|31\nBob|40\n");
    assertEquals('|', pipe.dialect().delimiter());
    assertEquals(List.of("31", "40"), column("SELECT age FROM piped ORDER BY age"));
  }

  @Test
  void aGivenDelimiterAndQuoteWin() throws Exception {
    Path csv = Files.writeString(dir.resolve("f.txt"), "a;b\n'x;y';2\n");
    CsvImporter.Outcome outcome = new CsvImporter(connection, SILENT)
        .importFile("t", csv, ';', '\'', Set.of(), Map.of());
    assertEquals(false, outcome.delimiterDetected());
    assertEquals(List.of("x;y"), column("SELECT a FROM t"));
  }

  @Test
  void nullTokensAreNullNotBadCells() throws Exception {
    Path csv = Files.writeString(dir.resolve("f.csv"), "x,y\nNA,1\n-,2\n3,NA\n4,5\n");
    CsvImporter.Outcome outcome = new CsvImporter(connection, SILENT)
        .importFile("t", csv, null, '"', Set.of("NA", "-"), Map.of());
    assertEquals("CREATE TABLE t (x INTEGER, y INTEGER)", outcome.createStatement());
    assertEquals(2, outcome.columns().get(0).nulls());
    assertEquals(0, outcome.columns().get(0).notRead());
    assertEquals(Arrays.asList("null", "null", "4", "3"), column("SELECT x FROM t ORDER BY y NULLS LAST"));
  }

  @Test
  void mixedButUnambiguousDateFormatsAreDates() throws Exception {
    CsvImporter.Outcome outcome = importText("t", String.join("\n", "n,signup",
        "1,2024-01-31", "2,31.01.2024", "3,Jan 31, 2024".replace("Jan 31, 2024", "\"Jan 31, 2024\""),
        "4,13/02/2024", "5,05/03/2024", "6,2024/03/05", "7,5 March 2024", ""));
    assertEquals("CREATE TABLE t (n INTEGER, signup DATE)", outcome.createStatement());
    assertEquals(List.of("2024-01-31", "2024-01-31", "2024-01-31", "2024-02-13", "2024-03-05",
        "2024-03-05", "2024-03-05"), column("SELECT signup FROM t ORDER BY n"));
    assertTrue(outcome.columns().get(1).whatWasDone().contains("(day first)"),
        outcome.columns().get(1).whatWasDone());
  }

  @Test
  void typeOverridesKeepZipCodesAsTextAndForceNumbers() throws Exception {
    Path csv = Files.writeString(dir.resolve("f.csv"), "zip,score\n02134,1\n10001,two\n");
    CsvImporter.Outcome outcome = new CsvImporter(connection, SILENT).importFile("t", csv, null,
        '"', Set.of(), Map.of("ZIP", ColumnType.VARCHAR, "score", ColumnType.named("double")));
    assertEquals("CREATE TABLE t (zip VARCHAR, score DOUBLE PRECISION)", outcome.createStatement());
    assertEquals(List.of("02134", "10001"), column("SELECT zip FROM t ORDER BY zip"));
    assertEquals(1, outcome.columns().get(1).notRead());
    SQLException unknown = assertThrows(SQLException.class, () -> new CsvImporter(connection,
        SILENT).importFile("u", csv, null, '"', Set.of(), Map.of("zipcode", ColumnType.DATE)));
    assertEquals("42S22", unknown.getSQLState());
    assertTrue(unknown.getMessage().contains("Its columns are: zip, score"), unknown.getMessage());
  }

  @Test
  void aFewZipCodesWithLeadingZerosKeepTheColumnText() throws Exception {
    StringBuilder csv = new StringBuilder("zip\n");
    for (int i = 0; i < 50; i++) {
      csv.append(i == 3 ? "02134" : Integer.toString(10_001 + i * 17)).append('\n');
    }
    CsvImporter.Outcome outcome = importText("t", csv.toString());
    assertEquals("CREATE TABLE t (zip VARCHAR)", outcome.createStatement());
    assertEquals(0, outcome.columns().get(0).notRead());
    assertTrue(outcome.columns().get(0).whatWasDone().startsWith(
        "kept as text: 1 value has leading zeros (e.g. 02134)"), outcome.columns().get(0).whatWasDone());
  }

  @Test
  void mostlyTextStaysTextAndSaysWhy() throws Exception {
    CsvImporter.Outcome outcome = importText("t", "v\n1\n2\nthree\nfour\n5\n");
    assertEquals("CREATE TABLE t (v VARCHAR)", outcome.createStatement());
    assertEquals("kept as text: only 3 of 5 values read as INTEGER",
        outcome.columns().get(0).whatWasDone());
  }

  @Test
  void theCommandLinePrintsASummaryPerColumn() throws IOException {
    Path csv = Files.writeString(dir.resolve("sales.tsv"),
        "region\trevenue\tgrowth\nnorth\t\"$1,200.50\"\t5%\nsouth\tNaN\t-2%\neast\t$800\t\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RowspaceCli.run(new String[] {"import", "jdbc:h2:mem:cli_messy", "sales",
        csv.toString(), "--null", "NA", "--types", "revenue=DOUBLE"}, StandardStreams.of(
            new java.io.ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(text.contains("delimiter: tab (detected); NULL tokens: NA"), text);
    assertTrue(text.contains("column  | type             | read | NULL | not read | what was done"), text);
    assertTrue(text.contains("revenue | DOUBLE PRECISION |    2 |    0 |        1 | 1 not read as "
        + "DOUBLE PRECISION, set to NULL ('NaN' x1); 2 with a currency symbol; type given with --types"), text);
    assertTrue(text.contains("growth  | DOUBLE PRECISION |    2 |    1 |        0 | 2 percentages"), text);
  }

  private CsvImporter.Outcome importText(String table, String text) throws Exception {
    Path csv = Files.writeString(dir.resolve(table + ".csv"), text);
    return new CsvImporter(connection, SILENT).importFile(table, csv);
  }

  private List<String> column(String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        values.add(String.valueOf(rs.getObject(1)));
      }
    }
    return values;
  }
}
