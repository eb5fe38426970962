package io.rowspace.sql.transfer;

import io.rowspace.engine.data.Relation;
import io.rowspace.engine.data.Renaming;
import io.rowspace.engine.predictor.Predictor;
import io.rowspace.engine.space.EmbeddingSpace;
import io.rowspace.engine.store.PredictorFormat;
import io.rowspace.engine.store.SpaceFormat;
import io.rowspace.sql.catalog.BlobStore;
import io.rowspace.sql.catalog.BlobKind;
import io.rowspace.sql.catalog.ModelRows;
import io.rowspace.sql.catalog.StoredModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An imported space and its predictors with the tables and columns they read renamed to the
 * importing database's names ({@link NameBinding}), once, at IMPORT: the engine's stored formats
 * (the space's encoders and related tables, a predictor's target, inputs, trees and importance)
 * and the catalog rows (root table, tables, key columns, {@code SPACE_COLUMNS},
 * {@code RELATIONSHIPS}, a predictor's target and input columns) all carry the new names, so
 * PREDICT, EVALUATE, DESCRIBE and FEATURE_IMPORTANCE see the names users write there. Weights and
 * encoders are unchanged, so predictions are bit for bit those of the exporting database; the
 * checksums are those of the renamed bytes (the file's own checksum covers the file).
 *
 * @param space the space as it is stored here
 * @param predictors the predictors as they are stored here, in the archive's order
 */
public record RenamedModels(StoredModel space, List<StoredModel> predictors) {

  public RenamedModels {
    predictors = List.copyOf(predictors);
  }

  /**
   * Renames the models of an archive; they are returned as they are when no name changes.
   *
   * @param bound the names bound here, and the root table's schema here
   */
  public static RenamedModels of(ModelArchive archive, NameBinding.Bound bound) {
    StoredModel space = archive.space();
    Renaming names = bound.renaming();
    String oldSchema = space.value("root_schema");
    boolean sameSchema = oldSchema == null ? bound.rootSchema() == null
        : oldSchema.equals(bound.rootSchema());
    if (names.isIdentity() && sameSchema) {
      return new RenamedModels(space, archive.predictors());
    }
    String root = space.value("root_table");
    EmbeddingSpace.Renamed renamed;
    byte[] spaceBytes;
    Map<String, String> joins = new LinkedHashMap<>();
    try (EmbeddingSpace loaded = SpaceFormat.read(space.blobs().get(BlobKind.SPACE))) {
      renamed = loaded.renamed(names, root);
      joinTexts(loaded.relations(), renamed.space().relations(), root, names.table(root), joins);
      spaceBytes = SpaceFormat.write(renamed.space());
    }
    String checksum = BlobStore.checksum(spaceBytes);
    ModelRows rows = space.rows()
        .rewritten("EMBEDDING_SPACES", row -> {
          row.put("root_table", names.table(root));
          row.put("tables", ModelRows.json(ModelRows.jsonList(row.get("tables")).stream()
              .map(t -> qualified(t, oldSchema, bound.rootSchema(), names)).toList()));
          row.put("key_columns", ModelRows.json(ModelRows.jsonList(row.get("key_columns"))
              .stream().map(c -> names.column(root, c)).toList()));
          row.put("checksum", checksum);
          return row;
        })
        .rewritten("SPACE_COLUMNS", row -> {
          String table = row.get("table_name");
          row.put("table_name", names.table(table));
          row.put("column_name", names.column(table, row.get("column_name")));
          row.put("reason", reason(row.get("reason"), renamed.names()));
          return row;
        })
        .rewritten("RELATIONSHIPS", row -> {
          row.put("parent_table", names.table(row.get("parent_table")));
          row.put("child_table", names.table(row.get("child_table")));
          row.put("join_columns", joins.getOrDefault(row.get("join_columns"),
              row.get("join_columns")));
          return row;
        });
    List<StoredModel> predictors = new ArrayList<>();
    try (EmbeddingSpace renamedSpace = renamed.space()) {
      for (StoredModel p : archive.predictors()) {
        byte[] bytes;
        try (Predictor loaded = PredictorFormat.read(p.blobs().get(BlobKind.PREDICTOR));
             Predictor moved = loaded.renamed(renamed.names(), renamedSpace)) {
          bytes = PredictorFormat.write(moved);
        }
        String predictorChecksum = BlobStore.checksum(bytes);
        ModelRows predictorRows = p.rows().rewritten("PREDICTORS", row -> {
          row.put("target", names.column(root, row.get("target")));
          row.put("input_columns", ModelRows.json(ModelRows.jsonList(row.get("input_columns"))
              .stream().map(c -> names.column(root, c)).toList()));
          row.put("checksum", predictorChecksum);
          row.put("space_checksum", checksum);
          return row;
        });
        predictors.add(p.with(predictorRows, BlobKind.PREDICTOR, bytes));
      }
    }
    return new RenamedModels(space.with(rows, BlobKind.SPACE, spaceBytes), predictors);
  }

  private static final String JOIN_COLUMN = "join column of ";

  /**
   * A column's reason for exclusion with the related table it names renamed: {@code join column
   * of ORDERS (its row is a token of the space)} becomes {@code join column of orders (...)}.
   */
  static String reason(String reason, Map<String, String> names) {
    if (reason == null || !reason.startsWith(JOIN_COLUMN)) {
      return reason;
    }
    String rest = reason.substring(JOIN_COLUMN.length());
    String relation = null;
    for (String name : names.keySet()) {
      boolean whole = rest.equals(name) || rest.startsWith(name + " ");
      if (whole && (relation == null || name.length() > relation.length())) {
        relation = name;
      }
    }
    return relation == null ? reason
        : JOIN_COLUMN + names.get(relation) + rest.substring(relation.length());
  }

  /** A table of the catalog's list of a space's tables ({@code [schema.]table}) renamed. */
  private static String qualified(String table, String oldSchema, String newSchema,
      Renaming names) {
    String name = oldSchema != null && table.startsWith(oldSchema + ".")
        ? table.substring(oldSchema.length() + 1) : table;
    return (newSchema == null ? "" : newSchema + ".") + names.table(name);
  }

  /**
   * The join texts of the catalog's relationships ({@code CHILD.FK = PARENT.KEY}, as the planner
   * writes them) before and after the renaming, walking both trees of relations together.
   */
  private static void joinTexts(List<Relation> before, List<Relation> after, String holder,
      String newHolder, Map<String, String> joins) {
    for (int i = 0; i < before.size(); i++) {
      Relation old = before.get(i);
      Relation now = after.get(i);
      joins.put(joinText(old, holder), joinText(now, newHolder));
      joinTexts(old.nested(), now.nested(), old.table(), now.table(), joins);
    }
  }

  private static String joinText(Relation r, String holder) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < r.holderColumns().size(); i++) {
      parts.add(r.table() + "." + r.tableColumns().get(i) + " = " + holder + "."
          + r.holderColumns().get(i));
    }
    return String.join(" AND ", parts);
  }
}
