package io.rowspace.sql.plan;

import io.rowspace.sql.parser.impl.RowspaceSqlParserImpl;
import java.io.Reader;
import java.sql.SQLException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * The parse tree of the statement a thread is about to prepare on our Calcite connection. The
 * user's text is parsed once, by Rowspace's grammar, and rewritten as a tree; Calcite's
 * preparation takes that tree instead of parsing text again ({@link RowspacePrepare}), so its
 * validator sees the user's nodes with their positions in the user's text.
 *
 * <p>The tree is handed over through the preparing thread: Calcite prepares a statement on the
 * thread that asks for it, and parses it exactly once while doing so.
 */
public final class ParsedStatement {
  private final ThreadLocal<SqlNode> pending = new ThreadLocal<>();

  /** Work on the Calcite connection that prepares one statement. */
  @FunctionalInterface
  public interface Preparation<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code preparation} (a {@code prepareStatement} or {@code executeQuery} of the user's
   * text on the Calcite connection) with {@code tree} as the statement Calcite prepares.
   */
  public <T> T prepare(SqlNode tree, Preparation<T> preparation) throws SQLException {
    pending.set(tree);
    try {
      return preparation.run();
    } finally {
      pending.remove();
    }
  }

  /**
   * The parser for a statement Calcite is preparing: one that yields the handed-over tree, or,
   * when none is pending, Rowspace's grammar reading {@code sql}.
   */
  SqlParser parser(String sql, SqlParser.Config config) {
    SqlNode tree = pending.get();
    if (tree == null) {
      return SqlParser.create(sql, config.withParserFactory(RowspaceSqlParserImpl.FACTORY));
    }
    pending.remove();
    return SqlParser.create(sql, config.withParserFactory(reader -> new Parsed(reader, tree)));
  }

  /** A parser whose statement is already parsed. */
  private static final class Parsed extends RowspaceSqlParserImpl {
    private final SqlNode tree;

    Parsed(Reader reader, SqlNode tree) {
      super(reader);
      this.tree = tree;
    }

    @Override public SqlNode parseSqlStmtEof() {
      return tree;
    }
  }
}
