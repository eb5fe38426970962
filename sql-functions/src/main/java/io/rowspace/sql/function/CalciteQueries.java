package io.rowspace.sql.function;

import io.rowspace.sql.plan.DialectTypeSystem;
import io.rowspace.sql.plan.ParsedStatement;
import io.rowspace.sql.plan.RowTypeValidation;
import io.rowspace.sql.plan.RowspacePrepare;
import io.rowspace.sql.pushdown.BackingQuery;
import io.rowspace.sql.pushdown.BackingQuerySchema;
import io.rowspace.sql.pushdown.ColumnOrigin;
import io.rowspace.sql.pushdown.DialectText;
import io.rowspace.sql.session.RowspaceSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactory;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.dialect.H2SqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The Calcite connection of a Rowspace connection, opened on the first query that calls a
 * Rowspace function: every schema of the backing database as a JDBC schema (so filters, joins and
 * aggregates are pushed down to it), the Rowspace table functions in the root schema
 * ({@link RowspaceTableFunction}) and the model functions as operators of its validator
 * ({@link ModelCallOperator}), which know the session whose models they run; the session itself
 * in the root schema too ({@link SessionSchema}), where generated code finds it.
 */
public final class CalciteQueries implements AutoCloseable {
  /** Names under which the rewritten query calls the functions. */
  static final String PREDICT_LABEL = "ROWSPACE_PREDICT_LABEL";
  static final String PREDICT_VALUE = "ROWSPACE_PREDICT_VALUE";
  static final String PREDICT_PROBA = "ROWSPACE_PREDICT_PROBA";
  static final String PREDICT_DETAILS = "ROWSPACE_PREDICT_DETAILS";
  static final String SIMILAR_ROWS = "ROWSPACE_SIMILAR_ROWS";
  static final String ANOMALY_SCORE = "ROWSPACE_ANOMALY_SCORE";
  static final String EMBEDDINGS = "ROWSPACE_EMBEDDINGS";
  // Evaluation (issue 19, part A)
  static final String CONFUSION_MATRIX = "ROWSPACE_CONFUSION_MATRIX";
  static final String ROC_CURVE = "ROWSPACE_ROC_CURVE";
  static final String CALIBRATION_CURVE = "ROWSPACE_CALIBRATION_CURVE";
  static final String FEATURE_IMPORTANCE = "ROWSPACE_FEATURE_IMPORTANCE";

  private final RowspaceSession session;
  private final DataSource tables;
  private final BackingQuerySchema backingQueries;
  private final DialectText dialectText;
  private final ParsedStatement statement = new ParsedStatement();
  private final Properties info = new Properties();
  private final SqlOperatorTable operators;
  private CalciteConnection connection;

  /**
   * @param tables where Calcite reads the backing tables: the Rowspace connection's own backing
   *     connection, lent, so queries borrow nothing from the pool
   */
  public CalciteQueries(RowspaceSession session, DataSource tables) {
    this.session = session;
    this.tables = tables;
    this.backingQueries = new BackingQuerySchema(tables);
    boolean h2 = session.database().isH2();
    boolean postgres = session.database().isPostgres();
    this.dialectText = new DialectText(h2 || postgres ? dialect(h2, postgres).create(null)
        : session.dialect());
    List<SqlOperator> own = new ArrayList<>(ModelCallOperator.of(session));
    // array_agg, where Calcite computes it, is written with it (ArrayAggregates)
    own.add(ArrayAggregates.CONCATENATION);
    this.operators = SqlOperatorTables.of(own);
  }

  /** Whether the backing database is PostgreSQL (values Calcite computes are written as it writes them). */
  public boolean postgres() {
    return session.database().isPostgres();
  }

  /** The Calcite connection, opened on first use. */
  public synchronized Connection connection() throws SQLException {
    if (connection == null) {
      connection = open();
    }
    return connection;
  }

