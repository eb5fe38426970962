package io.rowspace.sql.session;

import io.rowspace.engine.EngineRuntime;
import io.rowspace.sql.backing.BackingDatabase;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.sql.catalog.Catalog;
import io.rowspace.sql.catalog.PredictorRecord;
import io.rowspace.sql.catalog.PredictorStamp;
import io.rowspace.sql.catalog.SpaceRecord;
import io.rowspace.sql.catalog.SpaceStamp;
import io.rowspace.sql.error.RowspaceErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;

/**
 * What one Rowspace connection works with: the backing database, its catalog, the loaded models
 * and the connection's settings.
 *
 * <p>Model calls and table functions reach their session through the plan: the batched operator
 * holds it, and code Calcite generates (a call evaluated row by row, a table function) finds it
 * through the statement's DataContext. There is no registry of open sessions.
 */
public final class RowspaceSession implements AutoCloseable {
  private final BackingDatabase database;
  private final Catalog catalog;
  private final SessionSettings settings;
  private final ModelCache models;
  private final SqlDialect dialect;
  private final Map<String, BoundPredictor> boundPredictors = new ConcurrentHashMap<>();
  private final Map<String, BoundSpace> boundSpaces = new ConcurrentHashMap<>();
  private final AtomicLong executions = new AtomicLong();
  /** The execution in which each model was last checked for calls evaluated row by row. */
  private final Map<String, Long> predictorsChecked = new ConcurrentHashMap<>();
  private final Map<String, Long> spacesChecked = new ConcurrentHashMap<>();
  /** The catalog row of each space as read in the execution it was last read in. */
  private final Map<String, RecordOfExecution> spaceRecords = new ConcurrentHashMap<>();
  /** The root table of each space as last read, for the space's record it was read for. */
  private final Map<String, RootTable> rootTables = new ConcurrentHashMap<>();

  private record RecordOfExecution(long execution, SpaceRecord record) {}

  private record RootTable(SpaceRecord record, TableInfo table) {}

  public RowspaceSession(BackingDatabase database, SessionSettings settings) throws SQLException {
    this.database = database;
    this.settings = settings;
    this.catalog = new Catalog(database, settings.keepVersions());
    try {
      // Jobs whose process ended (exited or killed) show FAILED from the next connection on.
      catalog.jobs().failAbandoned(Instant.now());
    } catch (SQLException e) {
      // A user without rights to update ROWSPACE.JOBS still connects; the next one marks them.
    }
    this.models = ModelCache.of(database.jdbcUrl());
    try (var connection = database.connection()) {
      this.dialect = SqlDialectFactoryImpl.INSTANCE.create(connection.getMetaData());
    }
    EngineRuntime.configure(settings.threads(), settings.device());
  }

  public BackingDatabase database() {
    return database;
  }

  public Catalog catalog() {
    return catalog;
  }

  public SessionSettings settings() {
    return settings;
  }

  public ModelCache models() {
    return models;
  }

  /** The backing database's SQL dialect, for SQL that Rowspace generates. */
  public SqlDialect dialect() {
    return dialect;
  }

  /**
   * Rows of a space's root table with the current rows of its related tables attached, read on a
   * pooled connection; the rows themselves when the space has no related tables.
   */
  public Frame withRelated(SpaceRecord record, EmbeddingSpace space, Frame rows)
      throws SQLException {
    if (space.relations().isEmpty()) {
      return rows;
    }
    try (Connection connection = database.connection()) {
      return SpaceRelations.attach(this, connection, record, space, rows, () -> false);
    }
  }

  /** Makes a predictor available to the functions of queries planned from now on. */
  public void bind(BoundPredictor predictor) {
    boundPredictors.put(predictor.record().name(), predictor);
  }

  /** The predictor bound under a name when the current query was planned. */
  public BoundPredictor boundPredictor(String name) throws SQLException {
    BoundPredictor predictor = boundPredictors.get(name);
    if (predictor == null) {
      throw RowspaceErrors.internal("Predictor '" + name + "' was not bound by query planning.",
          null);
    }
    return predictor;
  }

  /**
   * The predictor bound under a name, bound again if it or its space was replaced, refreshed,
   * rolled back or dropped since the query was planned: a prepared query run after
   * {@code CREATE OR REPLACE} uses the new model. One narrow catalog read per model and
   * execution, the {@link PredictorStamp}; the whole records only when it changed.
   */
  public BoundPredictor currentPredictor(String name) throws SQLException {
    BoundPredictor bound = boundPredictor(name);
    Optional<PredictorStamp> stamp = catalog.predictors().stamp(name);
    if (stamp.isPresent()
        && stamp.get().equals(PredictorStamp.of(bound.record(), bound.spaceRecord()))) {
      return bound;
    }
    Optional<PredictorRecord> current = catalog.predictors().find(name);
    if (current.isEmpty()) {
      throw RowspaceErrors.unknownPredictor(name, catalog.predictors().names());
    }
    PredictorRecord record = current.get();
    Optional<SpaceRecord> space = catalog.spaces().find(record.space());
    if (record.equals(bound.record()) && space.isPresent()
        && space.get().equals(bound.spaceRecord())) {
      return bound;
    }
    BoundPredictor fresh = BoundPredictor.load(this, record);
    bind(fresh);
    return fresh;
  }

