package io.litertj.tflite;

import static io.litertj.ir.BuiltinOp.*;

import io.litertj.ir.BuiltinOp;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first LiteRT runtime release that runs each (operator, version) pair, as the official
 * converter records it in the {@code min_runtime_version} metadata. Facts from upstream's
 * {@code tools/versioning/runtime_version.cc} (google-ai-edge/LiteRT @ f67457790c9c), for the
 * operators litertj emits.
 */
public final class RuntimeVersions {

  /** Size of the zero-padded {@code min_runtime_version} metadata buffer. */
  public static final int METADATA_BYTES = 16;

  private static final Map<BuiltinOp, Entry> TABLE = new EnumMap<>(BuiltinOp.class);

  private record Entry(int firstVersion, List<String> releases) {}

  static {
    put(ADD, 1, "1.5.0", "1.14.0", "2.4.0", "2.6.0", "2.13.0", "2.23.0");
    put(AVERAGE_POOL_2D, 1, "1.5.0", "1.14.0", "2.3.0");
    put(CONCATENATION, 1, "1.5.0", "1.14.0", "2.3.0", "2.14.0", "2.21.0", "2.23.0", "2.23.0");
    put(CONV_2D, 1, "1.5.0", "1.14.0", "1.14.0", "2.3.0", "2.4.0", "2.9.0", "2.11.0", "2.15.0");
    put(DEPTHWISE_CONV_2D, 1, "1.5.0", "1.12.0", "1.14.0", "2.2.0", "2.3.0", "2.3.0", "2.11.0");
    put(DEPTH_TO_SPACE, 1, "2.1.0", "2.5.0");
    put(DEQUANTIZE, 1, "1.13.1", "1.14.0", "1.15.0", "2.2.0", "2.7.0", "2.18.0", "2.21.0", "2.22.0", "2.23.0");
    put(EMBEDDING_LOOKUP, 1, "1.13.0", "1.14.0", "1.14.0", "2.18.0", "2.21.0");
    put(FLOOR, 1, "1.9.0");
    put(FULLY_CONNECTED, 1, "1.5.0", "1.10.0", "1.14.0", "1.14.0", "2.0.0", "2.1.0", "2.3.0", "2.3.0", "2.3.0", "2.11.0", "2.15.0", "2.17.0", "2.18.0", "2.21.0");
    put(L2_NORMALIZATION, 1, "1.5.0", "1.14.0");
    put(LOGISTIC, 1, "1.14.0", "1.14.0", "2.3.0");
    put(MAX_POOL_2D, 1, "1.5.0", "1.14.0", "2.3.0");
    put(MUL, 1, "1.5.0", "1.14.0", "1.15.0", "2.3.0", "2.6.0", "2.11.0", "2.13.0", "2.23.0");
    put(RELU, 1, "1.5.0", "2.1.0", "2.5.0");
    put(RELU_N1_TO_1, 1, "1.5.0");
    put(RELU6, 1, "1.5.0", "1.14.0", "2.5.0");
    put(RESHAPE, 1, "1.5.0");
    put(RESIZE_BILINEAR, 1, "1.7.0", "1.14.0", "2.2.0", "2.5.0");
    put(SOFTMAX, 1, "1.5.0", "1.14.0", "2.3.0", "2.23.0");
    put(SPACE_TO_DEPTH, 1, "1.5.0", "1.14.0");
    put(TANH, 1, "1.14.0", "1.14.0", "2.3.0");
    put(PAD, 1, "1.5.0", "1.14.0", "2.4.0", "2.6.0", "2.20.0", "2.23.0");
    put(UNIDIRECTIONAL_SEQUENCE_RNN, 1, "1.14.0", "1.14.0", "2.3.0");
    put(GATHER, 1, "1.6.0", "1.14.0", "1.15.0", "2.4.0", "2.5.0", "2.13.0", "2.15.0", "2.23.0");
    put(BATCH_TO_SPACE_ND, 1, "1.6.0", "1.14.0", "2.3.0", "2.12.0");
    put(SPACE_TO_BATCH_ND, 1, "1.6.0", "1.14.0", "2.3.0", "2.12.0");
    put(TRANSPOSE, 1, "1.6.0", "1.14.0", "1.15.0", "2.3.0", "2.4.0", "2.12.0", "2.14.4", "2.22.0", "2.23.0");
    put(MEAN, 1, "1.6.0", "1.14.0", "2.4.0");
    put(SUB, 1, "1.6.0", "1.14.0", "2.3.0", "2.4.0", "2.4.0");
    put(DIV, 1, "1.6.0", "2.3.0");
    put(SQUEEZE, 1, "1.6.0", "2.5.0");
    put(UNIDIRECTIONAL_SEQUENCE_LSTM, 1, "1.13.1", "1.14.0", "2.3.0", "2.12.0");
    put(STRIDED_SLICE, 1, "1.6.0", "1.14.0", "2.1.0", "2.2.0", "2.5.0", "2.6.0", "2.14.0", "2.14.0");
    put(EXP, 1, "1.7.0", "2.12.0");
    put(SPLIT, 1, "1.5.0", "1.14.0", "1.14.0", "2.3.0", "2.23.0");
    put(LOG_SOFTMAX, 1, "1.14.0", "1.14.0");
    put(CAST, 1, "1.5.0", "2.7.0", "2.8.0", "2.9.0", "2.12.0", "2.15.0", "2.17.0", "2.21.0", "2.23.0");
    put(PRELU, 1, "1.8.0");
    put(MAXIMUM, 1, "1.14.0", "1.14.0", "2.3.0", "2.3.0");
    put(ARG_MAX, 1, "1.9.0", "1.14.0", "2.9.0");
    put(MINIMUM, 1, "1.14.0", "1.14.0", "2.3.0", "2.3.0");
    put(LESS, 1, "1.14.0", "1.14.0", "2.13.0");
    put(NEG, 1, "1.9.0");
    put(PADV2, 1, "1.9.0", "1.14.0", "2.4.0", "2.6.0", "2.20.0", "2.23.0");
    put(GREATER, 1, "1.14.0", "1.14.0");
    put(GREATER_EQUAL, 1, "1.14.0", "1.14.0", "2.13.0");
    put(LESS_EQUAL, 1, "1.14.0", "1.14.0");
    put(SELECT, 1, "1.14.0", "1.14.0", "2.12.0", "2.12.0");
    put(SLICE, 1, "1.14.0", "1.14.0", "1.14.0", "2.4.0", "2.5.0", "2.14.0", "2.21.0", "2.23.0");
    put(SIN, 1, "1.9.0", "2.23.0");
    put(TRANSPOSE_CONV, 1, "1.9.0", "2.2.0", "2.3.0", "2.13.0", "2.15.0");
    put(TILE, 1, "1.10.1", "2.2.0", "2.8.0");
    put(EXPAND_DIMS, 1, "1.10.0");
    put(EQUAL, 1, "1.14.0", "1.14.0", "2.3.0", "2.13.0", "2.21.0");
    put(NOT_EQUAL, 1, "1.14.0", "1.14.0", "2.3.0", "2.21.0");
    put(LOG, 1, "1.14.0", "2.15.0");
    put(SUM, 1, "1.10.0", "1.15.0");
    put(SQRT, 1, "1.10.0", "2.21.0");
    put(RSQRT, 1, "1.10.0", "2.5.0", "2.15.0");
    put(SHAPE, 1, "1.10.0");
    put(POW, 1, "1.10.0");
    put(ARG_MIN, 1, "1.9.0", "1.14.0", "2.9.0");
    put(REDUCE_PROD, 1, "1.11.0", "2.6.0");
    put(REDUCE_MAX, 1, "1.11.0", "1.14.0", "2.5.0");
    put(PACK, 1, "1.11.0", "1.14.0", "2.3.0", "2.13.0", "2.23.0");
    put(LOGICAL_OR, 1, "1.11.0");
    put(LOGICAL_AND, 1, "1.11.0");
    put(LOGICAL_NOT, 1, "1.11.0");
    put(UNPACK, 1, "1.11.0", "1.14.0", "2.2.0", "2.3.0", "2.22.0", "2.23.0");
    put(REDUCE_MIN, 1, "1.11.0", "1.14.0", "2.5.0");
    put(FLOOR_DIV, 1, "1.14.0", "1.14.0", "2.13.0");
    put(SQUARE, 1, "1.12.0");
    put(ZEROS_LIKE, 1, "1.12.0");
    put(FILL, 1, "1.13.0", "2.3.0", "2.5.0", "2.12.0", "2.23.0");
    put(FLOOR_MOD, 1, "1.13.0", "2.13.0");
    put(RANGE, 1, "1.13.0", "2.14.0");
    put(RESIZE_NEAREST_NEIGHBOR, 1, "1.13.1", "1.14.0", "2.3.0", "2.4.0");
    put(LEAKY_RELU, 1, "1.13.1", "2.3.0");
    put(SQUARED_DIFFERENCE, 1, "1.13.1", "2.5.0");
    put(MIRROR_PAD, 1, "1.13.1", "2.3.0", "2.12.0");
    put(ABS, 1, "1.13.0", "2.4.0", "2.5.0", "2.6.0", "2.12.0");
    put(SPLIT_V, 1, "1.13.1", "2.3.0", "2.23.0");
    put(CEIL, 1, "1.14.0");
    put(REVERSE_V2, 1, "1.14.0", "2.2.0", "2.5.0", "2.23.0");
    put(ADD_N, 1, "1.14.0");
    put(GATHER_ND, 1, "1.14.0", "2.3.0", "2.5.0", "2.13.0", "2.16.0", "2.23.0");
    put(COS, 1, "1.14.0", "2.23.0");
    put(ELU, 1, "1.14.0");
    put(QUANTIZE, 1, "1.14.0", "1.15.0", "2.7.0", "2.21.0", "2.21.0", "2.21.0");
    put(ROUND, 1, "1.14.0");
    put(HARD_SWISH, 1, "1.15.0");
    put(IF, 1, "1.15.0");
    put(WHILE, 1, "1.15.0");
    put(SELECT_V2, 1, "2.2.0", "2.12.0");
    put(BATCH_MATMUL, 1, "2.3.0", "2.3.0", "2.4.0", "2.5.0");
    put(CUMSUM, 1, "2.4.0");
    put(BROADCAST_TO, 2, "2.5.0", "2.5.0", "2.23.0");
    put(GELU, 1, "2.9.0", "2.9.0", "2.23.0");
    put(LOCAL_RESPONSE_NORMALIZATION, 1, "1.5.0");
    put(TOPK_V2, 1, "1.7.0", "1.14.0", "2.13.0");
    put(ONE_HOT, 1, "1.11.0");
    put(REDUCE_ANY, 1, "1.11.0");
    put(WHERE, 1, "1.14.0", "2.8.0");
    put(REVERSE_SEQUENCE, 1, "1.14.0");
    put(MATRIX_DIAG, 1, "1.14.0");
    put(MATRIX_SET_DIAG, 1, "1.14.0");
    put(SCATTER_ND, 1, "2.1.0");
    put(SEGMENT_SUM, 1, "2.2.0");
    put(REDUCE_ALL, 1, "2.6.0");
    put(BROADCAST_ARGS, 1, "2.6.0");
    put(BUCKETIZE, 1, "2.8.0");
    put(UNSORTED_SEGMENT_PROD, 1, "2.10.0");
    put(UNSORTED_SEGMENT_MAX, 1, "2.10.0");
    put(UNSORTED_SEGMENT_SUM, 1, "2.10.0");
    put(ATAN2, 1, "2.10.0");
    put(UNSORTED_SEGMENT_MIN, 1, "2.11.0");
    put(SIGN, 1, "2.11.0", "2.12.0");
    put(BITWISE_XOR, 1, "2.13.0");
    put(CONV_3D, 1, "2.5.0");
    put(SPARSE_TO_DENSE, 1, "1.9.0", "1.14.0", "1.15.0");
    put(UNIQUE, 1, "1.14.0");
    put(NON_MAX_SUPPRESSION_V4, 1, "2.1.0");
    put(NON_MAX_SUPPRESSION_V5, 1, "2.1.0");
    put(CONV_3D_TRANSPOSE, 1, "2.6.0");
    put(RIGHT_SHIFT, 1, "2.13.0");
    put(DYNAMIC_UPDATE_SLICE, 1, "2.9.0");
  }

