package io.litertj.tflite;

import io.litertj.tflite.schema.BuiltinOperator;
import io.litertj.tflite.schema.TensorType;

/** Readable names for LiteRT enum codes, for error messages; unknown codes are shown by number. */
final class SchemaNames {

  private SchemaNames() {}

  static String operator(int code) {
    String name = code >= 0 && code < BuiltinOperator.names.length ? BuiltinOperator.names[code] : "";
    return name.isEmpty() ? "builtin operator " + code : name + " (" + code + ")";
  }

  static String tensorType(int code) {
    String name = code >= 0 && code < TensorType.names.length ? TensorType.names[code] : "";
    return name.isEmpty() ? "code " + code : name;
  }
}
