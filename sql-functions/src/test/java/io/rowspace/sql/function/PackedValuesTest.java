package io.rowspace.sql.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Row values survive the packing between a rewritten query and the functions, whatever they hold. */
class PackedValuesTest {
  @Test
  void valuesWithSeparatorsEscapesAndNullsRoundTrip() {
    List<String> values = Arrays.asList("plain", null, "", "a;b", "back\\slash;", "=-;", "ü 1.5E0");
    assertEquals(values, PackedValues.unpack(PackedValues.pack(values)));
    assertEquals(List.of(), PackedValues.unpack(PackedValues.pack(List.of())));
  }

  @Test
  void malformedTextIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> PackedValues.unpack("=abc"));
    assertThrows(IllegalArgumentException.class, () -> PackedValues.unpack("x;"));
  }
}
