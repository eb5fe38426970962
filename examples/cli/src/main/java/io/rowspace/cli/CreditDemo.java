package io.rowspace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code rowspace demo}: credit scoring on a real data set, in SQL only, with every statement
 * echoed as it runs.
 *
 * <p>The bundled {@code credit_data.csv} (4,454 loan applications, target {@code status} good or
 * bad; from the CHAID credit scoring data via R's modeldata) is loaded into table {@code credit},
 * a fifth of the rows is held out in {@code credit_new}, an embedding space and a predictor are
 * trained on the rest, and the predictor is scored on the held-out rows against the majority-class
 * baseline. Each run starts by dropping what a previous run left behind, so it can be repeated.
 */
public final class CreditDemo {
  /** The demo's own database file, apart from the default {@code jdbc:rowspace:} one. */
  public static final String DEFAULT_URL = "jdbc:rowspace:h2:./rowspace-data/demo";

  static final String DATA_RESOURCE = "credit_data.csv";
  static final String POSITIVE_LABEL = "bad";

  /** The columns of {@code credit} after {@code id}, as in the data set's {@code schema.sql}. */
  static final List<String> COLUMNS = List.of("status", "seniority", "home", "term_months", "age",
      "marital", "records", "job", "expenses", "income", "assets", "debt", "amount", "price");
  static final List<ColumnType> TYPES = List.of(ColumnType.VARCHAR, ColumnType.INTEGER,
      ColumnType.VARCHAR, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.VARCHAR,
      ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.INTEGER, ColumnType.INTEGER,
      ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER);

  private static final String BOLD = "\033[1m";
  private static final String PLAIN = "\033[0m";

  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  /**
   * A demo that writes its story to {@code out} and progress bars to {@code err}.
   *
   * @param terminal whether both are a terminal: statements are then echoed in bold and progress
   *     is a bar redrawn in place
   */
  public CreditDemo(PrintStream out, PrintStream err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /** Runs the demo against {@code url}, writing everything as plain text to {@code out}. */
  public static void run(String url, PrintStream out) throws SQLException, IOException {
    new CreditDemo(out, out, false).run(url);
  }

  /** Runs the demo against the database at {@code url}. */
  public void run(String url) throws SQLException, IOException {
    try (Connection connection = DriverManager.getConnection(url)) {
      heading("Rowspace demo: credit risk, in SQL, on " + url);
      cleanUp(connection);
      heading("1. Load 4,454 loan applications and hold out every fifth for testing");
      load(connection);
      heading("2. Learn an embedding space of the applications, without labels");
      train(connection, "CREATE EMBEDDING SPACE credit_space ON credit");
      query(connection, "DESCRIBE EMBEDDING SPACE credit_space", List.of("TABLE_NAME", "COLUMN_NAME",
          "SQL_TYPE", "DETECTED_TYPE", "STATUS", "REASON", "MUTUAL_INFORMATION_BITS"));
      heading("3. Train a predictor of status on the space");
      train(connection, "CREATE PREDICTOR credit_risk ON EMBEDDING SPACE credit_space TARGET status");
      query(connection, "SHOW PREDICTORS", List.of("NAME", "TARGET", "TASK", "METRIC",
          "METRIC_VALUE", "AUC", "ACCURACY", "F1", "LOG_LOSS", "CALIBRATION_ERROR", "THRESHOLD"));
      heading("4. Score the held-out applications against a baseline");
      compareWithBaseline(connection);
      heading("5. Predictions for new applications");
      query(connection, "SELECT id, status, PREDICT('credit_risk') AS predicted,\n"
          + "       PREDICT_PROBA('credit_risk', '" + POSITIVE_LABEL + "') AS probability_bad\n"
          + "FROM credit_new ORDER BY id LIMIT 5", List.of());
      details(connection);
      heading("6. The applications most similar to application 1");
      query(connection, "SELECT * FROM credit WHERE id = 1", List.of());
      query(connection, "SELECT * FROM TABLE(SIMILAR_ROWS('credit_space', 1, 5))", List.of());
      out.println();
      out.println("Done. Explore further with: ./rowspace sql " + url);
      out.flush();
    }
  }

  private void cleanUp(Connection connection) throws SQLException {
    update(connection, "DROP PREDICTOR IF EXISTS credit_risk");
    update(connection, "DROP EMBEDDING SPACE IF EXISTS credit_space CASCADE");
    update(connection, "DROP TABLE IF EXISTS credit_new");
    update(connection, "DROP TABLE IF EXISTS credit");
  }

  private void load(Connection connection) throws SQLException, IOException {
    StringBuilder create = new StringBuilder("CREATE TABLE credit (\n  id INTEGER AUTO_INCREMENT PRIMARY KEY");
    for (int c = 0; c < COLUMNS.size(); c++) {
      create.append(",\n  ").append(COLUMNS.get(c)).append(' ').append(TYPES.get(c).sql());
    }
    update(connection, create.append("\n)").toString());
    echo("INSERT INTO credit (" + String.join(", ", COLUMNS) + ")\nVALUES ("
        + COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", "))
        + ")  -- each row of the bundled " + DATA_RESOURCE);
    long start = System.nanoTime();
    long rows;
    try (InputStream data = CreditDemo.class.getResourceAsStream(DATA_RESOURCE)) {
      if (data == null) {
        throw new IOException("The demo's data set " + DATA_RESOURCE
            + " is missing from the class path; rebuild the examples/cli module.");
      }
      try (CsvRecords reader = CsvDialect.RFC_4180.open(new InputStreamReader(data, StandardCharsets.UTF_8))) {
        List<String> header = reader.next();
        if (!COLUMNS.equals(header)) {
          throw new IOException("Unexpected header in " + DATA_RESOURCE + ": " + header);
        }
        rows = CsvImporter.insertRows(connection, "credit", COLUMNS, TYPES, reader, 0,
            (phase, step, total, message) -> { });
      }
    }
    out.println("OK, " + StatementRunner.rows(rows) + " inserted (" + StatementRunner.seconds(start) + ")");
    update(connection, "CREATE TABLE credit_new AS SELECT * FROM credit WHERE MOD(id, 5) = 0");
    update(connection, "DELETE FROM credit WHERE MOD(id, 5) = 0");
    query(connection, "SELECT status, COUNT(*) AS applications FROM credit GROUP BY status ORDER BY status",
        List.of());
  }

  /** Runs a training statement with a progress bar and shows its findings. */
  private void train(Connection connection, String sql) throws SQLException {
    echo(sql);
    try (Statement statement = connection.createStatement()) {
      ProgressBar progress = new ProgressBar(err, terminal);
      StatementProgress.attach(statement, progress);
      long start = System.nanoTime();
      try {
        statement.execute(sql);
      } finally {
        progress.finish();
      }
      int count = statement.getUpdateCount();
      out.println("OK, " + StatementRunner.rows(Math.max(count, 0)) + " trained ("
          + StatementRunner.seconds(start) + ")");
      List<String> findings = new ArrayList<>();
      for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
        findings.add(w.getMessage());
      }
      if (!findings.isEmpty()) {
        out.println("What it found in the data:");
        findings.forEach(f -> out.println("  - " + f));
      }
    }
  }

  private void compareWithBaseline(Connection connection) throws SQLException {
    String baselineSql = "SELECT AVG(CASE WHEN status = (SELECT status FROM credit GROUP BY status\n"
        + "                                  ORDER BY COUNT(*) DESC LIMIT 1)\n"
        + "           THEN 1.0 ELSE 0.0 END) AS majority_class_accuracy\n"
        + "FROM credit_new";
    echo(baselineSql);
    double baseline;
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(baselineSql)) {
      rs.next();
      baseline = rs.getDouble(1);
    }
    String predictionsSql = "SELECT status, PREDICT('credit_risk') AS predicted,\n"
        + "       PREDICT_PROBA('credit_risk', '" + POSITIVE_LABEL + "') AS probability_bad\n"
        + "FROM credit_new";
    echo(predictionsSql);
    List<String> actual = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    List<Double> probabilities = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(predictionsSql)) {
      while (rs.next()) {
        actual.add(rs.getString(1));
        predicted.add(rs.getString(2));
        double p = rs.getDouble(3);
        probabilities.add(rs.wasNull() ? Double.NaN : p);
      }
    }
    long correct = 0;
    for (int i = 0; i < actual.size(); i++) {
      if (actual.get(i) != null && actual.get(i).equals(predicted.get(i))) {
        correct++;
      }
    }
    double accuracy = actual.isEmpty() ? Double.NaN : (double) correct / actual.size();
    double auc = AreaUnderCurve.of(actual, probabilities, POSITIVE_LABEL);
    out.println(actual.size() + " held-out applications (credit_new), never seen in training:");
    out.println(String.format(Locale.ROOT, "  %-28s %9s %7s", "", "accuracy", "AUC"));
    out.println(String.format(Locale.ROOT, "  %-28s %9.3f %7.3f", "always the majority class", baseline, 0.5));
    out.println(String.format(Locale.ROOT, "  %-28s %9.3f %7.3f", "PREDICT('credit_risk')", accuracy, auc));
  }

  /** Shows {@code PREDICT_DETAILS} for one application: the prediction and why. */
  private void details(Connection connection) throws SQLException {
    String sql = "SELECT id, PREDICT_DETAILS('credit_risk') AS details FROM credit_new ORDER BY id LIMIT 1";
    echo(sql);
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        out.println("Application " + rs.getString(1) + ":");
        out.println(indent(prettyJson(rs.getString(2))));
      }
    }
  }

  private static String prettyJson(String json) {
    if (json == null) {
      return "NULL";
    }
    ObjectMapper mapper = new ObjectMapper();
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
    } catch (IOException e) {
      return json;
    }
  }

  private int update(Connection connection, String sql) throws SQLException {
    echo(sql);
    try (Statement statement = connection.createStatement()) {
      long start = System.nanoTime();
      statement.execute(sql);
      int count = Math.max(statement.getUpdateCount(), 0);
      out.println("OK, " + StatementRunner.rows(count) + " affected (" + StatementRunner.seconds(start) + ")");
      return count;
    }
  }

  private void query(Connection connection, String sql, List<String> columns) throws SQLException {
    echo(sql);
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      long rows = new TablePrinter(out, columns, 4).print(rs);
      out.println("(" + StatementRunner.rows(rows) + ")");
    }
  }

  private void heading(String text) {
    out.println();
    out.println(terminal ? BOLD + "== " + text + " ==" + PLAIN : "== " + text + " ==");
    out.flush();
  }

  private void echo(String sql) {
    String text = "sql> " + sql.replace("\n", "\n     ") + ";";
    out.println(terminal ? BOLD + text + PLAIN : text);
    out.flush();
  }

  private static String indent(String text) {
    return Arrays.stream(text.split("\n")).map(line -> "  " + line).collect(Collectors.joining("\n"));
  }
}
