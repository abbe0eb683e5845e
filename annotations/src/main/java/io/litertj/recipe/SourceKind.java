package io.litertj.recipe;

/** The kind of model a recipe starts from. */
public enum SourceKind {
  /** A TensorFlow SavedModel directory. */
  SAVED_MODEL,
  /** A Keras file; not converted by this build yet. */
  KERAS,
  /** A float {@code .tflite} file; not read by this build yet. */
  TFLITE
}
