package io.rowspace.sql.parser;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Parse tree for one {@code option = value} entry of a {@code WITH ( ... )} clause.
 *
 * <p>The value is a numeric literal (possibly negative), a string literal, {@code TRUE},
 * {@code FALSE}, or a bare word such as {@code auto} or {@code cpu}, which is kept as an
 * identifier.
 */
public final class SqlOption extends SqlCall {
  static final SqlOperator OPERATOR = new SqlSpecialOperator("OPTION", SqlKind.OTHER);

  private final SqlIdentifier name;
  private final SqlNode value;

  public SqlOption(SqlParserPos pos, SqlIdentifier name, SqlNode value) {
    super(pos);
    this.name = name;
    this.value = value;
  }

  /** The option name as written, lower-cased for lookups, e.g. {@code "epochs"}. */
  public String key() {
    return name.getSimple().toLowerCase(Locale.ROOT);
  }

  /** The option name as an identifier, with its position. */
  public SqlIdentifier name() {
    return name;
  }

  /** The value as parsed: a {@link SqlLiteral} or a {@link SqlIdentifier}. */
  public SqlNode value() {
    return value;
  }

  /**
   * The value as text: a number in plain notation ({@code "20"}, {@code "0.001"}), a string's
   * contents, {@code "true"} or {@code "false"}, or a bare word lower-cased ({@code "auto"}).
   */
  public String valueAsString() {
    if (value instanceof SqlIdentifier identifier) {
      return identifier.getSimple().toLowerCase(Locale.ROOT);
    }
    if (value instanceof SqlNumericLiteral number) {
      return number.getValueAs(BigDecimal.class).toPlainString();
    }
    if (value instanceof SqlCharStringLiteral string) {
      return string.getValueAs(String.class);
    }
    return String.valueOf(((SqlLiteral) value).booleanValue());
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return Arrays.asList(name, value);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    final SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.SIMPLE);
    name.unparse(writer, leftPrec, rightPrec);
    writer.sep("=");
    value.unparse(writer, leftPrec, rightPrec);
    writer.endList(frame);
  }

  /** Writes {@code WITH ( key = value, ... )}, or nothing if there are no options. */
  static void unparseWithClause(SqlWriter writer, SqlNodeList options, int leftPrec,
      int rightPrec) {
    if (options.isEmpty()) {
      return;
    }
    writer.keyword("WITH");
    final SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode option : options) {
      writer.sep(",");
      option.unparse(writer, leftPrec, rightPrec);
    }
    writer.endList(frame);
  }

  /** The options of a {@code WITH} clause as a typed list. */
  static List<SqlOption> list(SqlNodeList options) {
    return options.stream().map(SqlOption.class::cast).toList();
  }
}
