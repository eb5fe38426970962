package io.rowspace.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * How a CSV file is written: its field delimiter, its quote character and the tokens that mean
 * NULL. An empty unquoted field is always NULL; a quoted empty field ({@code ""}) is the empty
 * string unless {@code ""} is a NULL token.
 *
 * @param delimiter the field delimiter: comma, semicolon, tab or pipe when detected
 * @param quote the quote character, {@code "} by default
 * @param nullTokens texts that mean NULL wherever they appear as a whole field, e.g. {@code NA}
 */
record CsvDialect(char delimiter, char quote, Set<String> nullTokens) {
  /** The delimiters {@link #detectDelimiter} chooses from, most usual first. */
  static final List<Character> DELIMITERS = List.of(',', ';', '\t', '|');
  /** Lines read to detect the delimiter. */
  static final int SAMPLE_LINES = 100;

  CsvDialect {
    nullTokens = Set.copyOf(nullTokens);
  }

  /** Comma-separated, double quotes, no NULL tokens besides empty fields. */
  static final CsvDialect RFC_4180 = new CsvDialect(',', '"', Set.of());

  /** Reads the records of {@code in}, skipping a byte-order mark and blank lines. */
  CsvRecords open(Reader in) throws IOException {
    BufferedReader buffered = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    buffered.mark(1);
    if (buffered.read() != '\uFEFF') {
      buffered.reset();
    }
    return new CsvRecords(format().parse(buffered), nullTokens);
  }

  /** Reads the records of a UTF-8 file. */
  CsvRecords open(Path csv) throws IOException {
    return open(Files.newBufferedReader(csv, StandardCharsets.UTF_8));
  }

  private CSVFormat format() {
    // ALL_NON_NULL makes Commons CSV tell an empty unquoted field (null) from "" (empty string).
    return CSVFormat.RFC4180.builder()
        .setDelimiter(delimiter)
        .setQuote(quote)
        .setQuoteMode(QuoteMode.ALL_NON_NULL)
        .setIgnoreEmptyLines(true)
        .get();
  }

  /** The delimiter's name as a user writes it in {@code --delimiter}. */
  String delimiterName() {
    return name(delimiter);
  }

  static String name(char delimiter) {
    switch (delimiter) {
      case '\t':
        return "tab";
      case ',':
        return "comma";
      case ';':
        return "semicolon";
      case '|':
        return "pipe";
      default:
        return "'" + delimiter + "'";
    }
  }

  /**
   * The delimiter a {@code --delimiter} option names: one character, or {@code tab},
   * {@code comma}, {@code semicolon}, {@code pipe}, {@code \t}.
   *
   * @throws IllegalArgumentException when it is neither
   */
  static char delimiterNamed(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "tab":
      case "\\t":
        return '\t';
      case "comma":
        return ',';
      case "semicolon":
        return ';';
      case "pipe":
        return '|';
      default:
        if (text.length() == 1 && text.charAt(0) != '\n' && text.charAt(0) != '\r') {
          return text.charAt(0);
        }
        throw new IllegalArgumentException("--delimiter needs one character or tab, comma, "
            + "semicolon or pipe, got '" + text + "'.");
    }
  }

  /**
   * The delimiter of {@code csv} among {@link #DELIMITERS}: the one that splits the header into
   * the most fields while the first {@link #SAMPLE_LINES} records all have as many fields as the
   * header (records that disagree count against it); comma when none splits the header.
   */
  static char detectDelimiter(Path csv, char quote) throws IOException {
    StringBuilder sample = new StringBuilder();
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String line;
      for (int i = 0; i < SAMPLE_LINES && (line = in.readLine()) != null; i++) {
        sample.append(line).append('\n');
      }
    }
    char best = ',';
    double bestScore = 0;
    for (char delimiter : DELIMITERS) {
      double score = score(new CsvDialect(delimiter, quote, Set.of()), sample.toString());
      if (score > bestScore) {
        best = delimiter;
        bestScore = score;
      }
    }
    return best;
  }

  /** Header fields times the share of sample records with as many fields; 0 for one field. */
  private static double score(CsvDialect dialect, String sample) {
    List<Integer> widths = new ArrayList<>();
    try (CsvRecords records = dialect.open(new StringReader(sample))) {
      for (List<String> r = records.next(); r != null; r = records.next()) {
        widths.add(r.size());
      }
    } catch (IOException | RuntimeException e) {
      // The last sampled record may be cut inside a quoted field; what was read still counts.
    }
    if (widths.isEmpty() || widths.get(0) < 2) {
      return 0;
    }
    int header = widths.get(0);
    long agreeing = widths.stream().skip(1).filter(w -> w == header).count();
    double share = widths.size() == 1 ? 1 : agreeing / (double) (widths.size() - 1);
    return share < 0.5 ? 0 : header * share;
  }
}
