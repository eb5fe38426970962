package io.rowspace.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the names in a CSV header into plain SQL identifiers that need no quotes in any backing
 * database: ASCII letters, digits and underscores, starting with a letter, not a reserved word,
 * unique regardless of case. {@code "Monthly income ($)"} becomes {@code Monthly_income},
 * {@code "2nd"} becomes {@code c_2nd}, {@code "order"} becomes {@code order_}.
 */
final class SqlIdentifiers {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  /** Words reserved by H2, PostgreSQL or Calcite that a header may well contain. */
  private static final Set<String> RESERVED = Set.of("ALL", "AND", "ANY", "ARRAY", "AS", "ASC",
      "ASYMMETRIC", "AUTHORIZATION", "BETWEEN", "BOTH", "BY", "CASE", "CAST", "CHECK", "COLUMN",
      "CONSTRAINT", "CREATE", "CROSS", "CURRENT_CATALOG", "CURRENT_DATE", "CURRENT_PATH",
      "CURRENT_ROLE", "CURRENT_SCHEMA", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "DATE",
      "DAY", "DEFAULT", "DESC", "DISTINCT", "DO", "ELSE", "END", "EXCEPT", "EXISTS", "FALSE", "FETCH",
      "FOR", "FOREIGN", "FROM", "FULL", "GRANT", "GROUP", "GROUPS", "HAVING", "HOUR", "IF", "ILIKE",
      "IN", "INNER", "INTERSECT", "INTERVAL", "INTO", "IS", "JOIN", "KEY", "LEADING", "LEFT", "LIKE",
      "LIMIT", "LOCALTIME", "LOCALTIMESTAMP", "MINUS", "MINUTE", "MONTH", "NATURAL", "NOT", "NULL",
      "OFFSET", "ON", "ONLY", "OR", "ORDER", "OVER", "PARTITION", "POSITION", "PRIMARY", "QUALIFY",
      "RANGE", "REFERENCES", "REGEXP", "RIGHT", "ROW", "ROWNUM", "ROWS", "SECOND", "SELECT",
      "SESSION_USER", "SET", "SOME", "SYMMETRIC", "SYSTEM_USER", "TABLE", "THEN", "TIME",
      "TIMESTAMP", "TO", "TOP", "TRAILING", "TRUE", "UESCAPE", "UNION", "UNIQUE", "UNKNOWN", "USER",
      "USING", "VALUE", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH", "YEAR", "_ROWID_");

  private SqlIdentifiers() {
  }

  /** One identifier per header name, in order. */
  static List<String> fromHeader(List<String> header) {
    List<String> names = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String base = sanitize(header.get(i), i + 1);
      String name = base;
      for (int n = 2; !taken.add(name.toUpperCase(Locale.ROOT)); n++) {
        name = base + "_" + n;
      }
      names.add(name);
    }
    return names;
  }

  /** Whether {@code name} is a plain, optionally schema-qualified, identifier. */
  static boolean isPlainName(String name) {
    return NAME.matcher(name).matches();
  }

  static String sanitize(String raw, int position) {
    String name = raw == null ? "" : raw.strip().replaceAll("[^A-Za-z0-9_]+", "_")
        .replaceAll("_+", "_").replaceAll("^_|_$", "");
    if (name.isEmpty()) {
      return "column_" + position;
    }
    if (Character.isDigit(name.charAt(0))) {
      name = "c_" + name;
    }
    return RESERVED.contains(name.toUpperCase(Locale.ROOT)) ? name + "_" : name;
  }
}
