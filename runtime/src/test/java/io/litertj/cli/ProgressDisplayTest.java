package io.litertj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Off a terminal (as under Maven), progress is a line per tenth, or per 100 samples when the total is unknown. */
class ProgressDisplayTest {

  @Test
  void aLinePerTenthOfAKnownTotal() {
    List<String> lines = run(250, 250);
    assertEquals(11, lines.size(), lines.toString());
    assertEquals("calibration: 1/250 samples", lines.get(0));
    assertEquals("calibration: 25/250 samples", lines.get(1));
    assertEquals("calibration: 250/250 samples", lines.get(10));
  }

  @Test
  void aLinePerHundredWhenTheTotalIsUnknown() {
    assertEquals(List.of("calibration: 1 samples", "calibration: 100 samples", "calibration: 200 samples"),
        run(250, -1));
  }

  @Test
  void largeWritesInMegabytesSmallOnesNotAtAll() {
    StringWriter text = new StringWriter();
    ProgressDisplay display = new ProgressDisplay(new PrintWriter(text, true));
    display.onWriteProgress(10_000_000, 20_000_000);
    display.onWriteProgress(20_000_000, 20_000_000);
    assertEquals("", text.toString(), "a 20 MB file is written too fast for a display");
    long total = 200_000_000;
    for (long w = 0; w <= total; w += 4_000_000) {
      display.onWriteProgress(w, total);
    }
    display.onWriteProgress(total, total); // the writer's closing call repeats the total
    List<String> lines = text.toString().lines().toList();
    assertEquals(11, lines.size(), lines.toString());
    assertEquals("writing: 0/200 MB", lines.get(0));
    assertEquals("writing: 200/200 MB", lines.get(10));
  }

  private static List<String> run(int samples, int total) {
    StringWriter text = new StringWriter();
    ProgressDisplay display = new ProgressDisplay(new PrintWriter(text, true));
    for (int i = 1; i <= samples; i++) {
      display.onProgress("calibration", i, total);
    }
    return text.toString().lines().toList();
  }
}
