package io.rowspace.sql.plan;

import io.rowspace.sql.parser.impl.RowspaceSqlParserImpl;
import java.lang.reflect.Type;
import java.util.Properties;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Calcite's statement preparation with the connection's own operators (the model functions)
 * in the validator, and Rowspace's last planning step: after Calcite's standard program has
 * chosen the physical plan, {@link ModelCallBatching} moves model calls into batched operators.
 * Installed on the Calcite connection through
 * {@code Driver.withPrepareFactory(() -> new RowspacePrepare(info, operators))}.
 */
public final class RowspacePrepare extends CalcitePrepareImpl {
  private final Properties info;
  private final SqlOperatorTable operators;

  /**
   * @param info the properties the connection was opened with
   * @param operators operators of the connection besides Calcite's and its schemas' functions:
   *     the model functions, whose operands vary in number and type
   */
  public RowspacePrepare(Properties info, SqlOperatorTable operators) {
    this.info = info;
    this.operators = operators;
  }

  /**
   * Parses a rewritten query with Rowspace's own grammar, which accepted the query first, such
   * as PostgreSQL's {@code ~}, which Calcite then evaluates. Names are not limited here: the
   * user's own were checked when the query was first parsed, and the labels the rewrite gives
   * unaliased items ({@code ColumnLabels}: on H2 the expression's text) are as long as the
   * expression (Calcite's default limit, 128, refused them as an internal error).
   */
  @Override protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    return super.createParser(sql, parserConfig
        .withParserFactory(RowspaceSqlParserImpl.FACTORY)
        .withIdentifierMaxLength(Integer.MAX_VALUE));
  }

  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class
        ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    Convention resultConvention = enableBindable ? BindableConvention.INSTANCE
        : EnumerableConvention.INSTANCE;
    return new CalcitePreparingStmt(this, new OperatorContext(context, info, operators),
        catalogReader, typeFactory,
        context.getRootSchema(), prefer, createCluster(planner, new RexBuilder(typeFactory)),
        resultConvention, createConvertletTable()) {
      @Override protected Program getProgram() {
        return Programs.sequence(super.getProgram(), new DecimalDivision(),
            new ModelCallBatching());
      }
    };
  }
}
