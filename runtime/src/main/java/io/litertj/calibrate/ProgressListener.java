package io.litertj.calibrate;

/** Hears how far a long run over a dataset (calibration, the quality report) has come. */
@FunctionalInterface
public interface ProgressListener {

  /** Ignores progress. */
  ProgressListener NONE = (stage, done, total) -> {};

  /**
   * Called after each sample.
   *
   * @param stage what is running, e.g. {@code "calibration"}
   * @param done  samples finished so far
   * @param total samples in all
   */
  void onProgress(String stage, int done, int total);
}
