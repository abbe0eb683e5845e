package io.litertj.checkpoint;

import io.litertj.ConversionException;
import java.io.IOException;
import java.nio.file.Path;

/** The few kinds of checkpoint failure, each with the advice a user can act on. */
final class CheckpointErrors {

  static final String CORRUPT_HINT = "the checkpoint is corrupt or was truncated during copying; copy the"
      + " SavedModel's variables/ directory again or re-export the SavedModel";

  private CheckpointErrors() {}

  /** The bytes on disk contradict the format. */
  static ConversionException corrupt(Path file, String what) {
    return ConversionException.builder("corrupt TensorFlow checkpoint: " + what).file(file).hint(CORRUPT_HINT).build();
  }

  static ConversionException corrupt(Path file, String what, Throwable cause) {
    return ConversionException.builder("corrupt TensorFlow checkpoint: " + what)
        .file(file)
        .hint(CORRUPT_HINT)
        .cause(cause)
        .build();
  }

  /** A file the checkpoint needs does not exist. */
  static ConversionException missing(Path file, String what, String hint, Throwable cause) {
    return ConversionException.builder(what).file(file).hint(hint).cause(cause).build();
  }

  /** The operating system refused to read a file. */
  static ConversionException unreadable(Path file, IOException e) {
    return io.litertj.files.FileErrors.reading("the checkpoint file", file, e)
        .hint("check that the file exists and is readable")
        .build();
  }

  /** The file is well-formed but uses a feature this reader does not implement. */
  static ConversionException unsupported(Path file, String what, String hint) {
    return ConversionException.builder("unsupported TensorFlow checkpoint: " + what).file(file).hint(hint).build();
  }
}
