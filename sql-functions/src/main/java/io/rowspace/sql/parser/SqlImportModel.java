package io.rowspace.sql.parser;

import java.util.ArrayList;
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
 * Parse tree for {@code IMPORT [OR REPLACE] PREDICTOR [name] FROM 'file'} and
 * {@code IMPORT [OR REPLACE] EMBEDDING SPACE [name] FROM 'file'}; without a name the model keeps
 * the name it was exported with.
 */
public final class SqlImportModel extends SqlCall {
  static final SqlOperator OPERATOR = new SqlSpecialOperator("IMPORT", SqlKind.OTHER_DDL);

  private final boolean replace;
  private final SqlModelKind kind;
  private final SqlIdentifier name;
  private final SqlLiteral file;

  public SqlImportModel(SqlParserPos pos, boolean replace, SqlModelKind kind,
      SqlIdentifier name, SqlLiteral file) {
    super(pos);
    this.replace = replace;
    this.kind = kind;
    this.name = name;
    this.file = file;
  }

  public boolean replace() {
    return replace;
  }

  public SqlModelKind kind() {
    return kind;
  }

  /** The name to import as, or null for the name in the file. */
  public SqlIdentifier name() {
    return name;
  }

  public SqlLiteral file() {
    return file;
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>();
    if (name != null) {
      operands.add(name);
    }
    operands.add(file);
    return operands;
  }

  @Override public boolean equalsDeep(SqlNode node, Litmus litmus) {
    if (!(node instanceof SqlImportModel that) || kind != that.kind || replace != that.replace) {
      return litmus.fail("{} != {}", this, node);
    }
    return super.equalsDeep(node, litmus);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(replace ? "IMPORT OR REPLACE" : "IMPORT");
    writer.keyword(kind.keywords());
    if (name != null) {
      name.unparse(writer, leftPrec, rightPrec);
    }
    writer.keyword("FROM");
    file.unparse(writer, leftPrec, rightPrec);
  }
}
