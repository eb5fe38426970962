package io.rowspace.sql.catalog;

import java.util.List;

/**
 * The two kinds of stored model and what one version of each is made of in the catalog: its
 * catalog rows (a row of {@code EMBEDDING_SPACES} or {@code PREDICTORS} and the rows of the
 * tables that describe it) and its stored bytes in {@code MODEL_BLOBS}.
 */
public enum ModelKind {
  SPACE("embedding space", "EMBEDDING SPACE",
      List.of(new Table("EMBEDDING_SPACES", "name", null),
          new Table("SPACE_COLUMNS", "space", null),
          new Table("RELATIONSHIPS", "space", null),
          new Table("TRAINING_TIMELINE", "model", "SPACE")),
      List.of(BlobKind.SPACE, BlobKind.SPACE_VECTORS, BlobKind.SPACE_INDEX),
      BlobKind.SPACE_CATALOG),
  PREDICTOR("predictor", "PREDICTOR",
      List.of(new Table("PREDICTORS", "name", null),
          new Table("TRAINING_TIMELINE", "model", "PREDICTOR")),
      List.of(BlobKind.PREDICTOR),
      BlobKind.PREDICTOR_CATALOG);

  /**
   * A catalog table holding rows of a model: those whose {@code nameColumn} is the model's name
   * (and, in the shared timeline, whose {@code model_kind} is {@code modelKind}).
   */
  public record Table(String name, String nameColumn, String modelKind) {
  }

  private final String label;
  private final String keywords;
  private final List<Table> tables;
  private final List<BlobKind> blobs;
  private final BlobKind catalogRows;

  ModelKind(String label, String keywords, List<Table> tables, List<BlobKind> blobs,
      BlobKind catalogRows) {
    this.label = label;
    this.keywords = keywords;
    this.tables = tables;
    this.blobs = blobs;
    this.catalogRows = catalogRows;
  }

  /** As messages name it: "embedding space", "predictor". */
  public String label() {
    return label;
  }

  /** As statements name it: {@code EMBEDDING SPACE}, {@code PREDICTOR}. */
  public String keywords() {
    return keywords;
  }

  /** The catalog tables a version's rows are in; the first holds the model's own row. */
  public List<Table> tables() {
    return tables;
  }

  /** The kinds of stored bytes of a version. */
  public List<BlobKind> blobs() {
    return blobs;
  }

  /** The kind under which a former version's catalog rows are kept in {@code MODEL_BLOBS}. */
  public BlobKind catalogRows() {
    return catalogRows;
  }
}
