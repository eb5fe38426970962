package io.rowspace.engine.encode;

import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Encodes dates and timestamps (SQL ones, and ISO strings) as time decomposed: cyclical features
 * (sine and cosine of hour of day, day of week, day of month and month of year, so that 23:00 is
 * near 00:00 and December near January), the standardised linear time, and a learned embedding
 * per quantile bin of time. Missing values have their own learned slot. Date-only columns leave
 * the hour features at zero. Times are read as UTC wall-clock times.
 */
public final class TimestampEncoder extends ColumnEncoder {
  static final int BINS = 16;
  private static final float CLIP = 5f;
  private static final double SECONDS_PER_DAY = 86_400.0;

  private final double mean;
  private final double std;
  private final boolean timeOfDay;
  private final double[] binEdges;

  private TimestampEncoder(String name, double mean, double std, boolean timeOfDay,
      double[] binEdges) {
    super(name, ValueKind.TEMPORAL);
    this.mean = mean;
    this.std = std;
    this.timeOfDay = timeOfDay;
    this.binEdges = binEdges;
  }

  static TimestampEncoder fit(String name, Object[] values) {
    double[] days = new double[values.length];
    int n = 0;
    boolean timeOfDay = false;
    for (Object v : values) {
      if (ValueParser.isMissing(v, ValueKind.TEMPORAL)) {
        continue;
      }
      double d = ValueParser.number(v, ValueKind.TEMPORAL);
      if (Double.isFinite(d)) {
        days[n++] = d;
        timeOfDay |= d != Math.floor(d);
      }
    }
    days = Arrays.copyOf(days, n);
    Arrays.sort(days);
    double mean = 0;
    for (double d : days) {
      mean += d;
    }
    mean /= Math.max(1, n);
    double var = 0;
    for (double d : days) {
      var += (d - mean) * (d - mean);
    }
    double std = Math.sqrt(var / Math.max(1, n - 1));
    double[] edges = new double[BINS - 1];
    int e = 0;
    for (int i = 1; i < BINS && n > 0; i++) {
      double q = days[(int) Math.min(n - 1, Math.floor(i / (double) BINS * n))];
      if (e == 0 || q > edges[e - 1]) {
        edges[e++] = q;
      }
    }
    return new TimestampEncoder(name, mean, std > 0 ? std : 1, timeOfDay, Arrays.copyOf(edges, e));
  }

  /** Whether the column holds times of day, not only dates. */
  public boolean timeOfDay() {
    return timeOfDay;
  }

  @Override
  public int vocabularySize() {
    return binEdges.length + 2;
  }

  @Override
  public String readsAs() {
    return "dates or timestamps";
  }

  @Override
  int encode(Object value, int[] slots, float[] features) {
    if (isMissing(value)) {
      return single(0, slots);
    }
    double days = ValueParser.number(value, ValueKind.TEMPORAL);
    if (!Double.isFinite(days)) {
      return -1;
    }
    features[0] = (float) Math.max(-CLIP, Math.min(CLIP, (days - mean) / std));
    long seconds = (long) Math.floor(days * SECONDS_PER_DAY);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    if (timeOfDay) {
      cycle(features, 1, t.getHour() + t.getMinute() / 60.0, 24);
    }
    cycle(features, 3, t.getDayOfWeek().getValue() - 1, 7);
    cycle(features, 5, t.getDayOfMonth() - 1, t.toLocalDate().lengthOfMonth());
    cycle(features, 7, t.getMonthValue() - 1 + (t.getDayOfMonth() - 1) / 31.0, 12);
    int bin = 0;
    while (bin < binEdges.length && days >= binEdges[bin]) {
      bin++;
    }
    return single(1 + bin, slots);
  }

  private static void cycle(float[] features, int at, double position, double period) {
    double angle = 2 * Math.PI * position / period;
    features[at] = (float) Math.sin(angle);
    features[at + 1] = (float) Math.cos(angle);
  }

  @Override
  float sameValueKey(Object value, int slot) {
    if (slot <= 0) {
      return MISSING_KEY;
    }
    return (float) ValueParser.number(value, ValueKind.TEMPORAL);
  }

  @Override
  void write(DataOutput out) throws IOException {
    out.writeByte(3);
    ModelFile.writeText(out, name());
    ModelFile.writeText(out, kind().name());
    out.writeDouble(mean);
    out.writeDouble(std);
    out.writeBoolean(timeOfDay);
    out.writeInt(binEdges.length);
    for (double b : binEdges) {
      out.writeDouble(b);
    }
  }

  static TimestampEncoder read(String name, DataInput in) throws IOException {
    double mean = in.readDouble();
    double std = in.readDouble();
    boolean timeOfDay = in.readBoolean();
    int nb = in.readInt();
    if (nb < 0 || nb >= BINS) {
      throw new IOException("timestamp encoder of '" + name + "' has " + nb + " bin edges");
    }
    double[] b = new double[nb];
    for (int i = 0; i < nb; i++) {
      b[i] = in.readDouble();
    }
    return new TimestampEncoder(name, mean, std, timeOfDay, b);
  }
}
