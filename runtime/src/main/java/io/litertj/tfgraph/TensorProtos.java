package io.litertj.tfgraph;

import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.proto.TensorProto;

/**
 * Decodes the values of a {@code TensorProto} (a Const node's value) into little-endian bytes.
 * TensorFlow stores either raw {@code tensor_content} or typed repeated fields, where a single
 * value stands for a tensor filled with it.
 */
public final class TensorProtos {

  /** Constants beyond this are refused rather than allocated: no sane graph embeds them. */
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  /**
   * A constant stored as one repeated value is expanded here; a file a few bytes long must not
   * make us allocate gigabytes.
   */
  private static final long MAX_EXPANDED_BYTES = 256L << 20;

  private TensorProtos() {}

  /** The decoded value; throws IllegalArgumentException on malformed or unsupported content. */
  public static ConstantData decode(TensorProto proto, DataType type, Shape shape) {
    long n = shape.numElements();
    if (!shape.isStatic() || type.byteSize() <= 0 || n > MAX_BYTES / type.byteSize()) {
      throw new IllegalArgumentException("constant of shape " + shape + " is too large or not static");
    }
    int size = (int) (n * type.byteSize());
    if (!proto.getTensorContent().isEmpty()) {
      if (proto.getTensorContent().size() != size) {
        throw new IllegalArgumentException("tensor_content has " + proto.getTensorContent().size()
            + " bytes, expected " + size + " for " + type + shape);
      }
      return ConstantData.of(proto.getTensorContent().asReadOnlyByteBuffer());
    }
    int count = valueCount(proto, type);
    if (count <= 1 && size > MAX_EXPANDED_BYTES) {
      throw new IllegalArgumentException("a constant of " + size + " bytes is filled from a single value; "
          + "more than " + MAX_EXPANDED_BYTES + " bytes is refused");
    }
    if (count > 1 && count != n) {
      throw new IllegalArgumentException("constant has " + count + " values for " + n + " elements");
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    if (count == 0) {
      return ConstantData.of(out);
    }
    for (int i = 0; i < n; i++) {
      int j = count == 1 ? 0 : i;
      switch (type) {
        case FLOAT32 -> out.putFloat(proto.getFloatVal(j));
        case FLOAT64 -> out.putDouble(proto.getDoubleVal(j));
        case INT32 -> out.putInt(proto.getIntVal(j));
        case INT16 -> out.putShort((short) proto.getIntVal(j));
        case INT8, UINT8 -> out.put((byte) proto.getIntVal(j));
        case INT64 -> out.putLong(proto.getInt64Val(j));
        case BOOL -> out.put((byte) (proto.getBoolVal(j) ? 1 : 0));
        case FLOAT16 -> out.putShort((short) proto.getHalfVal(j));
        default -> throw new IllegalArgumentException("constants of type " + type + " are not supported");
      }
    }
    out.flip();
    return ConstantData.of(out);
  }

  private static int valueCount(TensorProto proto, DataType type) {
    return switch (type) {
      case FLOAT32 -> proto.getFloatValCount();
      case FLOAT64 -> proto.getDoubleValCount();
      case INT32, INT16, INT8, UINT8 -> proto.getIntValCount();
      case INT64 -> proto.getInt64ValCount();
      case BOOL -> proto.getBoolValCount();
      case FLOAT16 -> proto.getHalfValCount();
      default -> throw new IllegalArgumentException("constants of type " + type + " are not supported");
    };
  }
}
