package io.rowspace.engine.profile;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dates written in the common formats besides ISO 8601: {@code 2024/01/31},
 * {@code 31.01.2024}, {@code 01/31/2024} or {@code 31/01/2024}, {@code Jan 31, 2024},
 * {@code 31 January 2024}, {@code 31-Jan-2024}, each optionally followed by a time of day
 * {@code 14:05} or {@code 14:05:09}.
 *
 * <p>Years have four digits. Dotted dates are day first, as in Europe. Slashed or dashed dates
 * whose first two numbers could both be a month are read in the given {@link DayOrder}; a column
 * that also holds {@code 13/01/2024} is day first, one with {@code 01/13/2024} month first.
 */
public final class DateText {
  /** How to read {@code 01/02/2024}: January 2nd or February 1st. */
  public enum DayOrder {
    /** {@code 01/02/2024} is January 2nd (United States). */
    MONTH_FIRST,
    /** {@code 01/02/2024} is February 1st (most of the world). */
    DAY_FIRST
  }

  private static final String TIME = "(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?";
  private static final Pattern YEAR_FIRST =
      Pattern.compile("([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})" + TIME);
  private static final Pattern YEAR_LAST =
      Pattern.compile("([0-9]{1,2})([/.-])([0-9]{1,2})\\2([0-9]{4})" + TIME);
  private static final Pattern MONTH_NAME_FIRST =
      Pattern.compile("(?i)([a-z]{3,9})\\.? ([0-9]{1,2}),? ([0-9]{4})" + TIME);
  private static final Pattern DAY_FIRST_NAME =
      Pattern.compile("(?i)([0-9]{1,2})[ -]([a-z]{3,9})\\.?[ -]([0-9]{4})" + TIME);
  private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1),
      Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
      Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9),
      Map.entry("sept", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
  private static final String[] FULL_NAMES = {"january", "february", "march", "april", "may",
      "june", "july", "august", "september", "october", "november", "december"};

  private DateText() {}

  /** The date and time {@code text} writes, month first when ambiguous; {@code null} if none. */
  public static LocalDateTime parse(String text) {
    return parse(text, DayOrder.MONTH_FIRST);
  }

  /** The date and time {@code text} writes; {@code null} when it is not one of the formats. */
  public static LocalDateTime parse(String text, DayOrder order) {
    String t = text.strip();
    try {
      Matcher m = YEAR_FIRST.matcher(t);
      if (m.matches()) {
        return at(LocalDate.of(number(m, 1), number(m, 2), number(m, 3)), m, 4);
      }
      m = YEAR_LAST.matcher(t);
      if (m.matches()) {
        int first = number(m, 1);
        int second = number(m, 3);
        boolean dayFirst = m.group(2).equals(".") || first > 12
            || (second <= 12 && order == DayOrder.DAY_FIRST);
        return at(dayFirst ? LocalDate.of(number(m, 4), second, first)
            : LocalDate.of(number(m, 4), first, second), m, 5);
      }
      m = MONTH_NAME_FIRST.matcher(t);
      if (m.matches() && month(m.group(1)) > 0) {
        return at(LocalDate.of(number(m, 3), month(m.group(1)), number(m, 2)), m, 4);
      }
      m = DAY_FIRST_NAME.matcher(t);
      if (m.matches() && month(m.group(2)) > 0) {
        return at(LocalDate.of(number(m, 3), month(m.group(2)), number(m, 1)), m, 4);
      }
    } catch (DateTimeException e) {
      return null;
    }
    return null;
  }

  /**
   * The day order {@code text} can only be read in ({@code 13/01/2024} is day first,
   * {@code 01/13/2024} month first), or {@code null} when it does not decide.
   */
  public static DayOrder decidedOrder(String text) {
    Matcher m = YEAR_LAST.matcher(text.strip());
    if (!m.matches() || m.group(2).equals(".")) {
      return null;
    }
    int first = number(m, 1);
    int second = number(m, 3);
    return first > 12 && second <= 12 ? DayOrder.DAY_FIRST
        : second > 12 && first <= 12 ? DayOrder.MONTH_FIRST : null;
  }

  private static LocalDateTime at(LocalDate date, Matcher m, int hourGroup) {
    if (m.group(hourGroup) == null) {
      return date.atStartOfDay();
    }
    int seconds = m.group(hourGroup + 2) == null ? 0 : number(m, hourGroup + 2);
    return date.atTime(LocalTime.of(number(m, hourGroup), number(m, hourGroup + 1), seconds));
  }

  private static int month(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    Integer month = MONTHS.get(lower.length() > 3 && !lower.equals("sept") ? lower.substring(0, 3) : lower);
    if (month == null || (lower.length() > 4 && !FULL_NAMES[month - 1].equals(lower))) {
      return 0;
    }
    return month;
  }


  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
