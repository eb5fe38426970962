package io.rowspace.sql.parser;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;

/**
 * Parse tree for {@code CREATE [OR REPLACE] EMBEDDING SPACE [IF NOT EXISTS] name ON root_table
 * [INCLUDE ( table [VIA column], ... ) | INCLUDE NO RELATED TABLES]
 * [EXCLUDE COLUMNS ( [table.]column, ... )] [WITH ( option = value, ... )]}.
 */
public final class SqlCreateEmbeddingSpace extends SqlCreateModel {
  static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE EMBEDDING SPACE", SqlKind.OTHER_DDL);

  private final SqlIdentifier rootTable;
  private final SqlNodeList includes;
  private final boolean noRelatedTables;
  private final SqlNodeList excludedColumns;

  /**
   * Creates the node. {@code includes} holds {@link SqlInclude} entries, {@code excludedColumns}
   * identifiers and {@code options} {@link SqlOption} entries; each list may be empty.
   */
  public SqlCreateEmbeddingSpace(SqlParserPos pos, boolean replace, boolean ifNotExists,
      SqlIdentifier name, SqlIdentifier rootTable, SqlNodeList includes, boolean noRelatedTables,
      SqlNodeList excludedColumns, SqlNodeList options) {
    super(OPERATOR, pos, replace, ifNotExists, name, options);
    this.rootTable = rootTable;
    this.includes = includes;
    this.noRelatedTables = noRelatedTables;
    this.excludedColumns = excludedColumns;
  }

  /** The table whose rows the space embeds. */
  public SqlIdentifier rootTable() {
    return rootTable;
  }

  /** The tables listed by {@code INCLUDE ( ... )}; empty when the clause is absent. */
  public List<SqlInclude> includes() {
    return includes.stream().map(SqlInclude.class::cast).toList();
  }

  /** Whether {@code INCLUDE NO RELATED TABLES} was given: the root table alone is used. */
  public boolean noRelatedTables() {
    return noRelatedTables;
  }

  /**
   * The columns listed by {@code EXCLUDE COLUMNS ( ... )}, each written as {@code column} or
   * {@code table.column}; empty when the clause is absent.
   */
  public List<SqlIdentifier> excludedColumns() {
    return excludedColumns.stream().map(SqlIdentifier.class::cast).toList();
  }

  @Override public List<SqlNode> getOperandList() {
    return Arrays.asList(name(), rootTable, includes, excludedColumns, optionList());
  }

  @Override public boolean equalsDeep(SqlNode node, Litmus litmus) {
    if (!sameFlags(node) || noRelatedTables != ((SqlCreateEmbeddingSpace) node).noRelatedTables) {
      return litmus.fail("{} != {}", this, node);
    }
    return super.equalsDeep(node, litmus);
  }

  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    unparseHead(writer, "EMBEDDING SPACE", leftPrec, rightPrec);
    writer.keyword("ON");
    rootTable.unparse(writer, leftPrec, rightPrec);
    if (noRelatedTables) {
      writer.keyword("INCLUDE NO RELATED TABLES");
    } else if (!includes.isEmpty()) {
      writer.keyword("INCLUDE");
      unparseList(writer, includes, leftPrec, rightPrec);
    }
    if (!excludedColumns.isEmpty()) {
      writer.keyword("EXCLUDE COLUMNS");
      unparseList(writer, excludedColumns, leftPrec, rightPrec);
    }
    SqlOption.unparseWithClause(writer, optionList(), leftPrec, rightPrec);
  }

  private static void unparseList(SqlWriter writer, SqlNodeList list, int leftPrec,
      int rightPrec) {
    final SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode node : list) {
      writer.sep(",");
      node.unparse(writer, leftPrec, rightPrec);
    }
    writer.endList(frame);
  }
}
