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

  private static List<String> run(int samples, int total) {
    StringWriter text = new StringWriter();
    ProgressDisplay display = new ProgressDisplay(new PrintWriter(text, true));
    for (int i = 1; i <= samples; i++) {
      display.onProgress("calibration", i, total);
    }
    return text.toString().lines().toList();
  }
}
