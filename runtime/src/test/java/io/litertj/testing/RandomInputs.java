package io.litertj.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random inputs for a signature.
 *
 * <p>Each input gets its own generator, derived from the seed and the input's name, so the data for
 * one input does not change when inputs are added or reordered. By default: -1 dimensions become 2
 * (the batch), floats are uniform in [-1, 1), integers uniform in [-5, 5] (UINT8 in [0, 5]), BOOLs fair
 * coin flips.
 *
 * <pre>{@code
 * Map<String, TensorData> in = RandomInputs.seeded(42).batch(3).floats(0, 255).forSignature(spec);
 * }</pre>
 */
public final class RandomInputs {
  private final long seed;
  private int dynamicDim = 2;
  private double floatLow = -1;
  private double floatHigh = 1;
  private long intLow = -5;
  private long intHigh = 5;
  private final Map<String, long[]> shapes = new HashMap<>();

  private RandomInputs(long seed) {
    this.seed = seed;
  }

  /** A generator with default settings. */
  public static RandomInputs seeded(long seed) {
    return new RandomInputs(seed);
  }

  /** Shorthand for {@code seeded(seed).forSignature(signature)}. */
  public static Map<String, TensorData> forSignature(SignatureSpec signature, long seed) {
    return seeded(seed).forSignature(signature);
  }

  /** The size that replaces each -1 dimension (default 2). */
  public RandomInputs batch(int size) {
    this.dynamicDim = size;
    return this;
  }

  /** Floats uniform in {@code [low, high)} (default [-1, 1)). */
  public RandomInputs floats(double low, double high) {
    if (!(low < high)) {
      throw new IllegalArgumentException("empty float range [" + low + ", " + high + ")");
    }
    this.floatLow = low;
    this.floatHigh = high;
    return this;
  }

  /** Integers uniform in {@code [low, high]}, clamped to each type's range (default [-5, 5]). */
  public RandomInputs ints(long low, long high) {
    if (low > high) {
      throw new IllegalArgumentException("empty int range [" + low + ", " + high + "]");
    }
    this.intLow = low;
    this.intHigh = high;
    return this;
  }

  /** A fixed shape for one input: needed when its rank is unknown, or to pick other dynamic sizes. */
  public RandomInputs shape(String inputName, long... dims) {
    shapes.put(inputName, dims.clone());
    return this;
  }

  /** Data for every input of the signature, by input name, in the signature's order. */
  public Map<String, TensorData> forSignature(SignatureSpec signature) {
    return forInputs(signature.inputs());
  }

  /** Data for each of these inputs, by name, in order. */
  public Map<String, TensorData> forInputs(List<TensorSpec> inputs) {
    Map<String, TensorData> out = new LinkedHashMap<>();
    for (TensorSpec spec : inputs) {
      out.put(spec.name(), forInput(spec));
    }
    return out;
  }

  /** Data for one input, named like it. */
  public TensorData forInput(TensorSpec spec) {
    long[] shape = shapes.containsKey(spec.name()) ? shapes.get(spec.name()) : spec.concreteShape(dynamicDim);
    long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + spec.name().hashCode());
    ElementType type = spec.type();
    if (!type.hasFixedSize()) {
      throw new IllegalArgumentException("cannot make random " + type + " data for '" + spec.name() + "'");
    }
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(count * type.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < count; i++) {
      switch (type) {
        case FLOAT32 -> b.putFloat(nextFloat(random));
        case FLOAT16 -> b.putShort(Half.fromFloat(nextFloat(random)));
        case FLOAT64 -> b.putDouble(random.nextDouble(floatLow, floatHigh));
        case INT32 -> b.putInt((int) nextInt(random, Integer.MIN_VALUE, Integer.MAX_VALUE));
        case INT64 -> b.putLong(nextInt(random, Long.MIN_VALUE, Long.MAX_VALUE));
        case INT16 -> b.putShort((short) nextInt(random, Short.MIN_VALUE, Short.MAX_VALUE));
        case INT8 -> b.put((byte) nextInt(random, Byte.MIN_VALUE, Byte.MAX_VALUE));
        case UINT8 -> b.put((byte) nextInt(random, 0, 255));
        case BOOL -> b.put((byte) (random.nextBoolean() ? 1 : 0));
        default -> throw new IllegalStateException(type.toString());
      }
    }
    return new TensorData(spec.name(), type, shape, b.array());
  }

  private float nextFloat(SplittableRandom random) {
    float f = (float) random.nextDouble(floatLow, floatHigh);
    return f < floatHigh ? f : Math.nextDown((float) floatHigh); // rounding to float may reach high
  }

  private long nextInt(SplittableRandom random, long typeMin, long typeMax) {
    long low = Math.max(intLow, typeMin);
    long high = Math.min(intHigh, typeMax);
    if (low > high) {
      throw new IllegalArgumentException("int range [" + intLow + ", " + intHigh + "] is outside the type's range");
    }
    if (high == Long.MAX_VALUE) {
      return low == Long.MIN_VALUE ? random.nextLong() : random.nextLong(low, high); // high itself excluded
    }
    return random.nextLong(low, high + 1);
  }
}
