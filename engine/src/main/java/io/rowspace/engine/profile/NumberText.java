package io.rowspace.engine.profile;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numbers as people write them in text: with a currency symbol ({@code $13,979.00},
 * {@code 12 €}), thousands separators ({@code 1,234,567}, {@code 1.234.567}, {@code 1 234}),
 * a decimal comma ({@code 1.234,5}, {@code 12,5}) or a percent sign ({@code 12.5%}, read as the
 * fraction 0.125).
 *
 * <p>Only unambiguous writings are numbers: groups after a thousands separator have exactly three
 * digits, so {@code 1,2,3} is not a number; {@code 1,234} reads as one thousand two hundred and
 * thirty-four unless the caller says the column writes decimal commas. {@code NaN},
 * {@code Infinity} and words are never numbers.
 */
public final class NumberText {
  /** Which character separates the decimals. */
  public enum DecimalMark {
    /** Decided per value: {@code 1,234} is a thousand, {@code 12,5} and {@code 1.234,5} have decimals. */
    AUTO,
    /** Every comma is a decimal comma, every dot or space a thousands separator. */
    COMMA
  }

  private static final Pattern SHAPE = Pattern.compile(
      "([+-]?)\\s*(\\p{Sc}|[A-Z]{3}\\s)?\\s*([+-]?)\\s*"
          + "([0-9][0-9.,' \u00a0\u202f]*)\\s*(\\p{Sc}|\\s[A-Z]{3})?\\s*(%?)");
  private static final Pattern GROUPED = Pattern.compile("[1-9][0-9]{0,2}([,. '\u00a0\u202f][0-9]{3})+");
  private static final Pattern PLAIN = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  private NumberText() {}

  /** The number {@code text} writes, reading commas per value; {@code null} when it is not one. */
  public static BigDecimal parse(String text) {
    return parse(text, DecimalMark.AUTO);
  }

  /** The number {@code text} writes; {@code null} when it is not one. */
  public static BigDecimal parse(String text, DecimalMark mark) {
    if (text == null) {
      return null;
    }
    Matcher m = SHAPE.matcher(text.strip());
    if (!m.matches() || (!m.group(1).isEmpty() && !m.group(3).isEmpty())
        || (m.group(2) != null && m.group(5) != null)) {
      return null;
    }
    String digits = plainDigits(m.group(4).strip(), mark);
    if (digits == null) {
      return null;
    }
    BigDecimal value = new BigDecimal(digits);
    if ("-".equals(m.group(1)) || "-".equals(m.group(3))) {
      value = value.negate();
    }
    return m.group(6).isEmpty() ? value : value.movePointLeft(2);
  }

  /**
   * Whether {@code text} can only be read with a decimal comma ({@code 12,5}, {@code 1.234,5},
   * {@code 0,125}): a column holding such values writes every comma as a decimal comma.
   */
  public static boolean writesDecimalComma(String text) {
    Matcher m = SHAPE.matcher(text.strip());
    if (!m.matches() || parse(text) == null) {
      return false;
    }
    String number = m.group(4).strip();
    int decimal = decimalIndex(number, DecimalMark.AUTO);
    return decimal >= 0 && number.charAt(decimal) == ',';
  }

  /** The digits with a plain decimal point, or {@code null} when the separators are ambiguous. */
  private static String plainDigits(String number, DecimalMark mark) {
    int decimal = decimalIndex(number, mark);
    String whole = decimal < 0 ? number : number.substring(0, decimal);
    String fraction = decimal < 0 ? "" : number.substring(decimal + 1);
    if (!fraction.chars().allMatch(Character::isDigit) || (decimal >= 0 && fraction.isEmpty())) {
      return null;
    }
    if (!PLAIN.matcher(whole).matches() || whole.contains(".")) {
      if (!GROUPED.matcher(whole).matches() || mixedSeparators(whole)) {
        return null;
      }
      whole = whole.replaceAll("[^0-9]", "");
    }
    return fraction.isEmpty() ? whole : whole + "." + fraction;
  }

  /** Where the decimal mark of {@code number} is, or -1 when it has no decimals. */
  private static int decimalIndex(String number, DecimalMark mark) {
    int lastComma = number.lastIndexOf(',');
    int lastDot = number.lastIndexOf('.');
    if (mark == DecimalMark.COMMA) {
      return lastComma;
    }
    if (lastComma >= 0 && lastDot >= 0) {
      return Math.max(lastComma, lastDot);
    }
    if (lastComma >= 0) {
      // 1,234 and 1,234,567 group thousands; a single comma before other than three digits, or
      // after a leading zero (0,125), is a decimal comma.
      boolean single = number.indexOf(',') == lastComma;
      boolean three = number.length() - lastComma - 1 == 3;
      return single && (!three || number.startsWith("0")) ? lastComma : -1;
    }
    return lastDot >= 0 && number.indexOf('.') == lastDot ? lastDot : -1;
  }

  /** Whether thousands are grouped with more than one kind of separator ({@code 1,234.567}). */
  private static boolean mixedSeparators(String whole) {
    char separator = 0;
    for (int i = 0; i < whole.length(); i++) {
      char c = whole.charAt(i);
      if (!Character.isDigit(c)) {
        if (separator != 0 && c != separator) {
          return true;
        }
        separator = c;
      }
    }
    return false;
  }
}
