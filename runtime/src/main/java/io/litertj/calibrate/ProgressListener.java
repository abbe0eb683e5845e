package io.litertj.calibrate;

/**
 * Hears how far long work has come: runs over a dataset (calibration, the quality report), sample
 * by sample, and writing the model, byte by byte.
 */
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

  /**
   * Called while the model file is written (from the writer's threads, one call at a time).
   *
   * @param written bytes written so far
   * @param total   the file's size
   */
  default void onWriteProgress(long written, long total) {}
}
