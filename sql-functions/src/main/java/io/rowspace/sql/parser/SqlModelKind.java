package io.rowspace.sql.parser;

/** The two kinds of model a statement may name: an embedding space or a predictor. */
public enum SqlModelKind {
  EMBEDDING_SPACE("EMBEDDING SPACE", "an embedding space"),
  PREDICTOR("PREDICTOR", "a predictor");

  private final String keywords;
  private final String description;

  SqlModelKind(String keywords, String description) {
    this.keywords = keywords;
    this.description = description;
  }

  /** The words that name the kind in a statement, e.g. {@code EMBEDDING SPACE}. */
  public String keywords() {
    return keywords;
  }

  /** The kind as a message names it, e.g. "an embedding space". */
  public String description() {
    return description;
  }
}
