package io.rowspace.sql.parser;

import io.rowspace.error.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;

/**
 * An interval literal written without a qualifier, as PostgreSQL reads it: {@code INTERVAL
 * '1 day'}, {@code INTERVAL '2 hours 30 minutes'}, {@code INTERVAL '1 year 2 mons'},
 * {@code INTERVAL '1 day 02:30:00'}, {@code INTERVAL '3 days ago'}. Calcite reads only the
 * standard's {@code INTERVAL '1' DAY}, and BI tools write PostgreSQL's form.
 *
 * <p>The literal keeps the text as written, which is what goes back to the backing database
 * (so it means there what it always means, and a database that refuses it, as H2 does, says
 * so), and holds the equal standard literal, {@code YEAR TO MONTH} or {@code DAY TO SECOND},
 * which is what Calcite computes with where it evaluates the expression beside a model call. A
 * text that mixes months with days or times has no such equal (a month is not a fixed number of
 * days) and is refused, as is a text this reading does not know (80153).
 */
public final class SqlUnqualifiedIntervalLiteral extends SqlIntervalLiteral {
  /** A quantity and its unit ({@code 2 hours}, {@code -1.5d}), or a time ({@code 02:30:00}). */
  private static final Pattern PART = Pattern.compile("([+-]?)(\\d+):(\\d+)(?::(\\d+(?:\\.\\d*)?))?"
      + "|([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*([a-z]*)");
  private static final BigDecimal MICROS_PER_SECOND = BigDecimal.valueOf(1_000_000L);
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  /** Units PostgreSQL reads, as months (year-month) or microseconds (day-time). */
  private static final Map<String, Long> MONTHS = Map.ofEntries(
      Map.entry("month", 1L), Map.entry("months", 1L), Map.entry("mon", 1L),
      Map.entry("mons", 1L), Map.entry("year", 12L), Map.entry("years", 12L),
      Map.entry("y", 12L), Map.entry("yr", 12L), Map.entry("yrs", 12L),
      Map.entry("decade", 120L), Map.entry("decades", 120L), Map.entry("dec", 120L),
      Map.entry("decs", 120L), Map.entry("century", 1_200L), Map.entry("centuries", 1_200L),
      Map.entry("c", 1_200L), Map.entry("cent", 1_200L), Map.entry("millennium", 12_000L),
      Map.entry("millennia", 12_000L), Map.entry("mil", 12_000L), Map.entry("mils", 12_000L));
  private static final Map<String, Long> MICROS = Map.ofEntries(
      Map.entry("microsecond", 1L), Map.entry("microseconds", 1L), Map.entry("us", 1L),
      Map.entry("usec", 1L), Map.entry("usecs", 1L), Map.entry("millisecond", 1_000L),
      Map.entry("milliseconds", 1_000L), Map.entry("ms", 1_000L), Map.entry("msec", 1_000L),
      Map.entry("msecs", 1_000L), Map.entry("", 1_000_000L), Map.entry("second", 1_000_000L),
      Map.entry("seconds", 1_000_000L), Map.entry("s", 1_000_000L), Map.entry("sec", 1_000_000L),
      Map.entry("secs", 1_000_000L), Map.entry("minute", 60_000_000L),
      Map.entry("minutes", 60_000_000L), Map.entry("m", 60_000_000L),
      Map.entry("min", 60_000_000L), Map.entry("mins", 60_000_000L),
      Map.entry("hour", 3_600_000_000L), Map.entry("hours", 3_600_000_000L),
      Map.entry("h", 3_600_000_000L), Map.entry("hr", 3_600_000_000L),
      Map.entry("hrs", 3_600_000_000L), Map.entry("day", MICROS_PER_DAY),
      Map.entry("days", MICROS_PER_DAY), Map.entry("d", MICROS_PER_DAY),
      Map.entry("week", 7 * MICROS_PER_DAY), Map.entry("weeks", 7 * MICROS_PER_DAY),
      Map.entry("w", 7 * MICROS_PER_DAY));
  /** The longest leading field Calcite's intervals hold. */
  private static final int MAX_LEADING_DIGITS = 10;

  private final String written;
  /** -1 where the user wrote {@code INTERVAL - '...'}. */
  private final int writtenSign;

  private SqlUnqualifiedIntervalLiteral(int sign, String standard, SqlIntervalQualifier qualifier,
      String written, int writtenSign, SqlParserPos pos) {
    super(sign, standard, qualifier, qualifier.typeName(), pos);
    this.written = written;
    this.writtenSign = writtenSign;
  }

