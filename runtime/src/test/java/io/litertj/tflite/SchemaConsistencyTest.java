package io.litertj.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Padding;
import io.litertj.ir.Subgraph;
import io.litertj.tflite.schema.ActivationFunctionType;
import io.litertj.tflite.schema.BuiltinOperator;
import io.litertj.tflite.schema.BuiltinOptions;
import io.litertj.tflite.schema.TensorType;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The IR's numbers against our schema's (which was checked field by field against upstream's
 * schema.fbs with scripts/check-tflite-schema.sh): operator codes, tensor types, option union tags,
 * enum orders.
 */
class SchemaConsistencyTest {

  @Test
  void builtinOperatorCodes() throws Exception {
    for (BuiltinOp op : BuiltinOp.values()) {
      assertEquals(BuiltinOperator.class.getField(op.name()).getInt(null), op.code(), op.name());
    }
    assertEquals(BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES, BuiltinOp.PLACEHOLDER_FOR_GREATER_OP_CODES);
  }

  @Test
  void tensorTypeCodes() throws Exception {
    for (DataType type : DataType.values()) {
      assertEquals(TensorType.class.getField(type.name()).getByte(null), type.tfliteCode(), type.name());
    }
  }

  @Test
  void activationAndPaddingOrders() throws Exception {
    for (Activation a : Activation.values()) {
      assertEquals(ActivationFunctionType.class.getField(a.name()).getByte(null), a.ordinal(), a.name());
    }
    assertEquals(io.litertj.tflite.schema.Padding.SAME, Padding.SAME.ordinal());
    assertEquals(io.litertj.tflite.schema.Padding.VALID, Padding.VALID.ordinal());
  }

  /** Records whose name is not the table's name minus "Options". */
  private static final Map<String, String> TABLE_NAMES = Map.of(
      "ShapeOp", "ShapeOptions",
      "SequenceRnn", "SequenceRNNOptions",
      "UnidirectionalSequenceLstm", "UnidirectionalSequenceLSTMOptions");

  @Test
  void everyOptionsRecordHasItsUpstreamUnionTag() throws Exception {
    for (Class<?> record : OpOptions.class.getPermittedSubclasses()) {
      OpOptions sample = sample(record);
      String table = TABLE_NAMES.getOrDefault(record.getSimpleName(), record.getSimpleName() + "Options");
      int tag = BuiltinOptions.class.getField(table).getByte(null) & 0xFF;
      assertEquals(tag, sample.unionType(), record.getSimpleName());
    }
  }

  /** Each options record belongs to at least one operator, and the table names match the operators'. */
  @Test
  void optionsTablesBelongToOperators() throws Exception {
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (BuiltinOp op : BuiltinOp.values()) {
      used.add(OptionsTags.of(op));
    }
    for (Class<?> record : OpOptions.class.getPermittedSubclasses()) {
      assertTrue(used.contains(sample(record).unionType()), record.getSimpleName());
    }
    assertEquals(BuiltinOptions.ReducerOptions, OptionsTags.of(BuiltinOp.MEAN));
    assertEquals(BuiltinOptions.SequenceRNNOptions, OptionsTags.of(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_RNN));
    assertEquals(BuiltinOptions.NONE, OptionsTags.of(BuiltinOp.LOGISTIC));
  }

  /** Every options record can be written and read back unchanged. */
  @Test
  void everyOptionsRecordRoundTrips() throws Exception {
    for (Class<?> record : OpOptions.class.getPermittedSubclasses()) {
      OpOptions sample = sample(record);
      com.google.flatbuffers.FlatBufferBuilder b = new com.google.flatbuffers.FlatBufferBuilder(256);
      java.util.List<Subgraph> named = sample instanceof OpOptions.WithSubgraphs w ? w.subgraphs() : java.util.List.of();
      int table = OptionsWriter.write(b, sample, s -> named.indexOf(s) + 7);
      int op = io.litertj.tflite.schema.Operator.createOperator(b, 0, 0, 0, (byte) sample.unionType(), table, 0,
          (byte) 0, 0, 0, 0, 0);
      b.finish(op);
      io.litertj.tflite.schema.Operator read = io.litertj.tflite.schema.Operator.getRootAsOperator(b.dataBuffer());
      assertEquals(sample, OptionsReader.read(read, "test", i -> named.get(i - 7)), record.getSimpleName());
    }
  }

  /** A record with non-default values where it has fields. */
  static OpOptions sample(Class<?> record) throws Exception {
    RecordComponent[] components = record.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      Class<?> type = components[i].getType();
      types[i] = type;
      values[i] = type == int.class ? 2 + i
          : type == boolean.class ? (i % 2 == 0)
          : type == float.class ? 0.5f + i
          : type == Activation.class ? Activation.RELU6
          : type == Padding.class ? Padding.VALID
          : type == DataType.class ? DataType.INT64
          : type == int[].class ? new int[] {3, -1}
          : type == float[].class ? new float[] {-0.5f, 1.5f}
          : type == Subgraph.class ? new Subgraph("subgraph_" + i)
          : null;
    }
    return (OpOptions) record.getDeclaredConstructor(types).newInstance(values);
  }
}
