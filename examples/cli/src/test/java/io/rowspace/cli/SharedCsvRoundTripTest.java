package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.testsupport.DataSets;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every CSV file of the repository's data sets ({@code datasets/}) imports into a new table
 * holding the same values: each cell reads
 * back as written (numbers equal as numbers, text and dates as the same text, empty as NULL), and
 * no cell is set to NULL for not reading.
 */
class SharedCsvRoundTripTest {
  @ParameterizedTest
  @ValueSource(strings = {"ames/ames", "credit_data/credit_data", "diamonds/diamonds",
      "mlc_churn/mlc_churn", "penguins/penguins", "psid/persons", "psid/person_years"})
  void importedTableHoldsTheFilesValues(String file) throws Exception {
    Path csv = DataSets.folder(file.substring(0, file.indexOf('/')))
        .resolve(file.substring(file.indexOf('/') + 1) + ".csv");
    assertTrue(Files.isReadable(csv), "data set file " + csv);
    String name = file.substring(file.indexOf('/') + 1);
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:round_trip")) {
      CsvImporter.Outcome outcome = new CsvImporter(connection,
          (phase, step, total, message) -> { }).importFile(name, csv);
      for (ColumnReport column : outcome.columns()) {
        assertEquals(0, column.notRead(), name + "." + column.column() + ": " + column.whatWasDone());
      }
      long rows = compare(connection, name, csv, outcome.columns());
      assertEquals(rows, outcome.rows());
      try (Statement s = connection.createStatement()) {
        s.execute("DROP ALL OBJECTS");
      }
    }
  }

  private static long compare(Connection connection, String table, Path csv,
      List<ColumnReport> columns) throws Exception {
    long rows = 0;
    try (CsvRecords records = CsvDialect.RFC_4180.open(csv);
         Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY _ROWID_")) {
      records.next();
      for (List<String> record = records.next(); record != null; record = records.next()) {
        rows++;
        assertEquals(true, rs.next(), "row " + rows);
        for (int c = 0; c < columns.size(); c++) {
          String where = table + " row " + rows + " column " + columns.get(c).column();
          String text = record.get(c);
          Object value = rs.getObject(c + 1);
          if (text == null) {
            assertEquals(null, value, where);
          } else {
            assertEquals(expected(text, columns.get(c).type()), actual(rs, c + 1, columns.get(c).type()), where);
          }
        }
      }
      assertEquals(false, rs.next(), "no extra rows");
    }
    return rows;
  }

  private static Object expected(String text, ColumnType type) {
    switch (type) {
      case INTEGER:
      case BIGINT:
      case DECIMAL:
        return new BigDecimal(text).stripTrailingZeros();
      case DOUBLE:
        return Double.parseDouble(text);
      case BOOLEAN:
        return Boolean.parseBoolean(text);
      default:
        return text;
    }
  }

  private static Object actual(ResultSet rs, int column, ColumnType type) throws Exception {
    switch (type) {
      case INTEGER:
      case BIGINT:
      case DECIMAL:
        return rs.getBigDecimal(column).stripTrailingZeros();
      case DOUBLE:
        return rs.getDouble(column);
      case BOOLEAN:
        return rs.getBoolean(column);
      default:
        return rs.getString(column);
    }
  }
}
