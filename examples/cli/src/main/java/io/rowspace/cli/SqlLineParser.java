package io.rowspace.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when the interactive shell's input is a complete statement and which word the
 * cursor is on for completion.
 *
 * <p>Enter accepts the buffer only when every statement in it ends with {@code ;} (outside
 * strings and comments, as {@link SqlScript} decides) or it is a shell command such as
 * {@code quit}; otherwise JLine continues on a new line of the same buffer, so a multi-line
 * statement is edited and remembered in history as one entry.
 */
final class SqlLineParser implements Parser {
  private static final List<String> SHELL_COMMANDS = List.of("quit", "exit", "help", "\\q", "\\h");

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !isShellCommand(line)
        && SqlScript.parse(line).isIncomplete()) {
      throw new EOFError(-1, -1, "statement not terminated by ;", ";");
    }
    return new SqlWords(line, cursor);
  }

  /** Whether {@code line} is one of the shell's own commands rather than SQL. */
  static boolean isShellCommand(String line) {
    String command = line.strip();
    if (command.endsWith(";")) {
      command = command.substring(0, command.length() - 1).strip();
    }
    return SHELL_COMMANDS.contains(command.toLowerCase(Locale.ROOT));
  }

  /** The line cut into words of identifier characters, for completion. */
  private static final class SqlWords implements CompletingParsedLine {
    private final String line;
    private final int cursor;
    private final List<String> words = new ArrayList<>();
    private int wordIndex;
    private int wordCursor;

    SqlWords(String line, int cursor) {
      this.line = line;
      this.cursor = cursor;
      int i = 0;
      int n = line.length();
      wordIndex = -1;
      while (i <= n) {
        int start = i;
        while (i < n && isWordChar(line.charAt(i))) {
          i++;
        }
        if (cursor >= start && cursor <= i && wordIndex < 0) {
          wordIndex = words.size();
          wordCursor = cursor - start;
          words.add(line.substring(start, i));
        } else if (i > start) {
          words.add(line.substring(start, i));
        }
        i++;
      }
      if (wordIndex < 0) {
        wordIndex = words.size();
        words.add("");
      }
    }

    private static boolean isWordChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    @Override
    public String word() {
      return words.get(wordIndex);
    }

    @Override
    public int wordCursor() {
      return wordCursor;
    }

    @Override
    public int wordIndex() {
      return wordIndex;
    }

    @Override
    public List<String> words() {
      return words;
    }

    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return wordCursor;
    }

    @Override
    public int rawWordLength() {
      return word().length();
    }

    @Override
    public String line() {
      return line;
    }

    @Override
    public int cursor() {
      return cursor;
    }
  }
}
