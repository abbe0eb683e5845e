package io.litertj.cli;

import io.litertj.calibrate.ProgressListener;
import java.io.PrintWriter;

/**
 * Shows how far calibration, the quality report and writing a large model have come, on stderr:
 * one line per stage that redraws itself on a terminal, and a line per tenth otherwise (logs, CI).
 */
final class ProgressDisplay implements ProgressListener {

  /** Smaller files are written too fast to be worth a display. */
  static final long WRITE_DISPLAY_MIN_BYTES = 64L << 20;

  private final PrintWriter out;
  private final boolean terminal = System.console() != null;
  private String stage = "";
  private int lastTenth = -1;

  ProgressDisplay(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void onWriteProgress(long written, long total) {
    if (total < WRITE_DISPLAY_MIN_BYTES) {
      return;
    }
    long mb = 1_000_000;
    show("writing", (int) Math.min(Integer.MAX_VALUE, written / mb), (int) Math.max(1, total / mb), "MB");
  }

  @Override
  public synchronized void onProgress(String stage, int done, int total) {
    if (total <= 0) { // unknown length: a line every 100 samples
      if (done == 1 || done % 100 == 0) {
        out.println(String.format("%s: %d samples", stage, done));
        out.flush();
      }
      return;
    }
    show(stage, done, total, "samples");
  }

  private void show(String stage, int done, int total, String unit) {
    if (!stage.equals(this.stage)) {
      this.stage = stage;
      lastTenth = -1;
    }
    int tenth = (int) (done * 10L / total);
    if (tenth == lastTenth) {
      return; // a line (or a redraw) per tenth
    }
    lastTenth = tenth;
    String line = String.format("%s: %d/%d %s", stage, done, total, unit);
    if (terminal) {
      out.print("\r" + line);
      if (done >= total) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }
}
