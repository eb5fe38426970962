package io.rowspace.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * The column names of a query on our Calcite connection, found by its validator alone: no
 * planning, no generated code, nothing run. A model call that reads its inputs by name asks this
 * of the FROM clause it stands in, when that FROM cannot be described by the backing database
 * (it calls a table function, or a model in a derived table).
 */
public final class RowTypeValidation {
  private RowTypeValidation() {
  }

  /**
   * The labels of the columns {@code query} returns. The query is validated in place (the
   * validator expands it), so pass a copy.
   *
   * @param context the Calcite connection's prepare context (its schemas and type factory)
   * @param info the properties the connection was opened with
   * @param operators the connection's own operators, as for {@link RowspacePrepare}
   */
  public static List<String> columnLabels(CalcitePrepare.Context context, Properties info,
      SqlOperatorTable operators, SqlNode query) {
    RowspacePrepare prepare = new RowspacePrepare(info, operators, new ParsedStatement(),
        ResultOrigins.NONE);
    SqlValidator validator = prepare.validator(context);
    SqlNode validated = validator.validate(query);
    return new ArrayList<>(validator.getValidatedNodeType(validated).getFieldNames());
  }
}
