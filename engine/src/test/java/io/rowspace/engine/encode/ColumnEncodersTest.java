package io.rowspace.engine.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rowspace.engine.data.ColumnSchema;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.text.SentenceModel;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Types;
import java.util.List;

/** What the encoders make of typical values, sentence vectors included. */
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
    ScalarEncoder e = ScalarEncoder.fit("X", ValueKind.NUMBER, values);
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

  @Test
  void sentenceVectorsAreRoundedToBfloat16AndSurviveSavingBitForBit() throws IOException {
    float[] rounded = SentenceVectors.roundToBfloat16(new float[] {1.0f, 0.1f, -0.3333f, 1e-30f});
    assertEquals(1.0f, rounded[0]);
    for (float f : rounded) {
      assertEquals(0, Float.floatToRawIntBits(f) & 0xFFFF, "low 16 bits cleared: " + f);
    }
    assertTrue(Math.abs(rounded[1] - 0.1f) < 0.1f / 128, "8 significant bits: " + rounded[1]);
    assertEquals(SentenceVectors.roundToBfloat16(rounded)[2], rounded[2], "rounding is stable");

    Object[] values = {"nurse", "nurse", "surgeon", "teacher", null};
    CategoricalEncoder e = CategoricalEncoder.fit("JOB", ValueKind.TEXT,
        values, SentenceModel.shared().model());
    assertEquals(3, e.sentences().size());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    e.write(new DataOutputStream(bytes));
    ColumnEncoder read = ColumnEncoder.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    String[] keys = {"nurse", "surgeon", null};
    float[][] before = e.sentences().lookup(keys, false);
    float[][] after = read.sentences().lookup(keys, false);
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(before[i], after[i]);
    }
    assertEquals(null, after[2], "missing values have no vector");
    assertEquals(null, read.sentences().lookup(new String[] {"midwife"}, false)[0],
        "unseen values are not embedded when not asked to");
    float[] midwife = read.sentences().lookup(new String[] {"midwife"}, true)[0];
    assertEquals(SentenceModel.DIMENSION, midwife.length);
    assertEquals(SentenceCells.GATED, read.sentenceUse(2), "known values mix by the gate");
    assertEquals(SentenceCells.ALONE, read.sentenceUse(1), "unseen values use the vector alone");
    assertEquals(SentenceCells.NONE, read.sentenceUse(0), "missing values have no sentence");
  }

  @Test
  void rowsCarryOneSentenceVectorPerDistinctValueAndBatchesOnlyTheOnesTheyUse() {
    Object[] notes = {"late delivery", "late delivery", "great support", null};
    TextEncoder text = TextEncoder.fit("NOTE", notes,
        SentenceModel.shared().model());
    ScalarEncoder amount = ScalarEncoder.fit("AMOUNT", ValueKind.NUMBER,
        new Object[] {1.0, 2.0, 3.0, 4.0});
    RowEncoder encoder = new RowEncoder(List.of(text, amount));
    assertEquals(SentenceModel.DIMENSION, encoder.sentenceDimension());
    Frame frame = Frame.ofRows(List.of(
        new ColumnSchema("NOTE", Types.VARCHAR, "VARCHAR"),
        new ColumnSchema("AMOUNT", Types.DOUBLE, "DOUBLE")),
        List.of(new Object[] {"late delivery", 1.0}, new Object[] {"late delivery", 2.0},
            new Object[] {"great support", 3.0}, new Object[] {null, 4.0}));
    EncodedRows rows = encoder.encode(frame);
    SentenceCells cells = rows.sentences();
    assertEquals(3, cells.tableRows(), "the zero row and two distinct notes");
    assertEquals(cells.rows()[0], cells.rows()[2], "same text, same vector");
    assertEquals(SentenceCells.ALONE, cells.use()[0]);
    assertEquals(SentenceCells.NONE, cells.use()[6], "missing text");
    assertEquals(SentenceCells.NONE, cells.use()[1], "scalar column");
    SentenceCells last = rows.select(new int[] {2, 3}).sentences();
    assertEquals(2, last.tableRows(), "a batch carries only the vectors it uses");
    assertEquals(1, last.rows()[0]);
  }

  @Test
  void aNumberFarBeyondTheOutlierFencesIsExtremeAndOrdinaryNumbersAreNot() {
    // Temperatures 10 to 26 (quartiles about 14 and 22), one reading of 95 among them.
    Object[] values = new Object[401];
    for (int i = 0; i < 400; i++) {
      values[i] = 10.0 + 16.0 * i / 399;
    }
    values[400] = 95.0;
    ScalarEncoder e = ScalarEncoder.fit("T", ValueKind.NUMBER, values);
    assertEquals(0.0, e.extremeness(26.0));
    assertEquals(0.0, e.extremeness(40.0), "inside three interquartile ranges of the quartiles");
    assertEquals(0.0, e.extremeness(null));
    assertEquals(0.0, e.extremeness("not a number"));
    double far = e.extremeness(95.0);
    // The upper fence is 22 + 3 * 8 = 46; a robust standard deviation is 8 / 1.349 = 5.9.
    assertTrue(far > 7.5 && far < 9, "95 is about 8.3 robust standard deviations past the "
        + "fence: " + far);
    assertTrue(e.extremeness(-60.0) > far, "the low side counts too");
  }
}
