package io.rowspace.engine.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text columns written the way spreadsheets export them: money with currency symbols and
 * thousands separators is a number, dates in several unambiguous formats are dates.
 */
class MessyTextColumnsTest {

  @Test
  void readsNumbersAsPeopleWriteThem() {
    assertEquals(new BigDecimal("13979.00"), NumberText.parse("$13,979.00"));
    assertEquals(new BigDecimal("-13979.00"), NumberText.parse("-$13,979.00"));
    assertEquals(new BigDecimal("1234.5"), NumberText.parse("1.234,5"));
    assertEquals(new BigDecimal("12.5"), NumberText.parse("12,5"));
    assertEquals(new BigDecimal("0.125"), NumberText.parse("0,125"));
    assertEquals(new BigDecimal("1234567"), NumberText.parse("1,234,567"));
    assertEquals(new BigDecimal("1234567"), NumberText.parse("1.234.567"));
    assertEquals(new BigDecimal("1234"), NumberText.parse("1 234"));
    assertEquals(new BigDecimal("12"), NumberText.parse("12 \u20ac"));
    assertEquals(new BigDecimal("0.125"), NumberText.parse("12.5%"));
    assertEquals(new BigDecimal("1.234"), NumberText.parse("1,234", NumberText.DecimalMark.COMMA));
    for (String notANumber : List.of("NaN", "n/a", "1,2,3", "12,34,5", "1.234,5.6", "$", "abc",
        "2024-01-05", "1 2", "Infinity", "--5", "12.", "1,234.567.8")) {
      assertNull(NumberText.parse(notANumber), notANumber);
    }
  }

  @Test
  void aDecimalCommaIsSeenOnlyWhereNothingElseReads() {
    assertEquals(true, NumberText.writesDecimalComma("12,5"));
    assertEquals(true, NumberText.writesDecimalComma("1.234,5"));
    assertEquals(false, NumberText.writesDecimalComma("1,234"));
    assertEquals(false, NumberText.writesDecimalComma("1,234.5"));
    assertEquals(false, NumberText.writesDecimalComma("12.5"));
  }

  @Test
  void readsDatesInUnambiguousFormats() {
    LocalDateTime jan31 = LocalDateTime.of(2024, 1, 31, 0, 0);
    for (String text : List.of("2024/01/31", "31.01.2024", "01/31/2024", "31/01/2024",
        "Jan 31, 2024", "31 January 2024", "31-Jan-2024", "January 31 2024")) {
      assertEquals(jan31, DateText.parse(text), text);
    }
    assertEquals(LocalDateTime.of(2024, 2, 1, 0, 0), DateText.parse("01/02/2024",
        DateText.DayOrder.DAY_FIRST));
    assertEquals(LocalDateTime.of(2024, 1, 2, 0, 0), DateText.parse("01/02/2024"));
    assertEquals(LocalDateTime.of(2024, 1, 31, 14, 5, 9), DateText.parse("01/31/2024 14:05:09"));
    assertEquals(DateText.DayOrder.DAY_FIRST, DateText.decidedOrder("13/01/2024"));
    assertEquals(DateText.DayOrder.MONTH_FIRST, DateText.decidedOrder("01/13/2024"));
    assertNull(DateText.decidedOrder("01/02/2024"));
    for (String notADate : List.of("13/13/2024", "31.02.2024", "Foo 3, 2024", "1/2/24", "C-2024",
        "12.5", "2024")) {
      assertNull(DateText.parse(notADate), notADate);
    }
  }

  @Test
  void moneyWithSymbolsAndAFewBadCellsIsAScaleNotAnIdentifier() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String income = i == 7 ? "NaN" : i == 11 ? "n/a"
          : String.format(Locale.ROOT, "$%,d.%02d", 20_000 + i * 937, i % 100);
      rows.add(new Object[] {income});
    }
    ColumnProfile income = only(Frame.ofRows(
        List.of(new ColumnSchema("INCOME", Types.VARCHAR, "VARCHAR")), rows));
    assertEquals(DetectedType.SCALAR, income.detectedType(), income.reason());
    assertEquals(2, income.unparseable());
    assertEquals(20_000 + 5 * 937 + 0.05, ValueParser.number("$24,685.05", ValueKind.NUMBER), 1e-9);
  }

  @Test
  void datesInMixedUnambiguousFormatsAreDatesNotCodes() {
    List<Object[]> rows = new ArrayList<>();
    String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
        "Dec"};
    for (int i = 0; i < 300; i++) {
      int day = 1 + i % 28;
      int month = 1 + (i / 28) % 12;
      int year = 2015 + i % 9;
      String date = switch (i % 4) {
        case 0 -> String.format(Locale.ROOT, "%d-%02d-%02d", year, month, day);
        case 1 -> String.format(Locale.ROOT, "%02d.%02d.%d", day, month, year);
        case 2 -> String.format(Locale.ROOT, "%s %d, %d", months[month - 1], day, year);
        default -> String.format(Locale.ROOT, "%d/%02d/%02d", year, month, day);
      };
      rows.add(new Object[] {date});
    }
    ColumnProfile signup = only(Frame.ofRows(
        List.of(new ColumnSchema("SIGNUP", Types.VARCHAR, "VARCHAR")), rows));
    assertEquals(DetectedType.TIMESTAMP, signup.detectedType(), signup.reason());
    assertEquals(0, signup.unparseable());
    assertEquals(ValueParser.number("2024-01-31", ValueKind.TEMPORAL),
        ValueParser.number("Jan 31, 2024", ValueKind.TEMPORAL));
  }

  private static ColumnProfile only(Frame frame) {
    return ColumnProfiler.profile(frame, java.util.Map.of()).get(0);
  }
}
