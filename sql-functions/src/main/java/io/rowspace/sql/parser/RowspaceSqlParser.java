package io.rowspace.sql.parser;

import io.rowspace.sql.parser.impl.RowspaceSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses SQL as a Rowspace connection does: Calcite's SQL plus the statements of SPEC section 3.
 *
 * <p>Identifiers are case-sensitive; quoted ones ({@code "Name"}) keep their case and unquoted
 * ones fold as the backing database folds them, so names match its catalog.
 */
public final class RowspaceSqlParser {
  /**
   * Longest identifier accepted; generous, as backing databases decide their own limits. The
   * Calcite connection that runs rewritten queries accepts the same ({@code RowspacePrepare}).
   */
  public static final int IDENTIFIER_MAX_LENGTH = 1024;

  private RowspaceSqlParser() {
  }

  /**
   * The parser configuration for Rowspace SQL, for queries as well as Rowspace statements.
   *
   * @param unquotedCasing how unquoted identifiers fold: {@link Casing#TO_UPPER} for H2,
   *     {@link Casing#TO_LOWER} for PostgreSQL
   */
  public static SqlParser.Config config(Casing unquotedCasing) {
    return SqlParser.config()
        .withParserFactory(RowspaceSqlParserImpl.FACTORY)
        .withQuoting(Quoting.DOUBLE_QUOTE)
        .withUnquotedCasing(unquotedCasing)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(true)
        .withConformance(SqlConformanceEnum.LENIENT)
        .withIdentifierMaxLength(IDENTIFIER_MAX_LENGTH);
  }

  /**
   * Parses one statement.
   *
   * @throws SqlParseException if the text is not one valid statement; its
   *     {@link SqlParseException#getPos() position} gives the line and column
   */
  public static SqlNode parse(String sql, Casing unquotedCasing) throws SqlParseException {
    SqlNode statement = SqlParser.create(sql, config(unquotedCasing)).parseStmt();
    DatetimeLiteralTexts.complete(statement);
    return statement;
  }
}
