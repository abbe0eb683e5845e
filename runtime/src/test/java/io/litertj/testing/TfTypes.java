package io.litertj.testing;

import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/** Maps {@link ElementType} to TF Java's types and back. */
final class TfTypes {
  private TfTypes() {}

  /** Offset of TF1's reference dtypes ({@code DT_FLOAT_REF} = {@code DT_FLOAT} + 100). */
  private static final int REF_OFFSET = 100;

  /** Our type for a TF dtype (a {@code _REF} dtype counts as its base); throws for other dtypes. */
  static ElementType fromDataType(DataType dt, String what) {
    if (dt != DataType.UNRECOGNIZED && dt.getNumber() > REF_OFFSET) {
      DataType base = DataType.forNumber(dt.getNumber() - REF_OFFSET);
      dt = base == null ? dt : base;
    }
    return switch (dt) {
      case DT_FLOAT -> ElementType.FLOAT32;
      case DT_HALF -> ElementType.FLOAT16;
      case DT_DOUBLE -> ElementType.FLOAT64;
      case DT_INT32 -> ElementType.INT32;
      case DT_INT64 -> ElementType.INT64;
      case DT_INT16 -> ElementType.INT16;
      case DT_INT8 -> ElementType.INT8;
      case DT_UINT8 -> ElementType.UINT8;
      case DT_BOOL -> ElementType.BOOL;
      case DT_STRING -> ElementType.STRING;
      default -> throw new IllegalStateException(what + " has dtype " + dt + ", which the oracles do not handle");
    };
  }

  /**
   * TF Java's class for our type. TF Java 1.1.0 has no class for INT8 or INT16, so tensors of those
   * types cannot be fed or built.
   */
  static Class<? extends TType> typeClass(ElementType type) {
    return switch (type) {
      case FLOAT32 -> TFloat32.class;
      case FLOAT16 -> TFloat16.class;
      case FLOAT64 -> TFloat64.class;
      case INT32 -> TInt32.class;
      case INT64 -> TInt64.class;
      case UINT8 -> TUint8.class;
      case BOOL -> TBool.class;
      case STRING -> TString.class;
      case INT8, INT16 -> throw new UnsupportedOperationException(
          "TF Java 1.1.0 has no tensor class for " + type + " (no TInt8/TInt16)");
    };
  }
}
