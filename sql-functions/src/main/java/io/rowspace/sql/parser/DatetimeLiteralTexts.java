package io.rowspace.sql.parser;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Completes the texts of {@code TIMESTAMP '...'} and {@code TIME '...'} literals that H2 and
 * PostgreSQL read and Calcite does not: without seconds ({@code TIMESTAMP '2024-01-01 10:00'},
 * {@code TIME '10:00'}), without a time ({@code TIMESTAMP '2024-01-01'}) or with ISO's {@code T}
 * ({@code TIMESTAMP '2024-01-01T10:00:00'}). Calcite computes such a literal where it evaluates
 * an expression beside a model call, and would refuse it; the completed text means the same
 * value to the databases, which get it back in the part they run. Other texts (with a time
 * zone, say) are left as written, for the database or Calcite to judge.
 */
final class DatetimeLiteralTexts extends SqlBasicVisitor<Void> {
  private static final Pattern TIMESTAMP = Pattern.compile(
      "(\\d{4}-\\d{1,2}-\\d{1,2})(?:[ T](\\d{1,2}:\\d{2})(:\\d{2}(?:\\.\\d+)?)?)?");
  private static final Pattern TIME = Pattern.compile("(\\d{1,2}:\\d{2})");
  private static final DatetimeLiteralTexts INSTANCE = new DatetimeLiteralTexts();

  private DatetimeLiteralTexts() {
  }

  /** Completes the literals of a parsed statement in place. */
  static void complete(SqlNode statement) {
    if (statement != null) {
      statement.accept(INSTANCE);
    }
  }

  @Override public Void visit(SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      SqlNode completed = completed(operands.get(i));
      if (completed != operands.get(i)) {
        try {
          call.setOperand(i, completed);
        } catch (UnsupportedOperationException e) {
          // a node whose operands are fixed keeps the literal as written
        }
      }
    }
    return super.visit(call);
  }

  @Override public Void visit(SqlNodeList list) {
    for (int i = 0; i < list.size(); i++) {
      SqlNode completed = completed(list.get(i));
      if (completed != list.get(i)) {
        list.set(i, completed);
      }
    }
    return super.visit(list);
  }

  private static SqlNode completed(SqlNode node) {
    if (!(node instanceof SqlUnknownLiteral literal)) {
      return node;
    }
    String text = literal.getValue().strip();
    String tag = literal.tag.toUpperCase(Locale.ROOT);
    String full = null;
    if ("TIMESTAMP".equals(tag)) {
      Matcher m = TIMESTAMP.matcher(text);
      if (m.matches() && (m.group(2) == null || m.group(3) == null || text.contains("T"))) {
        full = m.group(1) + " " + (m.group(2) == null ? "00:00" : m.group(2))
            + (m.group(3) == null ? ":00" : m.group(3));
      }
    } else if ("TIME".equals(tag) && TIME.matcher(text).matches()) {
      full = text + ":00";
    }
    return full == null ? node : SqlLiteral.createUnknown(literal.tag, full,
        literal.getParserPosition());
  }
}
