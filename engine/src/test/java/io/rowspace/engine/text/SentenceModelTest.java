package io.rowspace.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bundled model loads offline, gives close vectors to close meanings, and is repeatable. */
class SentenceModelTest {

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  @Test
  void closeMeaningsGetCloserVectorsThanUnrelatedOnes() {
    SentenceModel.Loading loading = SentenceModel.shared();
    assertTrue(loading.loaded(), String.valueOf(loading.failure()));
    long started = System.nanoTime();
    float[][] v = loading.model().embed(List.of("registered nurse", "nurse", "truck driver",
        "crimson", "red"));
    System.out.printf(Locale.ROOT, "5 texts in %.1f ms%n", (System.nanoTime() - started) / 1e6);
    assertEquals(SentenceModel.DIMENSION, v[0].length);
    assertEquals(1.0, cosine(v[0], v[0]), 1e-4, "unit length");
    assertTrue(cosine(v[0], v[1]) > cosine(v[0], v[2]) + 0.2, "nurse is closer to nurse");
    assertTrue(cosine(v[3], v[4]) > cosine(v[3], v[2]) + 0.2, "crimson is closer to red");
  }

  @Test
  void aTextGetsTheSameBitsAloneAndAmongOthers() {
    SentenceModel model = SentenceModel.shared().model();
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      many.add("value number " + i + " of a long list");
    }
    long started = System.nanoTime();
    float[][] all = model.embed(many);
    System.out.printf(Locale.ROOT, "64 texts in %.1f ms%n", (System.nanoTime() - started) / 1e6);
    float[][] alone = model.embed(List.of(many.get(17)));
    assertArrayEquals(all[17], alone[0]);
    assertArrayEquals(all[17], model.embed(many)[17]);
  }

  @Test
  void aMissingModelFileIsReportedWithTheFix() {
    SentenceModel.Loading loading = SentenceModel.load(SentenceModelTest.class.getClassLoader(),
        "no-such-model.onnx", SentenceModel.TOKENIZER_RESOURCE);
    assertFalse(loading.loaded());
    assertTrue(loading.failure().contains("no-such-model.onnx"), loading.failure());
    assertTrue(loading.failure().contains("sentence_model = false"), loading.failure());
  }
}
