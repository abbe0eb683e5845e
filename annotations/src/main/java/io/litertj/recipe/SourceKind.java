package io.litertj.recipe;

/** The kind of model a recipe starts from. */
public enum SourceKind {
  /** A TensorFlow SavedModel directory. */
  SAVED_MODEL,
  /** A Keras model file, {@code .keras} or legacy {@code .h5}. */
  KERAS,
  /** A {@code .tflite} file from any tool, to quantize or rewrite. */
  TFLITE
}
