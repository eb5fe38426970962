package io.rowspace.cli;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time: comma-separated fields, fields in double quotes may
 * hold commas, doubled quotes and line breaks, records end with LF or CRLF, and a byte-order mark
 * at the start is ignored. An empty unquoted field is {@code null} (SQL NULL); a quoted empty
 * field is the empty string. Blank lines are skipped.
 */
final class CsvReader implements Closeable {
  private final BufferedReader in;
  private long record;
  private boolean first = true;

  CsvReader(Reader in) {
    this.in = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in, 1 << 16);
  }

  /** The next record's fields, or null at the end of the input. */
  List<String> next() throws IOException {
    while (true) {
      int c = in.read();
      if (first) {
        first = false;
        if (c == '\uFEFF') {
          c = in.read();
        }
      }
      if (c < 0) {
        return null;
      }
      if (c == '\n') {
        continue;
      }
      if (c == '\r') {
        continue;
      }
      record++;
      return readRecord(c);
    }
  }

  /** The number of records read so far, the header included: for messages about bad lines. */
  long recordNumber() {
    return record;
  }

  private List<String> readRecord(int firstChar) throws IOException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean inQuotes = false;
    int c = firstChar;
    while (true) {
      if (inQuotes) {
        if (c < 0) {
          throw new IOException("Record " + record + " ends inside a quoted field: a closing '\"' is missing.");
        }
        if (c == '"') {
          in.mark(1);
          int next = in.read();
          if (next == '"') {
            field.append('"');
          } else {
            inQuotes = false;
            if (next >= 0) {
              in.reset();
            }
          }
        } else {
          field.append((char) c);
        }
      } else if (c == ',' || c == '\n' || c == '\r' || c < 0) {
        fields.add(field.length() == 0 && !quoted ? null : field.toString());
        field.setLength(0);
        quoted = false;
        if (c == '\r') {
          in.mark(1);
          if (in.read() != '\n') {
            in.reset();
          }
        }
        if (c != ',') {
          return fields;
        }
      } else if (c == '"' && field.length() == 0 && !quoted) {
        quoted = true;
        inQuotes = true;
      } else {
        field.append((char) c);
      }
      c = in.read();
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
