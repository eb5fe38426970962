package io.rowspace.engine.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** What the new encoders make of typical values. */
class ColumnEncodersTest {

  private static float[] features(ColumnEncoder encoder, Object value, int[] slots) {
    float[] f = new float[ColumnEncoder.FEATURES];
    assertTrue(encoder.encode(value, slots, f) >= 0, "readable: " + value);
    return f;
  }

  private static double distance(float[] a, float[] b, int from, int to) {
    double d = 0;
    for (int i = from; i < to; i++) {
      d += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(d);
  }

  @Test
  void timestampsAreCyclicalSoMidnightIsNearElevenAtNight() {
    Object[] values = {"2024-03-01 23:00:00", "2024-03-02 00:00:00", "2024-03-01 12:00:00",
        "2024-12-31T10:00:00Z", "2025-01-01T10:00:00Z", null};
    TimestampEncoder e = TimestampEncoder.fit("T", values);
    assertTrue(e.timeOfDay());
    int[] slots = new int[ColumnEncoder.SLOTS];
    float[] late = features(e, values[0], slots);
    float[] midnight = features(e, values[1], slots);
    float[] noon = features(e, values[2], slots);
    assertTrue(distance(late, midnight, 1, 3) < distance(late, noon, 1, 3),
        "hour of day is on a circle");
    float[] newYearsEve = features(e, values[3], slots);
    float[] newYear = features(e, values[4], slots);
    assertTrue(distance(newYearsEve, newYear, 7, 9) < 0.6, "December is next to January");
    assertEquals(0, e.encode(null, slots, new float[ColumnEncoder.FEATURES]),
        "missing has its own slot");
    assertEquals(-1, e.encode("someday", slots, new float[ColumnEncoder.FEATURES]));
  }

  @Test
  void emailsAreTakenApartIntoDomainTopLevelDomainAndFreeMailFlag() throws IOException {
    Object[] values = {"ann@gmail.com", "bob@acme.com", "carl@acme.com", "dora99@initech.de"};
    EmailEncoder e = EmailEncoder.fit("E", values);
    int[] gmail = new int[ColumnEncoder.SLOTS];
    int[] acme = new int[ColumnEncoder.SLOTS];
    int[] unseen = new int[ColumnEncoder.SLOTS];
    assertEquals(1f, features(e, "ann@gmail.com", gmail)[0], "free-mail flag");
    assertEquals(0f, features(e, "bob@acme.com", acme)[0]);
    features(e, "eve@newcorp.com", unseen);
    assertEquals(1, unseen[0], "an unseen domain takes the 'other' slot");
    assertEquals(acme[1], unseen[1], "but shares the .com slot with acme.com");
    assertNotEquals(gmail[0], acme[0]);
    assertFalse(e.readable("not an email"));
    assertEquals(e.vocabularySize(), roundTrip(e).vocabularySize());
  }

  @Test
  void urlsGiveHostSchemeAndPathDepth() {
    UrlEncoder e = UrlEncoder.fit("U", new Object[] {"https://www.shop.com/a/b?x=1",
        "http://blog.example.org/post", "shop.com"});
    int[] slots = new int[ColumnEncoder.SLOTS];
    float[] f = features(e, "https://shop.com/a/b?x=1", slots);
    assertEquals(1f, f[0], "https");
    assertEquals((float) Math.log1p(2), f[2], "two path segments");
    assertEquals(1f, f[3], "query string");
    int[] bare = new int[ColumnEncoder.SLOTS];
    features(e, "shop.com", bare);
    assertEquals(slots[0], bare[0], "www. and the scheme do not change the host");
  }

  @Test
  void scalarsAddRobustValueSignAndOutlierFlags() {
    Object[] values = new Object[101];
    for (int i = 0; i < 100; i++) {
      values[i] = (double) i;
    }
    values[100] = 10_000.0;
    ScalarEncoder e = ScalarEncoder.fit("X", io.rowspace.engine.profile.ValueKind.NUMBER, values);
    int[] slots = new int[ColumnEncoder.SLOTS];
    float[] median = features(e, 50.0, slots);
    float[] outlier = features(e, 10_000.0, slots);
    assertEquals(0f, median[3], 0.05f, "robust value is zero at the median");
    assertEquals(1f, median[4], "sign");
    assertEquals(0f, median[6]);
    assertEquals(1f, outlier[6], "high outlier flag");
  }

  private static ColumnEncoder roundTrip(ColumnEncoder e) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new RowEncoder(List.of(e)).write(new DataOutputStream(bytes));
    return RowEncoder.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
        ColumnEncoder.SLOTS, ColumnEncoder.FEATURES).encoders().get(0);
  }
}
