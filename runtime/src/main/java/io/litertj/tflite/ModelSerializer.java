package io.litertj.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import io.litertj.ConversionException;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.tflite.schema.Buffer;
import io.litertj.tflite.schema.Metadata;
import io.litertj.tflite.schema.Model;
import io.litertj.tflite.schema.OperatorCode;
import io.litertj.tflite.schema.QuantizationParameters;
import io.litertj.tflite.schema.SignatureDef;
import io.litertj.tflite.schema.SubGraph;
import io.litertj.tflite.schema.TensorMap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the flatbuffer of a planned model, without the constants' bytes: those are written after
 * it by {@link ConstantStreamer}. Inline ({@link InlineTail}), each constant's {@code Buffer.data}
 * points past the tables at the place its vector will have; with buffer offsets, each
 * {@code Buffer} gets its size and a placeholder offset (1, so the field is present and can be
 * patched in place once the flatbuffer's own size, and so the data position, is known).
 */
final class ModelSerializer {

  /** LiteRT's schema version. */
  static final int SCHEMA_VERSION = 3;

  /** Offset value that marks "patch me"; LiteRT ignores offsets of 0 and 1. */
  static final long OFFSET_PLACEHOLDER = 1;

  private ModelSerializer() {}

  /**
   * The finished tables, position 0 to limit, a multiple of 16 bytes long. {@code tail} places the
   * constants inline after them; null means buffer offsets (constants after the flatbuffer).
   */
  static ByteBuffer serialize(LiteRtModel model, ModelPlan plan, InlineTail tail, int initialCapacity) {
    FlatBufferBuilder b = new FlatBufferBuilder(initialCapacity);
    // The builder aligns relative to its end; with 16 as its largest alignment its finished size is
    // a multiple of 16, so the tail that follows it starts on a 16-byte boundary of the file.
    b.prep(BufferTable.ALIGNMENT, 0);
    try {
      int buffers = writeBuffers(b, plan.buffers(), tail);
      List<ModelPlan.SubgraphPlan> subgraphPlans = plan.subgraphs();
      int[] subgraphs = new int[subgraphPlans.size()];
      for (int i = 0; i < subgraphs.length; i++) {
        subgraphs[i] = writeSubgraph(b, subgraphPlans.get(i), plan);
      }
      int subgraphVector = Model.createSubgraphsVector(b, subgraphs);
      int opcodes = writeOperatorCodes(b, plan.opcodes());
      int signatures = writeSignatures(b, model, subgraphPlans.subList(0, plan.signatureCount()));
      int metadata = writeMetadata(b, plan.metadata());
      int description = model.description() == null ? 0 : b.createString(model.description());
      int root = Model.createModel(b, SCHEMA_VERSION, opcodes, subgraphVector, description, buffers, 0, metadata,
          signatures);
      Model.finishModelBuffer(b, root);
    } catch (AssertionError e) {
      // FlatBufferBuilder refuses to grow beyond 2 GB with an AssertionError.
      throw new FlatbufferTooLarge(e);
    }
    ByteBuffer out = b.dataBuffer().slice();
    return out.order(java.nio.ByteOrder.LITTLE_ENDIAN);
  }

  private static int writeBuffers(FlatBufferBuilder b, BufferTable table, InlineTail tail) {
    List<BufferTable.Entry> entries = table.entries();
    int[] offsets = new int[entries.size()];
    for (int i = 0; i < offsets.length; i++) {
      BufferTable.Entry e = entries.get(i);
      if (e.data() == null) {
        Buffer.startBuffer(b);
        offsets[i] = Buffer.endBuffer(b);
      } else if (tail == null && OffsetLayout.isOutOfLine(e)) {
        offsets[i] = Buffer.createBuffer(b, 0, OFFSET_PLACEHOLDER, e.size());
      } else if (tail != null && tail.prefixPositions()[i] >= 0) {
        offsets[i] = tailBuffer(b, tail.prefixPositions()[i]);
      } else {
        offsets[i] = Buffer.createBuffer(b, inlineData(b, e), 0, 0);
      }
    }
    return Model.createBuffersVector(b, offsets);
  }

  /** {@code Buffer.data} field index in the schema. */
  private static final int BUFFER_DATA_FIELD = 0;

  /**
   * A {@code Buffer} whose data vector lies {@code tailPosition} bytes past the end of the tables.
   * The builder's own {@code addOffset} only points at objects it holds, so the field is written
   * by hand: a flatbuffer offset counts from the field's own position to the target.
   */
  private static int tailBuffer(FlatBufferBuilder b, long tailPosition) {
    Buffer.startBuffer(b);
    b.prep(Integer.BYTES, 0);
    long relative = b.offset() + (long) Integer.BYTES + tailPosition;
    if (relative > Integer.MAX_VALUE) {
      throw new FlatbufferTooLarge(null);
    }
    b.putInt((int) relative);
    b.slot(BUFFER_DATA_FIELD);
    return Buffer.endBuffer(b);
  }

  /** The data vector, written in place (no intermediate array) and 16-byte aligned. */
  private static int inlineData(FlatBufferBuilder b, BufferTable.Entry e) {
    if (e.size() > Integer.MAX_VALUE) {
      throw new FlatbufferTooLarge(null);
    }
    if (e.data().byteSize() != e.size()) {
      throw new ConversionException("constant data announced " + e.size() + " bytes but now has "
          + e.data().byteSize());
    }
    ByteBuffer dst = b.createUnintializedVector(1, (int) e.size(), BufferTable.ALIGNMENT);
    // copyTo, not bytes(): a lazy transpose is written straight into the builder, without a heap copy.
    try {
      e.data().copyTo(dst);
    } catch (java.nio.BufferOverflowException overflow) {
      throw new ConversionException("constant data announced " + e.size() + " bytes but delivered more", overflow);
    }
    if (dst.hasRemaining()) {
      throw new ConversionException("constant data announced " + e.size() + " bytes but delivered "
          + dst.position());
    }
    return b.endVector();
  }

  private static int writeSubgraph(FlatBufferBuilder b, ModelPlan.SubgraphPlan plan, ModelPlan model) {
    Subgraph subgraph = plan.subgraph();
    TensorTable table = plan.tensors();
    List<Tensor> tensors = table.tensors();
    int[] tensorOffsets = new int[tensors.size()];
    for (int i = 0; i < tensorOffsets.length; i++) {
      tensorOffsets[i] = writeTensor(b, tensors.get(i), plan.tensorBuffers()[i]);
    }
    List<Operator> ops = subgraph.operators();
    int[] opOffsets = new int[ops.size()];
    for (int i = 0; i < opOffsets.length; i++) {
      opOffsets[i] = writeOperator(b, ops.get(i), plan.opcodeIndices()[i], table, model);
    }
    int tensorVector = SubGraph.createTensorsVector(b, tensorOffsets);
    int inputs = SubGraph.createInputsVector(b, indices(subgraph.inputs(), table));
    int outputs = SubGraph.createOutputsVector(b, indices(subgraph.outputs(), table));
    int operators = SubGraph.createOperatorsVector(b, opOffsets);
    int name = b.createString(subgraph.name());
    return SubGraph.createSubGraph(b, tensorVector, inputs, outputs, operators, name);
  }

  private static int[] indices(Map<String, Tensor> named, TensorTable table) {
    return named.values().stream().mapToInt(table::indexOf).toArray();
  }

  private static int writeTensor(FlatBufferBuilder b, Tensor t, int buffer) {
    Shape shape = t.shape();
    int name = b.createString(t.name());
    int dims = io.litertj.tflite.schema.Tensor.createShapeVector(b, shape.staticDims());
    // Like the official converter: shape_signature only when a dimension is dynamic.
    int signature = shape.isStatic() ? 0 : io.litertj.tflite.schema.Tensor.createShapeSignatureVector(b, shape.dims());
    int quantization = t.quantization() == null ? 0 : writeQuantization(b, t.quantization());
    return io.litertj.tflite.schema.Tensor.createTensor(b, dims, (byte) t.type().tfliteCode(), buffer, name,
        quantization, t.isVariable(), 0, signature, true, 0, 0);
  }

  private static int writeQuantization(FlatBufferBuilder b, QuantizationParams q) {
    int min = q.min().length == 0 ? 0 : QuantizationParameters.createMinVector(b, q.min());
    int max = q.max().length == 0 ? 0 : QuantizationParameters.createMaxVector(b, q.max());
    int scale = QuantizationParameters.createScaleVector(b, q.scales());
    int zeroPoint = QuantizationParameters.createZeroPointVector(b, q.zeroPoints());
    return QuantizationParameters.createQuantizationParameters(b, min, max, scale, zeroPoint, (byte) 0, 0,
        q.quantizedDimension());
  }

  private static int writeOperator(FlatBufferBuilder b, Operator op, int opcodeIndex, TensorTable table,
      ModelPlan model) {
    int[] in = op.inputs().stream().mapToInt(table::inputIndexOf).toArray();
    int[] out = op.outputs().stream().mapToInt(table::indexOf).toArray();
    int inputs = io.litertj.tflite.schema.Operator.createInputsVector(b, in);
    int outputs = io.litertj.tflite.schema.Operator.createOutputsVector(b, out);
    int intermediates = op.intermediates().isEmpty() ? 0 : io.litertj.tflite.schema.Operator.createIntermediatesVector(
        b, op.intermediates().stream().mapToInt(table::indexOf).toArray());
    OpOptions options = op.options();
    byte optionsType = 0;
    int optionsOffset = 0;
    if (options != null) {
      optionsType = (byte) options.unionType();
      optionsOffset = OptionsWriter.write(b, options, model::subgraphIndex);
    }
    return io.litertj.tflite.schema.Operator.createOperator(b, opcodeIndex, inputs, outputs, optionsType,
        optionsOffset, 0, (byte) 0, 0, intermediates, 0L, 0L);
  }

  private static int writeOperatorCodes(FlatBufferBuilder b, OperatorCodeTable table) {
    List<OperatorCodeTable.Code> codes = table.codes();
    int[] offsets = new int[codes.size()];
    for (int i = 0; i < offsets.length; i++) {
      int code = codes.get(i).op().code();
      byte deprecated = (byte) Math.min(code, io.litertj.ir.BuiltinOp.PLACEHOLDER_FOR_GREATER_OP_CODES);
      offsets[i] = OperatorCode.createOperatorCode(b, deprecated, 0, codes.get(i).version(), code);
    }
    return Model.createOperatorCodesVector(b, offsets);
  }

  /**
   * One signature per key, in the model's order, each naming its subgraph (signatures that share a
   * function share its subgraph), with its inputs and outputs sorted by name. Subgraphs that only
   * control flow runs have none.
   */
  private static int writeSignatures(FlatBufferBuilder b, LiteRtModel model, List<ModelPlan.SubgraphPlan> plans) {
    List<LiteRtModel.Signature> signatures = model.signatures();
    int[] offsets = new int[signatures.size()];
    for (int i = 0; i < offsets.length; i++) {
      Subgraph subgraph = signatures.get(i).subgraph();
      int index = 0;
      while (plans.get(index).subgraph() != subgraph) {
        index++;
      }
      ModelPlan.SubgraphPlan plan = plans.get(index);
      int inputs = SignatureDef.createInputsVector(b, tensorMaps(b, subgraph.inputs(), plan.tensors()));
      int outputs = SignatureDef.createOutputsVector(b, tensorMaps(b, subgraph.outputs(), plan.tensors()));
      int key = b.createString(signatures.get(i).key());
      offsets[i] = SignatureDef.createSignatureDef(b, inputs, outputs, key, index);
    }
    return Model.createSignatureDefsVector(b, offsets);
  }

  private static int[] tensorMaps(FlatBufferBuilder b, Map<String, Tensor> named, TensorTable table) {
    List<String> names = new ArrayList<>(named.keySet());
    names.sort(null);
    int[] offsets = new int[names.size()];
    for (int i = 0; i < offsets.length; i++) {
      int name = b.createString(names.get(i));
      offsets[i] = TensorMap.createTensorMap(b, name, table.indexOf(named.get(names.get(i))));
    }
    return offsets;
  }

  private static int writeMetadata(FlatBufferBuilder b, List<ModelPlan.MetadataEntry> entries) {
    int[] offsets = new int[entries.size()];
    for (int i = 0; i < offsets.length; i++) {
      int name = b.createString(entries.get(i).name());
      offsets[i] = Metadata.createMetadata(b, name, entries.get(i).buffer());
    }
    return Model.createMetadataVector(b, offsets);
  }

  /**
   * A generous estimate of the flatbuffer's size without constant data: used to size the builder
   * so that it doesn't grow (and copy itself) repeatedly.
   */
  static long estimateTableBytes(ModelPlan plan) {
    long total = 4096;
    for (ModelPlan.SubgraphPlan sp : plan.subgraphs()) {
      for (Tensor t : sp.tensors().tensors()) {
        total += 96 + 8L * t.shape().rank() + 3L * t.name().length();
        if (t.quantization() != null) {
          QuantizationParams q = t.quantization();
          total += 48 + 12L * q.scales().length + 4L * (q.min().length + q.max().length);
        }
      }
      for (Operator op : sp.subgraph().operators()) {
        total += 128 + 4L * (op.inputs().size() + op.outputs().size() + op.intermediates().size());
      }
      total += 256 + 3L * sp.subgraph().name().length();
      for (String name : sp.subgraph().inputs().keySet()) {
        total += 32 + 3L * name.length();
      }
      for (String name : sp.subgraph().outputs().keySet()) {
        total += 32 + 3L * name.length();
      }
    }
    for (LiteRtModel.Signature alias : plan.aliases()) {
      total += 256 + 3L * alias.key().length();
      for (String name : alias.subgraph().inputs().keySet()) {
        total += 32 + 3L * name.length();
      }
      for (String name : alias.subgraph().outputs().keySet()) {
        total += 32 + 3L * name.length();
      }
    }
    total += 32L * plan.buffers().size();
    return total;
  }
}
