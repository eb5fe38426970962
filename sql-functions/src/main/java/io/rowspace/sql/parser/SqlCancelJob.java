package io.rowspace.sql.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Parse tree for {@code CANCEL JOB 'id'}. */
public final class SqlCancelJob extends SqlCall {
  static final SqlOperator OPERATOR = new SqlSpecialOperator("CANCEL JOB", SqlKind.OTHER_DDL);

  private final SqlLiteral jobId;

  /** Creates the node; {@code jobId} is a character string literal. */
  public SqlCancelJob(SqlParserPos pos, SqlLiteral jobId) {
    super(pos);
    this.jobId = jobId;
  }

  /** The id of the job to stop, as written between the quotes. */
  public String jobId() {
    return jobId.getValueAs(String.class);
  }

  @Override public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override public List<SqlNode> getOperandList() {
    return List.of(jobId);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CANCEL JOB");
    jobId.unparse(writer, leftPrec, rightPrec);
  }
}
