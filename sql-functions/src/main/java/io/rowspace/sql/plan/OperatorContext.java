package io.rowspace.sql.plan;

import java.util.List;
import java.util.Properties;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.tools.RelRunner;

/**
 * The context in which a statement of our Calcite connection is prepared: the connection's own,
 * except that the operator table its validator reads ({@code config().fun(...)}) also holds the
 * connection's own operators, the model functions, and finds the built-in and dialect functions in
 * any case ({@link AnyCaseFunctions}). The model functions cannot be schema functions, whose
 * parameters are fixed in number and type.
 */
final class OperatorContext implements CalcitePrepare.Context {
  private final CalcitePrepare.Context context;
  private final CalciteConnectionConfig config;

  OperatorContext(CalcitePrepare.Context context, Properties info, SqlOperatorTable operators) {
    this.context = context;
    this.config = new CalciteConnectionConfigImpl(info) {
      @Override public <T> T fun(Class<T> operatorTableClass, T defaultOperatorTable) {
        T standard = super.fun(operatorTableClass, defaultOperatorTable);
        if (operatorTableClass != SqlOperatorTable.class || standard == null) {
          return standard;
        }
        return operatorTableClass.cast(SqlOperatorTables.chain(
            new AnyCaseFunctions((SqlOperatorTable) standard), operators));
      }
    };
  }

  @Override public JavaTypeFactory getTypeFactory() {
    return context.getTypeFactory();
  }

  @Override public CalciteSchema getRootSchema() {
    return context.getRootSchema();
  }

  @Override public CalciteSchema getMutableRootSchema() {
    return context.getMutableRootSchema();
  }

  @Override public List<String> getDefaultSchemaPath() {
    return context.getDefaultSchemaPath();
  }

  @Override public CalciteConnectionConfig config() {
    return config;
  }

  @Override public CalcitePrepare.SparkHandler spark() {
    return context.spark();
  }

  @Override public DataContext getDataContext() {
    return context.getDataContext();
  }

  @Override public List<String> getObjectPath() {
    return context.getObjectPath();
  }

  @Override public RelRunner getRelRunner() {
    return context.getRelRunner();
  }
}
