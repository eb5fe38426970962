package io.rowspace.planner;

import java.util.List;
import java.util.Optional;

/**
 * A table of the backing database: its columns in declaration order and the columns that
 * identify a row (the primary key, or a unique non-null column found instead).
 */
public record TableInfo(String schema, String name, List<ColumnInfo> columns,
    List<String> keyColumns) {

  public Optional<ColumnInfo> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnInfo::name).toList();
  }

  /** The name users see: {@code SCHEMA.TABLE}, or just the table in the default schema. */
  public String qualifiedName() {
    return schema == null ? name : schema + "." + name;
  }
}
