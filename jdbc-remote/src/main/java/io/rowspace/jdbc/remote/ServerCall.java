package io.rowspace.jdbc.remote;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request the Rowspace driver makes of a Rowspace server beyond Avatica's protocol, sent as a
 * statement that the server answers itself instead of running it on the database:
 * <pre>
 *   CALL ROWSPACE_SERVER.CANCEL(7)
 *   CALL ROWSPACE_SERVER.METADATA('getPrimaryKeys', NULL, 'PUBLIC', 'PLANTS')
 * </pre>
 * {@code CANCEL} stops the running statement with that id of the caller's own connection;
 * {@code METADATA} calls the named {@link java.sql.DatabaseMetaData} method on the served
 * database with the arguments given (string literals, {@code NULL}, {@code TRUE}/{@code FALSE},
 * integers) and returns its result set. Any Avatica client may send them.
 *
 * @param procedure {@link #CANCEL} or {@link #METADATA}
 * @param arguments the arguments: {@code String}, {@code Long}, {@code Boolean} or null
 */
public record ServerCall(String procedure, List<Object> arguments) {
  /** Stops a running statement: one argument, the statement's id. */
  public static final String CANCEL = "CANCEL";
  /** Calls a DatabaseMetaData method: its name, then its arguments. */
  public static final String METADATA = "METADATA";

  private static final Pattern CALL = Pattern.compile(
      "\\s*CALL\\s+ROWSPACE_SERVER\\s*\\.\\s*([A-Za-z_]+)\\s*\\((.*)\\)\\s*;?\\s*",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");

  public ServerCall {
    arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
  }

  /** The call that stops statement {@code statementId} of the caller's connection. */
  public static ServerCall cancel(int statementId) {
    return new ServerCall(CANCEL, List.of((long) statementId));
  }

  /** The call of DatabaseMetaData's {@code method} with {@code arguments}. */
  public static ServerCall metadata(String method, Object... arguments) {
    List<Object> all = new ArrayList<>();
    all.add(method);
    Collections.addAll(all, arguments);
    return new ServerCall(METADATA, all);
  }

  /** The call as the SQL text that carries it. */
  public String toSql() {
    StringBuilder sql = new StringBuilder("CALL ROWSPACE_SERVER.").append(procedure).append('(');
    for (int i = 0; i < arguments.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      Object argument = arguments.get(i);
      if (argument == null) {
        sql.append("NULL");
      } else if (argument instanceof String text) {
        sql.append('\'').append(text.replace("'", "''")).append('\'');
      } else if (argument instanceof Boolean || argument instanceof Long
          || argument instanceof Integer) {
        sql.append(argument.toString().toUpperCase(Locale.ROOT));
      } else {
        throw new IllegalArgumentException("A server call takes strings, integers, booleans "
            + "and NULL, not " + argument.getClass().getSimpleName());
      }
    }
    return sql.append(')').toString();
  }

  /**
   * The server call {@code sql} carries, or empty when it is an ordinary statement.
   *
   * @throws IllegalArgumentException when it is a server call whose arguments cannot be read
   */
  public static Optional<ServerCall> parse(String sql) {
    if (sql == null) {
      return Optional.empty();
    }
    Matcher call = CALL.matcher(sql);
    if (!call.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ServerCall(call.group(1).toUpperCase(Locale.ROOT),
        arguments(call.group(2))));
  }

  private static List<Object> arguments(String text) {
    List<Object> arguments = new ArrayList<>();
    int i = skipBlanks(text, 0);
    if (i == text.length()) {
      return arguments;
    }
    while (true) {
      int end;
      if (text.charAt(i) == '\'') {
        StringBuilder value = new StringBuilder();
        end = i + 1;
        while (true) {
          if (end >= text.length()) {
            throw new IllegalArgumentException("Unterminated string in server call: " + text);
          }
          char c = text.charAt(end++);
          if (c == '\'') {
            if (end < text.length() && text.charAt(end) == '\'') {
              value.append('\'');
              end++;
            } else {
              break;
            }
          } else {
            value.append(c);
          }
        }
        arguments.add(value.toString());
      } else {
        end = i;
        while (end < text.length() && text.charAt(end) != ',' && !isBlank(text.charAt(end))) {
          end++;
        }
        arguments.add(word(text.substring(i, end)));
      }
      i = skipBlanks(text, end);
      if (i == text.length()) {
        return arguments;
      }
      if (text.charAt(i) != ',') {
        throw new IllegalArgumentException("Expected ',' at position " + (i + 1)
            + " of the server call's arguments: " + text);
      }
      i = skipBlanks(text, i + 1);
    }
  }

  private static Object word(String word) {
    String upper = word.toUpperCase(Locale.ROOT);
    if (upper.equals("NULL")) {
      return null;
    }
    if (upper.equals("TRUE") || upper.equals("FALSE")) {
      return Boolean.valueOf(upper.equals("TRUE"));
    }
    if (NUMBER.matcher(word).matches()) {
      return Long.valueOf(word);
    }
    throw new IllegalArgumentException("A server call's arguments are string literals, "
        + "integers, TRUE, FALSE or NULL, not " + word);
  }

  private static int skipBlanks(String text, int i) {
    while (i < text.length() && isBlank(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c);
  }
}
