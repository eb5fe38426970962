package io.rowspace.engine.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Texts of any length survive a model file; short ones keep writeUTF's bytes. */
class ModelFileTextTest {
  @Test
  void aTextOverSixtyFourKilobytesRoundTrips() throws IOException {
    String text = "тест 日本 😀 ".repeat(10_000);
    assertEquals(text, roundTrip(text));
    assertEquals("x".repeat(70_000), roundTrip("x".repeat(70_000)));
  }

  @Test
  void textsAtTheOldLimitAndTheMarkerItselfRoundTrip() throws IOException {
    assertEquals("y".repeat(65_535), roundTrip("y".repeat(65_535)));
    assertEquals("y".repeat(65_536), roundTrip("y".repeat(65_536)));
    String marker = "\uFFFF\u0000rowspace-long-text";
    assertEquals(marker, roundTrip(marker));
    assertEquals("", roundTrip(""));
  }

  @Test
  void shortTextsAreWrittenAsWriteUtfWroteThemSoOldFilesLoad() throws IOException {
    ByteArrayOutputStream old = new ByteArrayOutputStream();
    new DataOutputStream(old).writeUTF("category é");
    ByteArrayOutputStream now = new ByteArrayOutputStream();
    ModelFile.writeText(new DataOutputStream(now), "category é");
    assertArrayEquals(old.toByteArray(), now.toByteArray());
  }

  private static String roundTrip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelFile.writeText(new DataOutputStream(bytes), text);
    return ModelFile.readText(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }
}
