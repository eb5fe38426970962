package io.rowspace.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A split holds every row once, and the same seed gives the split the tests always used. */
class TrainTestSplitTest {
  @Test
  void everyRowOnceInAscendingOrder() {
    TrainTestSplit split = TrainTestSplit.of(101, 0.25, new Random(7));
    assertEquals(25, split.test().length);
    assertEquals(76, split.train().length);
    int[] all = IntStream.concat(IntStream.of(split.train()), IntStream.of(split.test()))
        .sorted().toArray();
    assertArrayEquals(IntStream.range(0, 101).toArray(), all);
    assertArrayEquals(IntStream.of(split.test()).sorted().toArray(), split.test());
  }

  @Test
  void theSameRowsAsAShuffledListWithTheSameSeed() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(11));
    int[] test = order.subList(0, 10).stream().mapToInt(Integer::intValue).sorted().toArray();
    assertArrayEquals(test, TrainTestSplit.of(50, 0.2, new Random(11)).test());
  }
}
