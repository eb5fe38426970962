package io.rowspace.error;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a catalogued error message with parameters {@code {0}}, {@code {1}}, ... (every
 * index from 0 up used, none skipped), counted once and checked on every use. Arguments are
 * written with {@link String#valueOf(Object)}: no locale, no grouping of digits, so a message
 * reads the same on every machine. Every entry of {@link ErrorCode} fills its message here.
 */
public final class MessageTemplate {
  private static final Pattern PARAMETER = Pattern.compile("\\{(\\d+)}");

  private final String text;
  private final int parameterCount;

  /**
   * A template.
   *
   * @throws IllegalStateException if the parameters are not {0} to {n} without gaps
   */
  public MessageTemplate(String text) {
    this.text = text;
    this.parameterCount = countParameters(text);
  }

  /** The message with its parameters unfilled. */
  public String text() {
    return text;
  }

  public int parameterCount() {
    return parameterCount;
  }

  /**
   * The message with {@code {i}} replaced by the i-th argument.
   *
   * @param owner the name of the catalogue entry, for the failure message
   * @throws IllegalArgumentException if the count of arguments is not the message's
   */
  public String fill(String owner, Object... arguments) {
    if (arguments.length != parameterCount) {
      throw new IllegalArgumentException("Error " + owner + " takes " + parameterCount
          + " arguments, got " + arguments.length);
    }
    Matcher parameter = PARAMETER.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (parameter.find()) {
      parameter.appendReplacement(filled, Matcher.quoteReplacement(
          String.valueOf(arguments[Integer.parseInt(parameter.group(1))])));
    }
    parameter.appendTail(filled);
    return filled.toString();
  }

  private static int countParameters(String text) {
    Matcher parameter = PARAMETER.matcher(text);
    BitSet used = new BitSet();
    while (parameter.find()) {
      used.set(Integer.parseInt(parameter.group(1)));
    }
    if (used.nextClearBit(0) != used.length()) {
      throw new IllegalStateException("Parameters of an error message must be {0} to {n} "
          + "without gaps: " + text);
    }
    return used.length();
  }
}
