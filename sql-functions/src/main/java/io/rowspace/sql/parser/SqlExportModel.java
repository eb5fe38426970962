package io.rowspace.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

/**
 * Parse tree for {@code EXPORT PREDICTOR name TO 'file'} and
 * {@code EXPORT EMBEDDING SPACE name TO 'file'}.
 */
public final class SqlExportModel extends SqlCall {
  static final SqlOperator OPERATOR = new SqlSpecialOperator("EXPORT", SqlKind.OTHER_DDL);

  private final SqlModelKind kind;
  private final SqlIdentifier name;
  private final SqlLiteral file;

  public SqlExportModel(SqlParserPos pos, SqlModelKind kind, SqlIdentifier name,
      SqlLiteral file) {
    super(pos);
    this.kind = kind;
    this.name = name;
    this.file = file;
  }

  public SqlModelKind kind() {
    return kind;
  }

  public SqlIdentifier name() {
    return name;
  }

  /** The file's path as written, a string literal. */
  public SqlLiteral file() {
    return file;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(name, file);
  }

  @Override public boolean equalsDeep(SqlNode node, Litmus litmus) {
    if (!(node instanceof SqlExportModel that) || kind != that.kind) {
      return litmus.fail("{} != {}", this, node);
    }
    return super.equalsDeep(node, litmus);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("EXPORT " + kind.keywords());
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("TO");
    file.unparse(writer, leftPrec, rightPrec);
  }
}
