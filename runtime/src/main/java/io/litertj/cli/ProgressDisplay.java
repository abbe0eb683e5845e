package io.litertj.cli;

import io.litertj.calibrate.ProgressListener;
import java.io.PrintWriter;

/**
 * Shows how far calibration and the quality report have come, on stderr: one line per stage
 * that redraws itself on a terminal, and a line per tenth otherwise (logs, CI).
 */
final class ProgressDisplay implements ProgressListener {

  private final PrintWriter out;
  private final boolean terminal = System.console() != null;
  private String stage = "";
  private int lastTenth = -1;

  ProgressDisplay(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void onProgress(String stage, int done, int total) {
    if (!stage.equals(this.stage)) {
      this.stage = stage;
      lastTenth = -1;
    }
    if (total <= 0) { // unknown length: a line every 100 samples
      if (done == 1 || done % 100 == 0) {
        out.println(String.format("%s: %d samples", stage, done));
        out.flush();
      }
      return;
    }
    int tenth = done * 10 / total;
    if (terminal) {
      out.print(String.format("\r%s: %d/%d samples", stage, done, total));
      if (done >= total) {
        out.println();
      }
      out.flush();
    } else if (tenth != lastTenth) {
      lastTenth = tenth;
      out.println(String.format("%s: %d/%d samples", stage, done, total));
    }
  }
}
