package io.litertj.tfgraph;

import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import org.tensorflow.proto.TensorShapeProto;

/** Maps TensorFlow's dtypes and shapes to the IR's. */
public final class TfTypes {

  private TfTypes() {}

  /** The IR type of a TF dtype, or null when LiteRT has no such type (resource, variant, ...). */
  public static DataType toIr(org.tensorflow.proto.DataType dtype) {
    return switch (dtype) {
      case DT_FLOAT, DT_FLOAT_REF -> DataType.FLOAT32;
      case DT_HALF, DT_HALF_REF -> DataType.FLOAT16;
      case DT_DOUBLE, DT_DOUBLE_REF -> DataType.FLOAT64;
      case DT_INT32, DT_INT32_REF -> DataType.INT32;
      case DT_INT64, DT_INT64_REF -> DataType.INT64;
      case DT_INT16, DT_INT16_REF -> DataType.INT16;
      case DT_INT8, DT_INT8_REF -> DataType.INT8;
      case DT_UINT8, DT_UINT8_REF -> DataType.UINT8;
      case DT_BOOL, DT_BOOL_REF -> DataType.BOOL;
      case DT_STRING, DT_STRING_REF -> DataType.STRING;
      default -> null;
    };
  }

  /** The IR shape of a TF shape; null when the rank is unknown. Unknown dims become -1. */
  public static Shape toIr(TensorShapeProto shape) {
    if (shape.getUnknownRank()) {
      return null;
    }
    int[] dims = new int[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      long size = shape.getDim(i).getSize();
      dims[i] = size < 0 ? -1 : (int) Math.min(size, Integer.MAX_VALUE);
    }
    return Shape.of(dims);
  }
}