  private CalciteConnection open() throws SQLException {
    info.setProperty("caseSensitive", "true");
    info.setProperty("unquotedCasing", session.database().unquotedCasing().name());
    info.setProperty("quotedCasing", "UNCHANGED");
    info.setProperty("quoting", "DOUBLE_QUOTE");
    info.setProperty("conformance", "LENIENT");
    boolean postgres = session.database().isPostgres();
    info.setProperty("typeSystem", DialectTypeSystem.property(postgres));
    if (postgres) {
      // PostgreSQL's own functions Calcite implements (string_agg, date_trunc, to_char, ...) are
      // known where Calcite evaluates beside a model call, e.g. in a grouping over one
      info.setProperty("fun", "standard,postgresql");
    }
    // Where NULLs sort without NULLS FIRST/LAST: low in H2, high in PostgreSQL
    info.setProperty("defaultNullCollation", postgres ? "HIGH" : "LOW");
    CalciteConnection calcite = new Driver()
        .withPrepareFactory(() -> new RowspacePrepare(info, operators, statement,
            this::passedThrough))
        .connect("jdbc:calcite:", info)
        .unwrap(CalciteConnection.class);
    SchemaPlus root = calcite.getRootSchema();
    SqlDialectFactory dialect = dialect(session.database().isH2(), postgres);
    for (String schema : backingSchemas()) {
      root.add(schema, JdbcSchema.create(root, schema, tables, dialect, null,
          schema));
    }
    root.add(BackingQuerySchema.NAME, backingQueries).setCacheEnabled(false);
    root.add(SessionSchema.NAME, new SessionSchema(session));
    root.add(fold(SIMILAR_ROWS), SimilarRowsFunction.of(session));
    root.add(fold(EMBEDDINGS), EmbeddingsFunction.of(session));
    CurveFunctions.of(session).forEach((name, function) -> root.add(fold(name), function));
    root.add(fold(FEATURE_IMPORTANCE), FeatureImportanceFunction.of(session));
    String defaultSchema = session.database().defaultSchema();
    if (defaultSchema != null) {
      calcite.setSchema(defaultSchema);
    }
    return calcite;
  }

  /**
   * The dialect Calcite writes the pushed-down parts of a query in, with the backing database's
   * result types (so a pushed-down AVG is cast as the database types it, not to Calcite's
   * 19-digit decimals).
   */
  private static SqlDialectFactory dialect(boolean h2, boolean postgres) {
    if (postgres) {
      SqlDialect dialect = new PostgresqlSqlDialect(PostgresqlSqlDialect.DEFAULT_CONTEXT
          .withDataTypeSystem(DialectTypeSystem.POSTGRES));
      return meta -> dialect;
    }
    if (h2) {
      SqlDialect dialect = new H2SqlDialect(H2SqlDialect.DEFAULT_CONTEXT
          .withDataTypeSystem(DialectTypeSystem.H2));
      return meta -> dialect;
    }
    return SqlDialectFactoryImpl.INSTANCE;
  }

  String fold(String name) {
    return session.database().fold(name);
  }

  private List<String> backingSchemas() throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (Connection backing = tables.getConnection();
         ResultSet rs = backing.getMetaData().getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    return schemas;
  }

  /**
   * The column names a query returns, by validating a copy of it (not planning nor running it).
   */
  List<String> columnsOf(SqlNode query) throws SQLException {
    CalcitePrepare.Context context = connection().unwrap(CalciteConnection.class)
        .createPrepareContext();
    return RowTypeValidation.columnLabels(context, info, operators, ParseTreeCopy.of(query));
  }

  /**
   * Runs {@code preparation}, which prepares the user's statement on the Calcite connection,
   * with {@code tree} as that statement: Calcite validates and plans the tree Rowspace parsed
   * and rewrote, and does not parse the text again.
   */
  public <T> T prepare(SqlNode tree, ParsedStatement.Preparation<T> preparation)
      throws SQLException {
    return statement.prepare(tree, preparation);
  }

  /**
   * Describes a query written in the backing dialect: the database prepares it on the
   * connection's own backing connection and reports its columns.
   */
  BackingQuery describe(SqlNode query) throws SQLException {
    String sql = dialectText.write(query);
    List<Integer> parameters = new ArrayList<>();
    query.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
      @Override public Void visit(org.apache.calcite.sql.SqlDynamicParam param) {
        parameters.add(param.getIndex());
        return null;
      }
    });
    try (Connection backing = tables.getConnection()) {
      return BackingQuery.describe(backing, sql, parameters);
    }
  }

  /** A parse tree as SQL text of the backing dialect. */
  public String backingText(SqlNode node) {
    return dialectText.write(node);
  }

  /** Makes a backing query a table of this connection; returns its name in its schema. */
  String register(BackingQuery query) {
    return backingQueries.register(query);
  }

  /**
   * The backing column a result column comes from, by the origin Calcite reports for it
   * ({@code ResultSetMetaData}'s schema, table and column names); null unless it is a column of
   * a backing query passed through unchanged.
   */
  public ColumnOrigin origin(String schema, String table, String column) {
    return BackingQuerySchema.NAME.equals(schema) ? backingQueries.origin(table, column) : null;
  }

  /**
   * A prepared statement's result passes {@code schema.table}'s column {@code column} through:
   * if that is a backing query's column, its scans keep the database's own values of it.
   */
  private void passedThrough(String schema, String table, String column) {
    if (BackingQuerySchema.NAME.equals(schema)) {
      backingQueries.passThrough(table, column);
    }
  }

  /** Cancels the backing queries this connection's scans are running. */
  public void cancelBackingQueries() {
    backingQueries.running().cancelAll();
  }

  public Statement createStatement() throws SQLException {
    return connection().createStatement();
  }

  @Override public synchronized void close() throws SQLException {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