  /**
   * The space bound under a name, bound again if it was replaced, refreshed, rolled back or
   * dropped; the whole record is read only when its {@link SpaceStamp} changed.
   */
  public BoundSpace currentSpace(String name) throws SQLException {
    BoundSpace bound = boundSpace(name);
    Optional<SpaceStamp> stamp = catalog.spaces().stamp(name);
    if (stamp.isPresent() && stamp.get().equals(SpaceStamp.of(bound.record()))) {
      return bound;
    }
    Optional<SpaceRecord> current = catalog.spaces().find(name);
    if (current.isEmpty()) {
      throw RowspaceErrors.unknownSpace(name, catalog.spaces().names());
    }
    SpaceRecord record = current.get();
    if (record.equals(bound.record())) {
      return bound;
    }
    BoundSpace fresh = BoundSpace.load(this, record);
    bind(fresh);
    return fresh;
  }

  /**
   * Marks the start of an execution of a query on this connection. A prepared query is planned
   * once and executed many times; its calls that Calcite evaluates row by row (a join condition
   * over both sides, say) check their model against the catalog once per execution, as the
   * batched operator does when it starts.
   */
  public void startExecution() {
    executions.incrementAndGet();
  }

  /**
   * The predictor under a name for a call evaluated row by row: {@link #currentPredictor} on the
   * execution's first call, the same binding for its other rows.
   */
  public BoundPredictor predictorOfExecution(String name) throws SQLException {
    return ofExecution(name, predictorsChecked, this::boundPredictor, this::currentPredictor);
  }

  /**
   * The space under a name for a call evaluated row by row: {@link #currentSpace} on the
   * execution's first call, the same binding for its other rows.
   */
  public BoundSpace spaceOfExecution(String name) throws SQLException {
    return ofExecution(name, spacesChecked, this::boundSpace, this::currentSpace);
  }

  /** Looks a model up by name. */
  @FunctionalInterface
  private interface ModelLookup<T> {
    T get(String name) throws SQLException;
  }

  private <T> T ofExecution(String name, Map<String, Long> checked, ModelLookup<T> bound,
      ModelLookup<T> current) throws SQLException {
    long execution = executions.get();
    if (checked.getOrDefault(name, -1L) == execution) {
      return bound.get(name);
    }
    T fresh = current.get(name);
    checked.put(name, execution);
    return fresh;
  }

  /**
   * A space's catalog row for a table function ({@code SIMILAR_ROWS}, {@code EMBEDDINGS}): checked
   * on the execution's first call, so a prepared query run after {@code CREATE OR REPLACE},
   * {@code REFRESH}, {@code ROLLBACK} or {@code DROP} uses the space as it is now; the same row for
   * the execution's other calls. The check reads the space's {@link SpaceStamp} and the whole row
   * only when the stamp differs from the row this connection read last.
   *
   * @throws SQLException 42704 when the space no longer exists
   */
  public SpaceRecord spaceRecordOfExecution(String name) throws SQLException {
    long execution = executions.get();
    RecordOfExecution read = spaceRecords.get(name);
    if (read != null && read.execution() == execution) {
      return read.record();
    }
    SpaceRecord record;
    if (read != null) {
      SpaceStamp stamp = catalog.spaces().stamp(name).orElseThrow(
          () -> RowspaceErrors.unknownSpace(name, List.of()));
      record = stamp.equals(SpaceStamp.of(read.record())) ? read.record() : readSpace(name);
    } else {
      record = readSpace(name);
    }
    spaceRecords.put(name, new RecordOfExecution(execution, record));
    return record;
  }

  private SpaceRecord readSpace(String name) throws SQLException {
    return catalog.spaces().find(name).orElseThrow(
        () -> RowspaceErrors.unknownSpace(name, List.of()));
  }

  /**
   * The root table of a space as its table functions read it: its columns and key, from the
   * database's metadata. Read when a query is planned ({@code fresh}: the columns the plan
   * gives its rows) and kept for this record of the space, so executing the query again reads no
   * metadata until the space is replaced or refreshed.
   *
   * @throws SQLException 42S02 when the table no longer exists
   */
  public TableInfo rootTable(SpaceRecord record, boolean fresh) throws SQLException {
    RootTable known = rootTables.get(record.name());
    if (!fresh && known != null
        && (known.record() == record || known.record().equals(record))) {
      return known.table();
    }
    TableInfo table;
    try (Connection connection = database.connection()) {
      table = new SchemaReader(connection, database.defaultSchema(), dialect)
          .findTable(record.rootSchema(), record.rootTable())
          .orElseThrow(() -> RowspaceErrors.unknownTable(record.rootTable(), List.of()));
    }
    rootTables.put(record.name(), new RootTable(record, table));
    return table;
  }

  /** Makes a space available to the functions of queries planned from now on. */
  public void bind(BoundSpace space) {
    boundSpaces.put(space.record().name(), space);
  }

  /** The space bound under a name when the current query was planned. */
  public BoundSpace boundSpace(String name) throws SQLException {
    BoundSpace space = boundSpaces.get(name);
    if (space == null) {
      throw RowspaceErrors.internal("Embedding space '" + name + "' was not bound by query "
          + "planning.", null);
    }
    return space;
  }

  @Override public void close() {
    boundPredictors.clear();
    boundSpaces.clear();
    rootTables.clear();
  }
}
