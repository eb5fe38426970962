package io.rowspace.sql.plan;

import java.lang.reflect.Type;
import java.util.Properties;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Calcite's statement preparation with the connection's own operators (the model functions)
 * in the validator, and Rowspace's last planning step: after Calcite's standard program has
 * chosen the physical plan, {@link ModelCallBatching} moves model calls into batched operators.
 * Once prepared, the origins of the result columns go to the connection's {@link ResultOrigins}.
 * Installed on the Calcite connection through
 * {@code Driver.withPrepareFactory(() -> new RowspacePrepare(info, operators, statement, origins))}.
 */
public final class RowspacePrepare extends CalcitePrepareImpl {
  private final Properties info;
  private final SqlOperatorTable operators;
  private final ParsedStatement statement;
  private final ResultOrigins origins;

  /**
   * @param info the properties the connection was opened with
   * @param operators operators of the connection besides Calcite's and its schemas' functions:
   *     the model functions, whose operands vary in number and type
   * @param statement the tree of the statement being prepared, already parsed and rewritten
   * @param origins told the origins of each prepared statement's result columns
   */
  public RowspacePrepare(Properties info, SqlOperatorTable operators,
      ParsedStatement statement, ResultOrigins origins) {
    this.info = info;
    this.operators = operators;
    this.statement = statement;
    this.origins = origins;
  }

  /**
   * Calcite's preparation, then the origins of the result columns (the names its result
   * metadata gives) to {@link ResultOrigins}, before the statement can run.
   */
  @Override public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query,
      Type elementType, long maxRowCount) {
    CalciteSignature<T> signature = super.prepareSql(context, query, elementType, maxRowCount);
    for (ColumnMetaData column : signature.columns) {
      if (column.tableName != null && column.columnName != null) {
        origins.passedThrough(column.schemaName, column.tableName, column.columnName);
      }
    }
    return signature;
  }

  /**
   * The statement being prepared: the tree Rowspace parsed from the user's text and rewrote
   * ({@link ParsedStatement}), not parsed again. Text without a tree (none of ours sends any)
   * is read with Rowspace's own grammar. Names are not limited here: the user's own were checked
   * when the query was parsed, and the labels the rewrite gives unaliased items
   * ({@code ColumnLabels}: on H2 the expression's text) are as long as the expression.
   */
  @Override protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    return statement.parser(sql, parserConfig.withIdentifierMaxLength(Integer.MAX_VALUE));
  }

  /**
   * A validator of the connection, as the one that validates the statements it prepares, for
   * validating a query without planning it ({@link RowTypeValidation}).
   */
  SqlValidator validator(Context context) {
    OperatorContext operatorContext = new OperatorContext(context, info, operators);
    JavaTypeFactory typeFactory = context.getTypeFactory();
    CalciteCatalogReader catalogReader = new CalciteCatalogReader(context.getRootSchema(),
        context.getDefaultSchemaPath(), typeFactory, operatorContext.config());
    RelOptPlanner planner = new HepPlanner(HepProgram.builder().build());
    return new Preparing(operatorContext, catalogReader, typeFactory, context,
        createCluster(planner, new RexBuilder(typeFactory)), EnumerableRel.Prefer.ARRAY,
        EnumerableConvention.INSTANCE).validator();
  }

  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class
        ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    Convention resultConvention = enableBindable ? BindableConvention.INSTANCE
        : EnumerableConvention.INSTANCE;
    return new Preparing(new OperatorContext(context, info, operators), catalogReader,
        typeFactory, context, createCluster(planner, new RexBuilder(typeFactory)), prefer,
        resultConvention);
  }

  /** Calcite's preparation of one statement, with Rowspace's last planning steps. */
  private final class Preparing extends CalcitePreparingStmt {
    Preparing(OperatorContext operatorContext, CalciteCatalogReader catalogReader,
        JavaTypeFactory typeFactory, Context context, RelOptCluster cluster,
        EnumerableRel.Prefer prefer, Convention resultConvention) {
      super(RowspacePrepare.this, operatorContext, catalogReader, typeFactory,
          context.getRootSchema(), prefer, cluster, resultConvention, createConvertletTable());
    }

    @Override protected Program getProgram() {
      return Programs.sequence(super.getProgram(), new DecimalDivision(),
          new ModelCallBatching());
    }

    SqlValidator validator() {
      return getSqlValidator();
    }
  }
}
