package io.litertj.ir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A value in the graph: an operator output, a subgraph input, or a constant. Identity matters:
 * operators refer to tensor objects, and rewrites replace one object with another.
 */
public final class Tensor {

  private String name;
  private DataType type;
  private Shape shape;
  private ConstantData data;
  private QuantizationParams quantization;
  private boolean variable;

  public Tensor(String name, DataType type, Shape shape) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.shape = Objects.requireNonNull(shape, "shape");
  }

  public static Tensor constant(String name, DataType type, Shape shape, ConstantData data) {
    Tensor t = new Tensor(name, type, shape);
    t.setData(data);
    return t;
  }

  public String name() {
    return name;
  }

  public void setName(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  public DataType type() {
    return type;
  }

  public void setType(DataType type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  public Shape shape() {
    return shape;
  }

  public void setShape(Shape shape) {
    this.shape = Objects.requireNonNull(shape, "shape");
  }

  public boolean isConstant() {
    return data != null;
  }

  /** The constant bytes, or {@code null} for a computed tensor. */
  public ConstantData data() {
    return data;
  }

  public void setData(ConstantData data) {
    if (data != null && type.byteSize() > 0 && shape.isStatic()
        && data.byteSize() != shape.numElements() * type.byteSize()) {
      throw new IllegalArgumentException("constant " + name + " has " + data.byteSize() + " bytes, but "
          + type + shape + " needs " + shape.numElements() * type.byteSize());
    }
    this.data = data;
  }

  /**
   * Whether the tensor carries a scale (quantization params from older converters may hold only a
   * float tensor's min and max).
   */
  public boolean isQuantized() {
    return quantization != null && quantization.scales().length > 0;
  }

  public QuantizationParams quantization() {
    return quantization;
  }

  public void setQuantization(QuantizationParams quantization) {
    this.quantization = quantization;
  }

  /**
   * A variable (state) tensor, such as a fused LSTM's or RNN's state: LiteRT allocates it once
   * and keeps its value between invocations. It has no constant data.
   */
  public boolean isVariable() {
    return variable;
  }

  public void setVariable(boolean variable) {
    this.variable = variable;
  }

  /** Constant bytes as a little-endian buffer; fails if this tensor is not constant. */
  public ByteBuffer constantBytes() {
    if (data == null) {
      throw new IllegalStateException(name + " is not a constant");
    }
    return data.bytes().order(ByteOrder.LITTLE_ENDIAN);
  }

  public float[] constantFloats() {
    ByteBuffer bytes = constantBytes();
    float[] out = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(out);
    return out;
  }

  /** Integer constant values, widened to long, for INT32 and INT64 tensors. */
  public long[] constantLongs() {
    ByteBuffer bytes = constantBytes();
    return switch (type) {
      case INT32 -> {
        int[] ints = new int[bytes.remaining() / 4];
        bytes.asIntBuffer().get(ints);
        long[] out = new long[ints.length];
        for (int i = 0; i < ints.length; i++) {
          out[i] = ints[i];
        }
        yield out;
      }
      case INT64 -> {
        long[] out = new long[bytes.remaining() / 8];
        bytes.asLongBuffer().get(out);
        yield out;
      }
      default -> throw new IllegalStateException(name + " is " + type + ", not an integer constant");
    };
  }

  @Override
  public String toString() {
    return name + ":" + type + shape + (data != null ? " const" : "");
  }
}
