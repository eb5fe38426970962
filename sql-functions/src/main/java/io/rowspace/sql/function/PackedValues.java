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
 * The text encoding in which a rewritten query hands a row's values to a Rowspace function:
 * each value as {@code =<text>;} with {@code \} and {@code ;} escaped by a backslash, a NULL as
 * {@code -;}. Values of any SQL type travel as their SQL text; the engine parses them by the
 * column's profiled type. The SQL that builds it mentions each value once, so a {@code ?}
 * parameter or a volatile expression is evaluated once.
 */
public final class PackedValues {
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  private static final char END = ';';
  private static final char ESCAPE = '\\';

  private PackedValues() {
  }

  /**
   * The SQL expression that packs values in a query:
   * {@code COALESCE('=' || REPLACE(REPLACE(CAST(v AS VARCHAR), '\', '\\'), ';', '\;'), '-') || ';'}
   * per value, concatenated.
   */
  static SqlNode expression(List<SqlNode> values) {
    SqlNode packed = SqlLiteral.createCharString("", POS);
    for (SqlNode value : values) {
      SqlNode text = SqlStdOperatorTable.CAST.createCall(POS, value,
          new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, POS), POS));
      SqlNode escaped = replace(replace(text, "\\", "\\\\"), ";", "\\;");
      SqlNode present = concat(SqlLiteral.createCharString("=", POS), escaped);
      SqlNode orNull = SqlStdOperatorTable.COALESCE.createCall(POS, present,
          SqlLiteral.createCharString("-", POS));
      packed = concat(packed, concat(orNull, SqlLiteral.createCharString(";", POS)));
    }
    return packed;
  }

  private static SqlNode replace(SqlNode text, String from, String to) {
    return SqlStdOperatorTable.REPLACE.createCall(POS, text,
        SqlLiteral.createCharString(from, POS), SqlLiteral.createCharString(to, POS));
  }

  private static SqlNode concat(SqlNode left, SqlNode right) {
    return SqlStdOperatorTable.CONCAT.createCall(POS, left, right);
  }

  /** Packs texts (null for NULL), as {@link #expression} does in SQL. */
  public static String pack(List<String> values) {
    StringBuilder packed = new StringBuilder();
    for (String value : values) {
      if (value == null) {
        packed.append('-');
      } else {
        packed.append('=');
        for (int i = 0; i < value.length(); i++) {
          char c = value.charAt(i);
          if (c == ESCAPE || c == END) {
            packed.append(ESCAPE);
          }
          packed.append(c);
        }
      }
      packed.append(END);
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
      char kind = packed.charAt(i++);
      if (kind == '-') {
        values.add(null);
      } else if (kind == '=') {
        StringBuilder value = new StringBuilder();
        while (i < packed.length() && packed.charAt(i) != END) {
          char c = packed.charAt(i++);
          if (c == ESCAPE && i < packed.length()) {
            c = packed.charAt(i++);
          }
          value.append(c);
        }
        values.add(value.toString());
      } else {
        throw new IllegalArgumentException("Malformed packed values at " + (i - 1) + ": "
            + packed);
      }
      if (i >= packed.length() || packed.charAt(i) != END) {
        throw new IllegalArgumentException("Malformed packed values at " + i + ": " + packed);
      }
      i++;
    }
    return values;
  }
}
