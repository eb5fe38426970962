package io.rowspace.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of a CSV file one at a time, as read by Apache Commons CSV in a {@link CsvDialect}:
 * fields are strings, {@code null} for NULL (an empty unquoted field or a NULL token).
 */
final class CsvRecords implements Closeable {
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final Set<String> nullTokens;
  private long recordNumber;

  CsvRecords(CSVParser parser, Set<String> nullTokens) {
    this.parser = parser;
    this.records = parser.iterator();
    this.nullTokens = nullTokens;
  }

  /**
   * The next record's fields, or null at the end of the input.
   *
   * @throws IOException when the file is not valid CSV (e.g. a quoted field never closed)
   */
  List<String> next() throws IOException {
    CSVRecord record;
    try {
      if (!records.hasNext()) {
        return null;
      }
      record = records.next();
    } catch (UncheckedIOException e) {
      throw new IOException("Record " + (recordNumber + 1) + " (line "
          + parser.getCurrentLineNumber() + ") is not valid CSV: " + e.getCause().getMessage(), e);
    }
    recordNumber = record.getRecordNumber();
    List<String> fields = new ArrayList<>(record.size());
    for (String value : record) {
      fields.add(value == null || nullTokens.contains(value) ? null : value);
    }
    return fields;
  }

  /** The number of records read so far, the header included: for messages about bad lines. */
  long recordNumber() {
    return recordNumber;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
