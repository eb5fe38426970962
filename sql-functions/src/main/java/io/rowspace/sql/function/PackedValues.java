package io.rowspace.sql.function;

import java.util.ArrayList;
import java.util.List;

/**
 * The text encoding in which a rewritten query hands a row's values to a Rowspace function: each
 * value as {@code <length>:<text>}, a NULL as {@code -}, concatenated. Values of any SQL type
 * travel as their SQL text; the engine parses them by the column's profiled type.
 */
public final class PackedValues {
  private PackedValues() {
  }

  /** Packs texts (null for NULL), as the rewritten SQL expression does. */
  public static String pack(List<String> values) {
    StringBuilder packed = new StringBuilder();
    for (String value : values) {
      if (value == null) {
        packed.append('-');
      } else {
        packed.append(value.length()).append(':').append(value);
      }
    }
    return packed.toString();
  }

  /**
   * Unpacks a packed string.
   *
   * @throws IllegalArgumentException if the text is not a packed list
   */
  public static List<String> unpack(String packed) {
    List<String> values = new ArrayList<>();
    int i = 0;
    while (i < packed.length()) {
      char c = packed.charAt(i);
      if (c == '-') {
        values.add(null);
        i++;
        continue;
      }
      int colon = packed.indexOf(':', i);
      if (colon < 0) {
        throw new IllegalArgumentException("Malformed packed values at " + i + ": " + packed);
      }
      int length = Integer.parseInt(packed.substring(i, colon));
      int start = colon + 1;
      values.add(packed.substring(start, start + length));
      i = start + length;
    }
    return values;
  }
}
