package io.rowspace.engine.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The numbers queries pass as typed values ({@code Double}, {@code Integer}, {@code Long}) read
 * as the same doubles as their decimal text does, so a model sees the same inputs whether the
 * value came typed or as text.
 */
class TypedNumbersTest {

  @Test
  void doublesReadAsTheirDecimalText() {
    Random random = new Random(41);
    double[] edges = {0.0, -0.0, 1e-310, -1e-310, Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 0.23,
        61.5, 326, 1e22, 123456789.123456789, -3.95};
    for (double v : edges) {
      assertSame(v);
    }
    for (int i = 0; i < 100_000; i++) {
      double v = switch (i % 3) {
        case 0 -> random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
        case 1 -> Math.round(random.nextDouble() * 1e6) / 100.0;
        default -> Double.longBitsToDouble(random.nextLong());
      };
      if (Double.isFinite(v)) {
        assertSame(v);
      }
    }
    assertEquals(Double.NaN, ValueParser.number(Double.NaN, ValueKind.NUMBER));
    assertEquals(Double.NaN, ValueParser.number(Double.POSITIVE_INFINITY, ValueKind.NUMBER));
  }

  @Test
  void integersReadAsTheirDecimalText() {
    Random random = new Random(43);
    long[] edges = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, -(1L << 60) - 3};
    for (long v : edges) {
      assertEquals(new BigDecimal(Long.toString(v)).doubleValue(),
          ValueParser.number(v, ValueKind.NUMBER), Long.toString(v));
    }
    for (int i = 0; i < 100_000; i++) {
      long v = random.nextLong() >> random.nextInt(64);
      assertEquals(new BigDecimal(Long.toString(v)).doubleValue(),
          ValueParser.number(v, ValueKind.NUMBER), Long.toString(v));
      int n = (int) v;
      assertEquals(new BigDecimal(Integer.toString(n)).doubleValue(),
          ValueParser.number(n, ValueKind.NUMBER), Integer.toString(n));
    }
  }

  private static void assertSame(double v) {
    double text = ValueParser.number(Double.toString(v), ValueKind.NUMBER);
    double typed = ValueParser.number(v, ValueKind.NUMBER);
    assertEquals(Double.doubleToRawLongBits(text), Double.doubleToRawLongBits(typed),
        Double.toString(v));
  }
}
