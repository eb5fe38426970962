package io.rowspace.cli;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words the interactive shell completes: SQL keywords, Rowspace's statements and functions,
 * the catalog views, and the names of the tables and columns of the connected database.
 */
final class SqlVocabulary {
  /** Multi-word Rowspace statements, offered whole. */
  static final List<String> ROWSPACE_PHRASES = List.of(
      "CREATE EMBEDDING SPACE", "CREATE OR REPLACE EMBEDDING SPACE", "CREATE PREDICTOR",
      "CREATE OR REPLACE PREDICTOR", "DROP EMBEDDING SPACE", "DROP PREDICTOR",
      "SHOW EMBEDDING SPACES", "SHOW PREDICTORS", "DESCRIBE EMBEDDING SPACE", "DESCRIBE PREDICTOR",
      "REFRESH EMBEDDING SPACE", "EXPLAIN PLAN FOR", "CANCEL JOB", "ON EMBEDDING SPACE",
      "INCLUDE NO RELATED TABLES", "EXCLUDE COLUMNS", "EVALUATE PREDICTOR",
      "ALTER PREDICTOR", "ALTER EMBEDDING SPACE", "ROLLBACK TO VERSION", "ADD COLUMNS",
      "EXPORT PREDICTOR", "EXPORT EMBEDDING SPACE", "IMPORT PREDICTOR", "IMPORT EMBEDDING SPACE");

  /** Rowspace's single words: keywords, functions, options and catalog views. */
  static final List<String> ROWSPACE_WORDS = List.of(
      "EMBEDDING", "SPACE", "SPACES", "PREDICTOR", "PREDICTORS", "TARGET", "INCLUDE", "EXCLUDE",
      "VIA", "CASCADE", "REFRESH", "DESCRIBE", "SHOW", "JOB", "CANCEL", "PREDICT", "PREDICT_PROBA",
      "PREDICT_DETAILS", "SIMILAR_ROWS", "EMBEDDINGS", "ANOMALY_SCORE", "D_MODEL", "LAYERS",
      "HEADS", "EPOCHS", "BATCH_SIZE", "LEARNING_RATE", "SEED", "MAX_ROWS", "DEVICE", "ASYNC",
      "VALIDATION_FRACTION", "POSITIVE_LABEL", "COST_FALSE_POSITIVE", "COST_FALSE_NEGATIVE", "LOSS",
      "FINE_TUNE", "HEAD", "TASK", "ROWSPACE", "ROWSPACE.EMBEDDING_SPACES", "ROWSPACE.PREDICTORS",
      "ROWSPACE.SPACE_COLUMNS", "ROWSPACE.RELATIONSHIPS", "ROWSPACE.TRAINING_TIMELINE",
      "ROWSPACE.JOBS", "ROWSPACE.MODEL_VERSIONS", "ROWSPACE.MODEL_VIEWS", "EVALUATE", "BASELINES",
      "CONFUSION_MATRIX", "ROC_CURVE", "CALIBRATION_CURVE", "FEATURE_IMPORTANCE", "EXPORT",
      "IMPORT", "ROLLBACK", "VERSION", "REFIT_PREDICTORS");

  static final List<String> SQL_WORDS = List.of(
      "ADD", "ALL", "ALTER", "AND", "ANY", "AS", "ASC", "AUTO_INCREMENT", "AVG", "BETWEEN", "BIGINT",
      "BOOLEAN", "BY", "CASE", "CAST", "CHECK", "COALESCE", "COLUMN", "COMMIT", "CONSTRAINT", "COUNT",
      "CREATE", "CROSS", "CSVREAD", "CURRENT_DATE", "CURRENT_TIMESTAMP", "DATE", "DECIMAL",
      "DEFAULT", "DELETE", "DESC", "DISTINCT", "DOUBLE", "DROP", "ELSE", "END", "EXCEPT", "EXISTS",
      "EXPLAIN", "FALSE", "FETCH", "FIRST", "FOR", "FOREIGN", "FROM", "FULL", "GROUP", "HAVING", "IF",
      "IN", "INDEX", "INNER", "INSERT", "INTEGER", "INTERSECT", "INTO", "IS", "JOIN", "KEY", "LEFT",
      "LIKE", "LIMIT", "MAX", "MIN", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "OVER",
      "PARTITION", "PLAN", "PRECISION", "PRIMARY", "REAL", "REFERENCES", "REPLACE", "RIGHT",
      "ROLLBACK", "ROWS", "SCHEMA", "SELECT", "SET", "SUM", "TABLE", "TABLES", "THEN", "TIMESTAMP",
      "TRUE", "TRUNCATE", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "VARCHAR", "VIEW", "WHEN",
      "WHERE", "WITH");

  private SqlVocabulary() {
  }

  /** Every word to offer: the fixed vocabulary plus the connected database's tables and columns. */
  static Set<String> words(Connection connection) {
    Set<String> words = new TreeSet<>(SQL_WORDS);
    words.addAll(ROWSPACE_WORDS);
    words.addAll(schemaNames(connection));
    return words;
  }

  private static List<String> schemaNames(Connection connection) {
    List<String> names = new ArrayList<>();
    try {
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet tables = meta.getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
        while (tables.next()) {
          names.add(tables.getString("TABLE_NAME"));
        }
      }
      try (ResultSet columns = meta.getColumns(null, null, "%", "%")) {
        while (columns.next() && names.size() < 5000) {
          names.add(columns.getString("COLUMN_NAME"));
        }
      }
    } catch (SQLException | RuntimeException e) {
      // Completion of names is a convenience; a driver without metadata still gets keywords.
    }
    return names;
  }
}
