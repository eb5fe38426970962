package io.rowspace.jdbc;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The text the backing database gives an array value, for arrays Calcite computes beside a model
 * call ({@code array_agg(x)}, {@code ARRAY[...]} around a model call's result), whose
 * {@code getString} would otherwise be Calcite's {@code [1, 2]}: PostgreSQL writes
 * {@code {1,2}} (its {@code array_out}: elements quoted when empty, {@code NULL}, or holding
 * braces, commas, quotes, backslashes or white space; booleans {@code t}/{@code f}; floats as
 * {@code 1e+20}), H2 writes {@code [1, 2]} (booleans {@code TRUE}, NULL {@code null}, floats as
 * Java writes them, {@code 42.0}).
 */
final class ArrayText {
  private ArrayText() {
  }

  /** The database's text of {@code value}, an {@link Array}, a Java array or a list. */
  static String of(Object value, boolean postgres) throws SQLException {
    StringBuilder text = new StringBuilder();
    append(text, value, postgres);
    return text.toString();
  }

  private static void append(StringBuilder text, Object value, boolean postgres)
      throws SQLException {
    List<?> elements = elements(value);
    text.append(postgres ? '{' : '[');
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        text.append(postgres ? "," : ", ");
      }
      Object element = elements.get(i);
      if (element != null && elements(element) != null) {
        append(text, element, postgres);
      } else if (postgres) {
        text.append(element == null ? "NULL" : quoted(postgresElement(element)));
      } else {
        text.append(element == null ? "null" : h2Element(element));
      }
    }
    text.append(postgres ? '}' : ']');
  }

  /** The elements of an array value, or null if {@code value} is no array. */
  private static List<?> elements(Object value) throws SQLException {
    if (value instanceof Array array) {
      return elements(array.getArray());
    }
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof Object[] objects) {
      return Arrays.asList(objects);
    }
    if (value != null && value.getClass().isArray()) {
      int length = java.lang.reflect.Array.getLength(value);
      List<Object> boxed = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        boxed.add(java.lang.reflect.Array.get(value, i));
      }
      return boxed;
    }
    return null;
  }

  private static String postgresElement(Object element) {
    if (element instanceof Boolean bool) {
      return bool ? "t" : "f";
    }
    if (element instanceof Double || element instanceof Float) {
      return floating(((Number) element).doubleValue());
    }
    if (element instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return datetime(element);
  }

  private static String h2Element(Object element) {
    if (element instanceof Boolean bool) {
      return bool ? "TRUE" : "FALSE";
    }
    if (element instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    // a double as Java writes it (42.0, 1.0E20), as H2 does
    return datetime(element);
  }

  /** A timestamp without Java's {@code .0} for whole seconds; anything else as it prints. */
  private static String datetime(Object element) {
    String text = element.toString();
    return element instanceof Timestamp && text.endsWith(".0")
        ? text.substring(0, text.length() - 2) : text;
  }

  /**
   * A floating-point number as PostgreSQL writes it: the shortest digits, positional from
   * 1e-4 below 1e15 (whole numbers without {@code .0}), otherwise with an exponent of at least
   * two digits and its sign ({@code 1e+20}, {@code 1e-05}).
   */
  private static String floating(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    double magnitude = Math.abs(value);
    if (value == 0 || magnitude >= 1e-4 && magnitude < 1e15) {
      String plain = new BigDecimal(Double.toString(value)).toPlainString();
      return plain.contains(".") ? plain.replaceAll("\\.?0+$", "") : plain;
    }
    String scientific = Double.toString(value).toUpperCase(Locale.ROOT);
    int at = scientific.indexOf('E');
    String mantissa = scientific.substring(0, at);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exponent = Integer.parseInt(scientific.substring(at + 1));
    return mantissa + "e" + (exponent < 0 ? "-" : "+")
        + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
  }

  /** An element of PostgreSQL's array text, quoted where {@code array_out} quotes it. */
  private static String quoted(String element) {
    boolean quote = element.isEmpty() || element.equalsIgnoreCase("NULL");
    for (int i = 0; i < element.length() && !quote; i++) {
      char c = element.charAt(i);
      quote = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c);
    }
    if (!quote) {
      return element;
    }
    return '"' + element.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