  private RuntimeVersions() {}

  private static void put(BuiltinOp op, int firstVersion, String... releases) {
    TABLE.put(op, new Entry(firstVersion, List.of(releases)));
  }

  /** The release that introduced {@code version} of {@code op}, or empty when upstream lists none. */
  public static Optional<String> minimumFor(BuiltinOp op, int version) {
    Entry entry = TABLE.get(op);
    if (entry == null) {
      return Optional.empty();
    }
    int index = version - entry.firstVersion();
    if (index < 0 || index >= entry.releases().size()) {
      return Optional.empty();
    }
    return Optional.of(entry.releases().get(index));
  }

  /**
   * Compares dotted release numbers numerically ("1.14.0" &gt; "1.5.0"); a missing trailing part
   * counts as smaller, like upstream's {@code CompareRuntimeVersion}.
   */
  public static int compare(String a, String b) {
    String[] pa = a.isEmpty() ? new String[0] : a.split("\\.");
    String[] pb = b.isEmpty() ? new String[0] : b.split("\\.");
    for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
      int c = Integer.compare(Integer.parseInt(pa[i]), Integer.parseInt(pb[i]));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pa.length, pb.length);
  }

  /** The later of two releases; the empty string stands for "none yet". */
  public static String max(String a, String b) {
    return compare(a, b) >= 0 ? a : b;
  }
}
