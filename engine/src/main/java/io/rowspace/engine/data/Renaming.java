package io.rowspace.engine.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * New names for the tables and columns a trained model reads, as another database spells them:
 * a model trained where unquoted names fold to upper case ({@code SEX}) serves where they fold to
 * lower case ({@code sex}) once its names are renamed. Names without an entry stay as they are.
 *
 * @param tables old table name to new table name
 * @param columns per old table name, old column name to new column name
 */
public record Renaming(Map<String, String> tables, Map<String, Map<String, String>> columns) {

  public Renaming {
    tables = Map.copyOf(tables);
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    columns.forEach((table, names) -> copy.put(table, Map.copyOf(names)));
    columns = Map.copyOf(copy);
  }

  /** The new name of a table (null for null). */
  public String table(String table) {
    return table == null ? null : tables.getOrDefault(table, table);
  }

  /** The new name of a column of a table, both by their old names (null for null). */
  public String column(String table, String column) {
    return table == null || column == null ? column
        : columns.getOrDefault(table, Map.of()).getOrDefault(column, column);
  }

  /** Whether every name stays as it is. */
  public boolean isIdentity() {
    return tables.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))
        && columns.values().stream().flatMap(m -> m.entrySet().stream())
            .allMatch(e -> e.getKey().equals(e.getValue()));
  }
}
