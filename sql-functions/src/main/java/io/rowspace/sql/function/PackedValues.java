package io.rowspace.sql.function;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The text encoding in which a rewritten query hands a row's values to a Rowspace function: each
 * value as {@code <length>:<text>}, a NULL as {@code -}, concatenated. Values of any SQL type
 * travel as their SQL text; the engine parses them by the column's profiled type.
 */
public final class PackedValues {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private PackedValues() {
  }

  /**
   * The SQL expression that packs values in a query: {@code CHAR_LENGTH(v) || ':' || v} per
   * value (each cast to VARCHAR), {@code '-'} for NULL, concatenated.
   */
  static SqlNode expression(List<SqlNode> values) {
    SqlNode packed = SqlLiteral.createCharString("", POS);
    for (SqlNode value : values) {
      SqlNode text = varchar(value);
      SqlNode length = varchar(SqlStdOperatorTable.CHAR_LENGTH.createCall(POS, text));
      SqlNode item = concat(concat(length, SqlLiteral.createCharString(":", POS)), text);
      SqlNode orNull = SqlStdOperatorTable.COALESCE.createCall(POS, item,
          SqlLiteral.createCharString("-", POS));
      packed = concat(packed, orNull);
    }
    return packed;
  }

  private static SqlNode concat(SqlNode left, SqlNode right) {
    return SqlStdOperatorTable.CONCAT.createCall(POS, left, right);
  }

  private static SqlNode varchar(SqlNode value) {
    return SqlStdOperatorTable.CAST.createCall(POS, value,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, POS), POS));
  }

  /** Packs texts (null for NULL), as {@link #expression} does in SQL. */
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
