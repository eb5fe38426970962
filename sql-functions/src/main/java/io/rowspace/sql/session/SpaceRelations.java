package io.rowspace.sql.session;

import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.error.ErrorCode;
import io.rowspace.multitable.RelatedRowReader;
import io.rowspace.multitable.RelationRead;
import io.rowspace.planner.SchemaReader;
import io.rowspace.planner.TableInfo;
import io.rowspace.planner.TrainingPlanner;
import io.rowspace.sql.catalog.SpaceRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Reads the current rows of a space's related tables for rows of its root table, at query time:
 * the same keyed, batched reads as training, so {@code PREDICT}, {@code ANOMALY_SCORE},
 * {@code EMBEDDINGS} and {@code REFRESH} see related rows as they are now.
 */
public final class SpaceRelations {
  /** The reads of one trained space (its checksum): building them reads table metadata. */
  private record Reads(String checksum, List<RelationRead> reads) {}

  /** A space of one backing database: spaces of the same name in two databases differ. */
  private record SpaceKey(String databaseUrl, String space) {}

  /**
   * Per database and space name, the reads of the space's current version; a replaced space
   * replaces its entry. The reads hold the database's own table and column names, so a copy of
   * the space imported into another database never shares them.
   */
  private static final Map<SpaceKey, Reads> READS = new ConcurrentHashMap<>();

  private SpaceRelations() {
  }

  /**
   * The root columns a space needs in its input rows to find their related rows: the key of the
   * root for child tables, the foreign keys of the root for parent tables.
   */
  public static Set<String> linkColumns(EmbeddingSpace space) {
    Set<String> columns = new LinkedHashSet<>();
    for (Relation r : space.relations()) {
      columns.addAll(r.holderColumns());
    }
    return columns;
  }

  /**
   * The rows with their related rows attached; the rows themselves when the space has no related
   * tables. Rows lacking the link columns (given by values) have no related rows.
   */
  public static Frame attach(RowspaceSession session, Connection connection, SpaceRecord record,
      EmbeddingSpace space, Frame rows, BooleanSupplier cancelled) throws SQLException {
    if (space.relations().isEmpty() || rows.rowCount() == 0) {
      return rows;
    }
    SpaceKey key = new SpaceKey(session.database().jdbcUrl(), record.name());
    Reads cached = READS.get(key);
    if (cached == null || !cached.checksum().equals(record.checksum())) {
      cached = new Reads(record.checksum(), reads(session, connection, record, space));
      READS.put(key, cached);
    }
    return new RelatedRowReader(connection, new TrainingPlanner(session.dialect()), space.seed(),
        cancelled).attach(rows, cached.reads());
  }

  /** Attaches related rows to a chunk of root rows. */
  @FunctionalInterface
  public interface Attach {
    Frame apply(Frame rows) throws SQLException;
  }

  /** Told how many rows are embedded so far, after each chunk. */
  @FunctionalInterface
  public interface Embedded {
    void rows(int done, int total);
  }

  /** Root rows embedded per chunk: the related rows of one chunk are in memory at a time. */
  public static final int EMBED_CHUNK_ROWS = 4096;

  /**
   * Embeds every row, a chunk at a time, each chunk with its related rows attached just before
   * it is embedded, so memory holds the related rows of one chunk, not of the whole table.
   */
  public static float[][] embedAll(EmbeddingSpace space, Frame rows, Attach attach,
      Embedded progress) throws SQLException {
    float[][] vectors = new float[rows.rowCount()][];
    for (int from = 0; from < rows.rowCount(); from += EMBED_CHUNK_ROWS) {
      int to = Math.min(rows.rowCount(), from + EMBED_CHUNK_ROWS);
      int[] chunk = new int[to - from];
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = from + i;
      }
      Frame part = attach.apply(from == 0 && to == rows.rowCount() ? rows : rows.rows(chunk));
      float[][] embedded = space.embed(part, Set.of());
      System.arraycopy(embedded, 0, vectors, from, embedded.length);
      progress.rows(to, rows.rowCount());
    }
    return vectors;
  }

  private static List<RelationRead> reads(RowspaceSession session, Connection connection,
      SpaceRecord record, EmbeddingSpace space) throws SQLException {
    SchemaReader schema = new SchemaReader(connection, session.database().defaultSchema(),
        session.dialect());
    TableInfo root = schema.findTable(record.rootSchema(), record.rootTable()).orElseThrow(() ->
        ErrorCode.ROOT_TABLE_GONE.exception(record.rootTable(), record.name()));
    return reads(session, connection, record.rootSchema(), root, space);
  }

  /**
   * The reads of a trained space's related tables as they are now: its own relations (join
   * columns, summaries and their reference times), reading the columns it learned from.
   *
   * @param rootSchema the schema of the root table, null for the default one
   * @param root the root table
   * @throws SQLException 42S02 or 42S22 when a related table or join column no longer exists
   */
  public static List<RelationRead> reads(RowspaceSession session, Connection connection,
      String rootSchema, TableInfo root, EmbeddingSpace space) throws SQLException {
    SchemaReader schema = new SchemaReader(connection, session.database().defaultSchema(),
        session.dialect());
    Map<Relation, List<ColumnProfile>> profiles = space.relatedColumns();
    return RelationRead.of(space.relations(), root, relation -> {
      Set<String> used = new LinkedHashSet<>();
      for (ColumnProfile p : profiles.getOrDefault(relation, new ArrayList<>())) {
        if (p.used()) {
          used.add(p.name());
        }
      }
      return used;
    }, schema, rootSchema);
  }
}
