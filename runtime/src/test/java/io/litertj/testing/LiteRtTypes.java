package io.litertj.testing;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteBool;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat16;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat64;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt16;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt64;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt8;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteString;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteUInt8;

/** Maps LiteRT's {@code TfLiteType} codes to {@link ElementType}. */
final class LiteRtTypes {
  private LiteRtTypes() {}

  /** Our type for a LiteRT type code; throws for the types the oracles do not handle. */
  static ElementType elementType(int tfLiteType, String tensorName) {
    if (tfLiteType == kTfLiteFloat32) return ElementType.FLOAT32;
    if (tfLiteType == kTfLiteFloat16) return ElementType.FLOAT16;
    if (tfLiteType == kTfLiteFloat64) return ElementType.FLOAT64;
    if (tfLiteType == kTfLiteInt32) return ElementType.INT32;
    if (tfLiteType == kTfLiteInt64) return ElementType.INT64;
    if (tfLiteType == kTfLiteInt16) return ElementType.INT16;
    if (tfLiteType == kTfLiteInt8) return ElementType.INT8;
    if (tfLiteType == kTfLiteUInt8) return ElementType.UINT8;
    if (tfLiteType == kTfLiteBool) return ElementType.BOOL;
    if (tfLiteType == kTfLiteString) return ElementType.STRING;
    throw new IllegalStateException("tensor '" + tensorName + "' has LiteRT type " + tfLiteType
        + ", which the oracles do not handle");
  }
}
