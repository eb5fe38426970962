package io.rowspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress as a redrawn bar on terminals and as sparse lines in logs. */
class ProgressBarTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void logsGetAtMostOneLinePerFivePercentAndPerPhase() {
    ProgressBar bar = new ProgressBar(err, false, 80, System::nanoTime);
    for (int step = 1; step <= 1000; step++) {
      bar.progress("training space CREDIT_SPACE", step, 1000, "loss 0.5");
    }
    bar.progress("calibrating", 0, 0, "");
    bar.progress("calibrating", 1, 0, "");
    bar.finish();
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(22, lines.size(), String.join("\n", lines));
    assertEquals("training space CREDIT_SPACE: 0% (1/1000) loss 0.5", lines.get(0));
    assertEquals("training space CREDIT_SPACE: 5% (50/1000) loss 0.5", lines.get(1));
    assertEquals("training space CREDIT_SPACE: 100% (1000/1000) loss 0.5", lines.get(20));
    assertEquals("calibrating: step 0", lines.get(21));
  }

  @Test
  void terminalsGetOneLineRedrawnInPlacePerPhase() {
    AtomicLong now = new AtomicLong();
    ProgressBar bar = new ProgressBar(err, true, 60, now::get);
    bar.progress("training", 1, 4, "");
    now.addAndGet(10_000_000L);
    bar.progress("training", 2, 4, "");
    now.addAndGet(200_000_000L);
    bar.progress("training", 3, 4, "");
    bar.progress("training", 4, 4, "done");
    bar.progress("predictor", 1, 2, "");
    bar.finish();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(4, text.split("\r", -1).length - 1, text);
    // 60 columns: the bar takes the 37 cells the text leaves, the last column stays free.
    assertTrue(text.contains("\r[#########----------------------------]  25% training (1/4)\033[K"), text);
    assertTrue(text.contains("100% training (4/4)  done\033[K\n\r"), text);
    assertTrue(text.endsWith("predictor (1/2)\033[K\n"), text);
  }

  @Test
  void theBarFollowsTheTerminalsWidth() {
    java.util.concurrent.atomic.AtomicInteger columns = new java.util.concurrent.atomic.AtomicInteger(120);
    AtomicLong now = new AtomicLong();
    ProgressBar bar = new ProgressBar(err, true, columns::get, now::get);
    bar.progress("importing into sales", 1, 2, "");
    columns.set(40);
    now.addAndGet(200_000_000L);
    bar.progress("importing into sales", 2, 2, "");
    bar.finish();
    String[] lines = bytes.toString(StandardCharsets.UTF_8).replace("\033[K", "").split("[\r\n]+");
    assertEquals(119, lines[1].length(), lines[1]);
    assertTrue(lines[1].endsWith("-]  50% importing into sales (1/2)"), lines[1]);
    assertEquals(39, lines[2].length(), lines[2]);
    assertTrue(lines[2].startsWith("[##########] 100% importing"), lines[2]);
  }
}
