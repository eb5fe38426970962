package io.rowspace.sql.parser;

import io.rowspace.error.ErrorCode;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's constructs that Rowspace's grammar does not read, recognised where the parse of a
 * statement with a model call stopped, so the error names the construct and the way to write it
 * instead of the parser's "Encountered ..." (80155, 0A000): {@code UPDATE ... FROM},
 * {@code RETURNING}, {@code LIKE ANY (...)} and {@code LIKE ALL (...)}, {@code FROM ONLY t}.
 */
public final class UnreadConstruct {
  private static final Pattern WORDS = Pattern.compile("^\\s*(\\w+)(?:\\s+(\\w+))?");
  private static final Pattern LAST_WORD = Pattern.compile("(\\w+)\\s*$");

  private UnreadConstruct() {
  }

  /**
   * The error for the construct at {@code line} and {@code column} (from 1) of {@code sql}, or
   * null if the parse stopped at none of them.
   */
  public static SQLException at(String sql, int line, int column) {
    int offset = offset(sql, line, column);
    if (offset < 0) {
      return null;
    }
    String here = words(sql.substring(offset));
    String before = lastWord(sql.substring(0, offset));
    String statement = words(sql);
    String first = here.isEmpty() ? "" : here.split(" ")[0];
    String construct = null;
    String fix = null;
    if (first.equals("FROM") && statement.startsWith("UPDATE")) {
      construct = "UPDATE ... FROM";
      fix = "Write it as MERGE INTO t USING (SELECT key, PREDICT(...) AS p FROM other ...) s "
          + "ON (t.key = s.key) WHEN MATCHED THEN UPDATE SET c = s.p.";
    } else if (first.equals("RETURNING")) {
      construct = "RETURNING";
      fix = "Run the statement without RETURNING, then SELECT the rows it wrote in the same "
          + "transaction.";
    } else if ((first.equals("LIKE") || first.equals("ILIKE"))
            && here.matches("I?LIKE (ANY|ALL|SOME)")
        || first.matches("ANY|ALL|SOME") && before.matches("I?LIKE")) {
      String operator = first.matches("ANY|ALL|SOME") ? before + " " + first : here;
      construct = operator + " (...)";
      fix = "Write each pattern as a condition of its own: (x LIKE 'a%' OR x LIKE 'b%') for ANY, "
          + "joined by AND for ALL.";
    } else if (first.equals("ONLY") && before.matches("FROM|JOIN")) {
      construct = before + " ONLY";
      fix = "Leave out ONLY where the table has no child tables (it reads the same rows), or read "
          + "it through a view: CREATE VIEW v AS SELECT * FROM ONLY t, then call the model on v.";
    }
    return construct == null ? null
        : ErrorCode.CONSTRUCT_NOT_READ.exception(construct, line, column, fix);
  }

  /** The first two words of {@code text}, upper case, separated by one space. */
  private static String words(String text) {
    Matcher m = WORDS.matcher(text);
    if (!m.find()) {
      return "";
    }
    String words = m.group(2) == null ? m.group(1) : m.group(1) + " " + m.group(2);
    return words.toUpperCase(Locale.ROOT);
  }

  private static String lastWord(String text) {
    Matcher m = LAST_WORD.matcher(text);
    return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
  }

  /** The offset of a line and column (from 1) in {@code sql}, or -1 if it is outside. */
  private static int offset(String sql, int line, int column) {
    int offset = 0;
    for (int l = 1; l < line; l++) {
      offset = sql.indexOf('\n', offset) + 1;
      if (offset == 0) {
        return -1;
      }
    }
    offset += column - 1;
    return offset >= 0 && offset < sql.length() ? offset : -1;
  }
}
