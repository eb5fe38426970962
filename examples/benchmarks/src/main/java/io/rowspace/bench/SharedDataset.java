package io.rowspace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One folder of {@code datasets/}: its root table, target and task from
 * {@code dataset.json}, and the root table's columns from {@code schema.sql}.
 *
 * @param name the folder's name, e.g. {@code credit_data}
 * @param folder where the CSV files, {@code schema.sql} and {@code dataset.json} are
 * @param root the table whose rows are predicted
 * @param target the column predicted
 * @param task binary, multiclass or regression
 * @param columns the root table's columns in CSV order
 */
record SharedDataset(String name, Path folder, String root, String target, Task task,
    List<Column> columns) {

  /** Every data set whose folder holds a {@code dataset.json}, by name. */
  static List<String> namesIn(Path datasets) throws IOException {
    try (var folders = Files.list(datasets)) {
      return folders.filter(f -> Files.isRegularFile(f.resolve("dataset.json")))
          .map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /**
   * A column of the root table as {@code schema.sql} declares it.
   *
   * @param name the column name as written in the CSV header
   * @param definition the column's definition in {@code schema.sql}, e.g. {@code INTEGER NOT NULL}
   * @param key whether the schema names it in a primary or foreign key: an identifier, never a
   *     feature of the baselines
   */
  record Column(String name, String definition, boolean key) {
    /** Whether the baselines treat it as a category (a character type) rather than a number. */
    boolean categorical() {
      String type = definition.toUpperCase(Locale.ROOT);
      return type.startsWith("VARCHAR") || type.startsWith("CHAR") || type.startsWith("TEXT")
          || type.startsWith("BOOLEAN");
    }
  }

  /** Reads the data set in {@code folder}. */
  static SharedDataset read(Path folder) throws IOException {
    JsonNode json = new ObjectMapper().readTree(folder.resolve("dataset.json").toFile());
    String root = json.path("root").asText();
    String target = json.path("target").asText();
    if (root.isEmpty() || target.isEmpty()) {
      throw new IOException(folder.resolve("dataset.json") + " names no root table or target.");
    }
    Task task = Task.named(json.path("task").asText());
    List<Column> columns = columnsOf(Files.readString(folder.resolve("schema.sql"),
        StandardCharsets.UTF_8), root, folder);
    if (columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(target))) {
      throw new IOException("Target " + target + " is not a column of " + root + " in "
          + folder.resolve("schema.sql"));
    }
    return new SharedDataset(folder.getFileName().toString(), folder, root, target, task,
        columns);
  }

  /** The columns of one {@code CREATE TABLE} in a {@code schema.sql}, with keys marked. */
  static List<Column> columnsOf(String schema, String table, Path folder) throws IOException {
    String lower = schema.toLowerCase(Locale.ROOT);
    int start = lower.indexOf("create table " + table.toLowerCase(Locale.ROOT) + " (");
    if (start < 0) {
      throw new IOException("No CREATE TABLE " + table + " in " + folder.resolve("schema.sql"));
    }
    int open = schema.indexOf('(', start);
    int close = schema.indexOf(");", open);
    List<String[]> definitions = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (String raw : schema.substring(open + 1, close).split("\n")) {
      String line = raw.trim();
      if (line.endsWith(",")) {
        line = line.substring(0, line.length() - 1).trim();
      }
      if (line.isEmpty() || line.startsWith("--")) {
        continue;
      }
      String upper = line.toUpperCase(Locale.ROOT);
      if (upper.startsWith("PRIMARY KEY") || upper.startsWith("FOREIGN KEY")) {
        String inside = line.substring(line.indexOf('(') + 1, line.indexOf(')'));
        for (String key : inside.split(",")) {
          keys.add(key.trim().toLowerCase(Locale.ROOT));
        }
        continue;
      }
      int space = line.indexOf(' ');
      definitions.add(new String[] {line.substring(0, space), line.substring(space + 1).trim()});
    }
    List<Column> columns = new ArrayList<>();
    for (String[] d : definitions) {
      columns.add(new Column(d[0], d[1], keys.contains(d[0].toLowerCase(Locale.ROOT))));
    }
    return List.copyOf(columns);
  }

  String trainingTable() {
    return root + "_train";
  }

  String heldOutTable() {
    return root + "_heldout";
  }

  String spaceName() {
    return root + "_space";
  }

  String predictorName() {
    return root + "_predictor";
  }

  /** The columns the baselines learn from: every column but the target and the keys. */
  List<Column> featureColumns() {
    return columns.stream().filter(c -> !c.key() && !c.name().equalsIgnoreCase(target))
        .collect(Collectors.toList());
  }

  /**
   * Loads the root table's CSV into {@link #trainingTable()} and {@link #heldOutTable()} with plain
   * SQL: a table with the schema's columns plus {@code id INTEGER PRIMARY KEY} numbered by CSV
   * record (the header is record 0; read by Apache Commons CSV), filled by batched inserts, then
   * split by {@code MOD(id, 4) = 0}
   * into the held-out table (a quarter) and the training table (the rest).
   *
   * <p>The schema's own key constraints are left out, since {@code id} is the primary key of
   * both tables; a declared primary key keeps its {@code NOT NULL}.
   *
   * @return the number of CSV rows loaded
   */
  int load(Connection connection) throws SQLException, IOException {
    String definitions = "id INTEGER PRIMARY KEY, " + columns.stream()
        .map(c -> c.name() + " " + c.definition()).collect(Collectors.joining(", "));
    String all = root + "_all";
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + all + " (" + definitions + ")");
    }
    String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
    String insert = "INSERT INTO " + all + " (id, " + names + ") VALUES (?"
        + ", ?".repeat(columns.size()) + ")";
    int rows = 0;
    Path csv = folder.resolve(root + ".csv");
    try (CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(
             Files.newBufferedReader(csv, StandardCharsets.UTF_8));
         PreparedStatement ps = connection.prepareStatement(insert)) {
      Iterator<CSVRecord> records = parser.iterator();
      List<String> header = records.hasNext() ? records.next().toList() : List.of();
      List<String> expected = columns.stream().map(Column::name).collect(Collectors.toList());
      if (!header.equals(expected)) {
        throw new IOException("The header of " + csv + " " + header
            + " does not match the columns of " + root + " in schema.sql " + expected);
      }
      while (records.hasNext()) {
        CSVRecord record = records.next();
        int number = (int) record.getRecordNumber() - 1;
        if (record.size() != columns.size()) {
          throw new IOException(csv + " record " + number + " has " + record.size()
              + " fields, expected " + columns.size());
        }
        ps.setInt(1, number);
        for (int i = 0; i < record.size(); i++) {
          if (record.get(i).isEmpty()) {
            ps.setNull(i + 2, Types.VARCHAR);
          } else {
            ps.setString(i + 2, record.get(i));
          }
        }
        ps.addBatch();
        if (++rows % 5_000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    try (Statement statement = connection.createStatement()) {
      for (String[] split : new String[][] {{trainingTable(), "<>"}, {heldOutTable(), "="}}) {
        statement.execute("CREATE TABLE " + split[0] + " (" + definitions + ")");
        statement.execute("INSERT INTO " + split[0] + " SELECT * FROM " + all
            + " WHERE MOD(id, 4) " + split[1] + " 0");
      }
      statement.execute("DROP TABLE " + all);
    }
    return rows;
  }
}