  /**
   * Reads {@code INTERVAL [sign] 'text'} written without a qualifier (called by the generated
   * parser).
   *
   * @throws CalciteContextException positioned at the literal (80153) if the text is not one
   *     this reading knows or mixes months with days or times
   */
  public static SqlIntervalLiteral of(SqlParserPos pos, int sign, String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    boolean ago = lower.endsWith(" ago");
    if (ago) {
      lower = lower.substring(0, lower.length() - " ago".length()).strip();
    }
    if (lower.startsWith("@")) {
      lower = lower.substring(1).strip();
    }
    BigInteger months = BigInteger.ZERO;
    BigDecimal micros = BigDecimal.ZERO;
    Matcher part = PART.matcher(lower);
    int at = 0;
    boolean any = false;
    while (at < lower.length()) {
      if (Character.isWhitespace(lower.charAt(at)) || lower.charAt(at) == ',') {
        at++;
        continue;
      }
      if (!part.find(at) || part.start() != at) {
        throw unread(pos, text, "'" + lower.substring(at) + "' is not a quantity and a unit");
      }
      any = true;
      if (part.group(5) != null) {
        BigDecimal quantity = new BigDecimal(part.group(5));
        String unit = part.group(6);
        if (MONTHS.containsKey(unit)) {
          BigDecimal inMonths = quantity.multiply(BigDecimal.valueOf(MONTHS.get(unit)));
          if (inMonths.stripTrailingZeros().scale() > 0) {
            throw unread(pos, text, "'" + part.group() + "' is not a whole number of months");
          }
          months = months.add(inMonths.toBigIntegerExact());
        } else if (MICROS.containsKey(unit)) {
          micros = micros.add(quantity.multiply(BigDecimal.valueOf(MICROS.get(unit))));
        } else {
          throw unread(pos, text, "'" + unit + "' is not a unit");
        }
      } else {
        BigDecimal time = BigDecimal.valueOf(Long.parseLong(part.group(2)) * 3_600L
            + Long.parseLong(part.group(3)) * 60L)
            .add(part.group(4) == null ? BigDecimal.ZERO : new BigDecimal(part.group(4)))
            .multiply(MICROS_PER_SECOND);
        micros = "-".equals(part.group(1)) ? micros.subtract(time) : micros.add(time);
      }
      at = part.end();
    }
    if (!any) {
      throw unread(pos, text, "it is empty");
    }
    if (micros.stripTrailingZeros().scale() > 0) {
      throw unread(pos, text, "it is finer than a microsecond");
    }
    if (months.signum() != 0 && micros.signum() != 0) {
      throw unread(pos, text, "it mixes months or years with days or times, and a month is not "
          + "a fixed number of days");
    }
    int direction = sign * (ago ? -1 : 1);
    SqlUnqualifiedIntervalLiteral standard = months.signum() != 0
        ? yearToMonth(pos, direction, months, text)
        : dayToSecond(pos, direction, micros.toBigIntegerExact(), text);
    return new SqlUnqualifiedIntervalLiteral(standard.sign(), standard.standard(),
        standard.qualifier(), text, sign, pos);
  }

  private static SqlUnqualifiedIntervalLiteral yearToMonth(SqlParserPos pos, int direction, BigInteger months,
      String text) {
    BigInteger[] yearsAndMonths = months.abs().divideAndRemainder(BigInteger.valueOf(12));
    String standard = yearsAndMonths[0] + "-" + yearsAndMonths[1];
    return literal(pos, months.signum() < 0 ? -direction : direction, standard, TimeUnit.YEAR,
        TimeUnit.MONTH,
        yearsAndMonths[0], text);
  }

  private static SqlUnqualifiedIntervalLiteral dayToSecond(SqlParserPos pos, int direction, BigInteger micros,
      String text) {
    BigInteger[] daysAndRest = micros.abs().divideAndRemainder(BigInteger.valueOf(MICROS_PER_DAY));
    long rest = daysAndRest[1].longValueExact();
    BigDecimal seconds = BigDecimal.valueOf(rest % 60_000_000L).divide(MICROS_PER_SECOND, 6,
        RoundingMode.UNNECESSARY);
    String standard = daysAndRest[0] + " " + rest / 3_600_000_000L + ":"
        + rest / 60_000_000L % 60 + ":" + seconds.toPlainString();
    return literal(pos, micros.signum() < 0 ? -direction : direction, standard, TimeUnit.DAY,
        TimeUnit.SECOND, daysAndRest[0], text);
  }

  private static SqlUnqualifiedIntervalLiteral literal(SqlParserPos pos, int sign, String standard,
      TimeUnit start, TimeUnit end, BigInteger leading, String text) {
    int digits = leading.toString().length();
    if (digits > MAX_LEADING_DIGITS) {
      throw unread(pos, text, "it is longer than " + "9".repeat(MAX_LEADING_DIGITS) + " "
          + start.name().toLowerCase(Locale.ROOT) + "s");
    }
    SqlIntervalQualifier qualifier = new SqlIntervalQualifier(start, Math.max(2, digits), end,
        end == TimeUnit.SECOND ? 6 : -1, pos);
    // checks the standard text against its qualifier as Calcite's own literals are checked
    SqlParserUtil.parseIntervalLiteral(pos, sign, standard, qualifier);
    return new SqlUnqualifiedIntervalLiteral(sign, standard, qualifier, text, 1, pos);
  }

  private int sign() {
    return getValueAs(IntervalValue.class).getSign();
  }

  private String standard() {
    return getValueAs(IntervalValue.class).getIntervalLiteral();
  }

  private SqlIntervalQualifier qualifier() {
    return getValueAs(IntervalValue.class).getIntervalQualifier();
  }

  private static CalciteContextException unread(SqlParserPos pos, String text, String why) {
    // the generated parser reports the cause's message at the context's position
    String message = ErrorCode.INTERVAL_TEXT_UNREAD.message(text, why);
    CalciteContextException error = new CalciteContextException(message,
        new CalciteException(message, null));
    error.setPosition(pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(),
        pos.getEndColumnNum());
    return error;
  }

  @Override public SqlUnqualifiedIntervalLiteral clone(SqlParserPos pos) {
    return new SqlUnqualifiedIntervalLiteral(sign(), standard(), qualifier(), written,
        writtenSign, pos);
  }

  /** As written, for the backing database: {@code INTERVAL '1 day'}. */
  @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("INTERVAL");
    if (writtenSign < 0) {
      writer.print("-");
    }
    writer.literal("'" + written.replace("'", "''") + "'");
  }
}
