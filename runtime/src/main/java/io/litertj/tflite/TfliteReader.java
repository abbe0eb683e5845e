package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.QuantizationParams;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import io.litertj.tflite.schema.Buffer;
import io.litertj.tflite.schema.BuiltinOperator;
import io.litertj.tflite.schema.Model;
import io.litertj.tflite.schema.Operator;
import io.litertj.tflite.schema.OperatorCode;
import io.litertj.tflite.schema.QuantizationParameters;
import io.litertj.tflite.schema.SignatureDef;
import io.litertj.tflite.schema.SubGraph;
import io.litertj.tflite.schema.TensorMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .tflite} file into a {@link LiteRtModel}: operators with their options,
 * tensors with shapes (dynamic dimensions from {@code shape_signature}), quantization and
 * constants. Constants are views of the file's bytes (memory-mapped for paths), never copies; both
 * inline buffers and buffers stored after the flatbuffer ({@code Buffer.offset}) are read.
 *
 * <p>Each signature becomes one {@link Subgraph} named by its key, with the signature's input and
 * output names; a model without signatures gives one subgraph per flatbuffer subgraph that no
 * control-flow operator runs, named by tensor names. Subgraphs that WHILE and IF run are reached
 * through those operators' options ({@link LiteRtModel#allSubgraphs()}). Everything read is validated: a malformed or hostile file, or a feature the IR
 * cannot represent (custom or unknown operators, sparse or externally stored tensors, operator
 * intermediates, non-affine quantization), gives a {@link ConversionException}.
 */
public final class TfliteReader {

  /** Control flow nested deeper than this is refused (each level is read recursively). */
  static final int MAX_NESTING = 64;

  private TfliteReader() {}

  /** Reads (memory-maps) a file. */
  public static LiteRtModel read(Path path) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      return decode(FileBytes.map(channel), path);
    } catch (IOException e) {
      throw io.litertj.files.FileErrors.reading("the .tflite file", path, e).build();
    } catch (UncheckedIOException e) {
      throw io.litertj.files.FileErrors.reading("the .tflite file", path, e.getCause()).build();
    }
  }

  /** Reads a whole file held in memory (not copied: constants are views of {@code bytes}). */
  public static LiteRtModel read(byte[] bytes) {
    return read(ByteBuffer.wrap(bytes));
  }

  /** Reads a whole file from {@code buffer}'s position to its limit (not copied). */
  public static LiteRtModel read(ByteBuffer buffer) {
    return decode(FileBytes.of(buffer), null);
  }

  private static LiteRtModel decode(FileBytes file, Path path) {
    try {
      return new Decoder(file).decode();
    } catch (ConversionException e) {
      if (path == null || e.file().isPresent()) {
        throw e;
      }
      throw ConversionException.builder(e.getMessage()).file(path).cause(e).build();
    } catch (UncheckedIOException e) {
      throw e;
    } catch (RuntimeException e) {
      // The file was verified before decoding: an exception here is a reader bug, not a bad file.
      throw ConversionException.internal("reading", path != null ? path : "a .tflite model in memory", e);
    }
  }

  /** Decodes one file; one instance per read. */
  private static final class Decoder {
    private final FileBytes file;
    private final ByteBuffer head;
    private Model model;
    private int bufferCount;
    private Subgraph[] subgraphs;
    private SignatureDef[] signatureOf;
    private final java.util.Set<Integer> reading = new java.util.HashSet<>();
    private final java.util.Set<Integer> called = new java.util.HashSet<>();

    Decoder(FileBytes file) {
      this.file = file;
      this.head = file.head();
    }

    LiteRtModel decode() {
      if (head.remaining() < 8) {
        throw Checks.malformed("only " + head.remaining() + " bytes");
      }
      if (!Model.ModelBufferHasIdentifier(head)) {
        throw new ConversionException("not a LiteRT model: the file identifier is not TFL3");
      }
      FlatbufferVerifier.verifyModel(head);
      model = Model.getRootAsModel(head.duplicate().order(ByteOrder.LITTLE_ENDIAN));
      if (model.version() != ModelSerializer.SCHEMA_VERSION) {
        throw new ConversionException("unsupported LiteRT schema version " + model.version() + " (expected 3)");
      }
      bufferCount = Checks.vectorLength(model.buffersLength(), 4, head, "buffers");
      checkBuffers();
      int subgraphCount = Checks.vectorLength(model.subgraphsLength(), 4, head, "subgraphs");
      if (subgraphCount == 0) {
        throw Checks.malformed("no subgraphs");
      }
      LiteRtModel result = new LiteRtModel(model.description());
      int signatureCount = Checks.vectorLength(model.signatureDefsLength(), 4, head, "signature_defs");
      subgraphs = new Subgraph[subgraphCount];
      signatureOf = new SignatureDef[subgraphCount];
      List<Integer> roots = new ArrayList<>();
      // A second signature of the same function names the same subgraph (serve and serving_default).
      List<Map.Entry<String, Integer>> aliases = new ArrayList<>();
      java.util.Set<String> keys = new java.util.HashSet<>();
      for (int i = 0; i < signatureCount; i++) {
        SignatureDef signature = model.signatureDefs(i);
        int index = Checks.index(signature.subgraphIndex(), subgraphCount, "signature subgraph_index");
        if (signature.signatureKey() == null) {
          throw Checks.malformed("a signature has no key");
        }
        if (!keys.add(signature.signatureKey())) {
          throw Checks.malformed("two signatures have the key '" + signature.signatureKey() + "'");
        }
        if (signatureOf[index] != null) {
          if (!tensorMaps(signatureOf[index]).equals(tensorMaps(signature))) {
            throw Checks.malformed("signatures '" + signatureOf[index].signatureKey() + "' and '"
                + signature.signatureKey() + "' name subgraph " + index + " with different inputs or outputs");
          }
          aliases.add(Map.entry(signature.signatureKey(), index));
          continue;
        }
        signatureOf[index] = signature;
        roots.add(index);
      }
      if (signatureCount == 0) {
        // Without signatures, every subgraph that no control-flow operator runs is an entry point.
        for (int i = 0; i < subgraphCount; i++) {
          subgraph(i);
        }
        for (int i = 0; i < subgraphCount; i++) {
          if (!called.contains(i)) {
            roots.add(i);
          }
        }
      } else {
        for (int index : roots) {
          subgraph(index); // and what its control flow runs; other subgraphs are not read
        }
      }
      for (int index : roots) {
        if (called.contains(index)) {
          throw new ConversionException("signature subgraph " + index + " is also run by a control-flow operator,"
              + " which the converter does not support");
        }
        result.addSubgraph(subgraphs[index]);
      }
      for (Map.Entry<String, Integer> alias : aliases) {
        result.addSignatureAlias(alias.getKey(), subgraphs[alias.getValue()]);
      }
      return result;
    }

    /** A signature's inputs and outputs as names and tensor indices, to compare two of them. */
    private List<Map<String, Long>> tensorMaps(SignatureDef signature) {
      List<Map<String, Long>> out = new ArrayList<>();
      for (boolean inputs : new boolean[] {true, false}) {
        int count = Checks.vectorLength(inputs ? signature.inputsLength() : signature.outputsLength(), 4, head,
            inputs ? "signature input" : "signature output");
        Map<String, Long> map = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
          TensorMap m = inputs ? signature.inputs(i) : signature.outputs(i);
          map.put(mapName(m), m.tensorIndex());
        }
        out.add(map);
      }
      return out;
    }

    /**
     * The subgraph at {@code index}, read on first use. Control-flow options name subgraphs by
     * index, so an operator may need one before its turn; one that needs itself, directly or not,
     * is malformed (LiteRT would recurse without end).
     */
    private Subgraph subgraph(int index) {
      if (subgraphs[index] != null) {
        return subgraphs[index];
      }
      if (!reading.add(index)) {
        throw Checks.malformed("subgraph " + index + " runs itself through control flow");
      }
      if (reading.size() > MAX_NESTING) {
        throw new ConversionException("control flow is nested more than " + MAX_NESTING + " deep");
      }
      Subgraph s = readSubgraph(index, signatureOf[index]);
      reading.remove(index);
      subgraphs[index] = s;
      return s;
    }

    /** Resolves a control-flow operator's subgraph index. */
    private Subgraph calledSubgraph(int index) {
      Subgraph s = subgraph(Checks.index(index, subgraphs.length, "control-flow subgraph index"));
      called.add(index);
      return s;
    }

    private Subgraph readSubgraph(int index, SignatureDef signature) {
      SubGraph sg = model.subgraphs(index);
      String name = signature != null ? signature.signatureKey()
          : sg.name() != null && !sg.name().isEmpty() ? sg.name() : "subgraph_" + index;
      if (name == null) {
        throw Checks.malformed("a signature has no key");
      }
      Subgraph subgraph = new Subgraph(name);
      List<Tensor> tensors = readTensors(sg);
      int[] inputs = intVector(sg.inputsAsByteBuffer());
      int[] outputs = intVector(sg.outputsAsByteBuffer());
      (signature != null ? bySignature(signature, true, inputs, tensors) : byTensorName(inputs, tensors, "input"))
          .forEach(subgraph::addInput);
      int ops = Checks.vectorLength(sg.operatorsLength(), 4, head, "operators");
      Operator op = new Operator();
      for (int i = 0; i < ops; i++) {
        subgraph.addOperator(readOperator(sg.operators(op, i), tensors));
      }
      (signature != null ? bySignature(signature, false, outputs, tensors) : byTensorName(outputs, tensors, "output"))
          .forEach(subgraph::addOutput);
      TfliteValidator.validate(subgraph, byIndex(inputs, tensors, "subgraph input"),
          byIndex(outputs, tensors, "subgraph output"));
      return subgraph;
    }

    private static List<Tensor> byIndex(int[] indices, List<Tensor> tensors, String what) {
      List<Tensor> out = new ArrayList<>(indices.length);
      for (int index : indices) {
        out.add(tensors.get(Checks.index(index, tensors.size(), what)));
      }
      return out;
    }

    /**
     * A signature's inputs (or outputs) by name, in the order of the subgraph's own inputs: the
     * order the model was built in, which the maps (sorted by name) do not keep.
     */
    private Map<String, Tensor> bySignature(SignatureDef signature, boolean inputs, int[] subgraphOrder,
        List<Tensor> tensors) {
      String what = inputs ? "signature input" : "signature output";
      int count = Checks.vectorLength(inputs ? signature.inputsLength() : signature.outputsLength(), 4, head, what);
      List<TensorMap> maps = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        maps.add(inputs ? signature.inputs(i) : signature.outputs(i));
      }
      List<Long> order = Arrays.stream(subgraphOrder).mapToObj(i -> (long) i).toList();
      maps.sort(Comparator.comparingInt(m -> {
        int position = order.indexOf(m.tensorIndex());
        return position < 0 ? Integer.MAX_VALUE : position; // stable sort: the rest keep map order
      }));
      Map<String, Tensor> named = new LinkedHashMap<>();
      for (TensorMap map : maps) {
        Tensor t = tensors.get(Checks.index(map.tensorIndex(), tensors.size(), what));
        if (named.put(mapName(map), t) != null) {
          throw Checks.malformed(what + " '" + map.name() + "' appears twice");
        }
      }
      return named;
    }

    /** Without a signature: the subgraph's tensors, named by their (made unique) tensor names. */
    private static Map<String, Tensor> byTensorName(int[] indices, List<Tensor> tensors, String what) {
      Map<String, Tensor> named = new LinkedHashMap<>();
      for (int index : indices) {
        Tensor t = tensors.get(Checks.index(index, tensors.size(), "subgraph " + what));
        String name = t.name();
        for (int i = 1; named.containsKey(name); i++) {
          name = t.name() + "_" + i;
        }
        named.put(name, t);
      }
      return named;
    }

    /** An int vector from its accessor's buffer (null when absent); its bounds were checked by it. */
    private static int[] intVector(ByteBuffer vector) {
      if (vector == null) {
        return new int[0];
      }
      ByteBuffer b = vector.slice().order(ByteOrder.LITTLE_ENDIAN);
      int[] out = new int[b.remaining() / 4];
      b.asIntBuffer().get(out);
      return out;
    }

    private static String mapName(TensorMap map) {
      if (map.name() == null) {
        throw Checks.malformed("a signature tensor has no name");
      }
      return map.name();
    }

    private List<Tensor> readTensors(SubGraph sg) {
      int count = Checks.vectorLength(sg.tensorsLength(), 4, head, "tensors");
      List<Tensor> tensors = new ArrayList<>(count);
      io.litertj.tflite.schema.Tensor t = new io.litertj.tflite.schema.Tensor();
      for (int i = 0; i < count; i++) {
        tensors.add(readTensor(sg.tensors(t, i), i));
      }
      return tensors;
    }

    private Tensor readTensor(io.litertj.tflite.schema.Tensor t, int index) {
      String name = t.name() != null ? t.name() : "tensor_" + index;
      String where = "tensor '" + name + "'";
      if (t.sparsity() != null) {
        throw new ConversionException("sparse tensors are not supported (" + where + ")");
      }
      if (t.externalBuffer() != 0 || t.variantTensorsLength() != 0) {
        throw new ConversionException("external or variant tensor data is not supported (" + where + ")");
      }
      DataType type = OptionsReader.type(t.type(), where);
      Shape shape = readShape(t, where);
      Tensor tensor = new Tensor(name, type, shape);
      tensor.setQuantization(readQuantization(t.quantization(), shape, where));
      ConstantData data = readBuffer(t.buffer(), where);
      tensor.setVariable(t.isVariable());
      if (data != null && t.isVariable()) {
        throw Checks.malformed(where + " is a variable with constant data"); // LiteRT refuses it too
      }
      if (data != null) {
        long needed = shape.numElements() * type.byteSize();
        if (type.byteSize() > 0 && shape.isStatic() && data.byteSize() != needed) {
          throw Checks.malformed(where + " has " + data.byteSize() + " bytes of data, but " + type + shape
              + " needs " + needed);
        }
        tensor.setData(data);
      }
      TfliteValidator.checkTensor(tensor, where);
      return tensor;
    }

    private Shape readShape(io.litertj.tflite.schema.Tensor t, String where) {
      int rank = Checks.vectorLength(t.shapeLength(), 4, head, where + " shape");
      int signatureRank = Checks.vectorLength(t.shapeSignatureLength(), 4, head, where + " shape_signature");
      boolean useSignature = signatureRank == rank && signatureRank > 0;
      int[] dims = new int[rank];
      for (int i = 0; i < rank; i++) {
        int d = useSignature ? t.shapeSignature(i) : t.shape(i);
        if (d < -1 || (!useSignature && d < 0)) {
          throw Checks.malformed(where + " has dimension " + d);
        }
        // LiteRT allocates by shape; a signature that says otherwise describes another tensor.
        if (useSignature && d >= 0 && t.shape(i) != d) {
          throw Checks.malformed(where + " has shape " + intList(t.shapeLength(), t::shape) + " but shape_signature "
              + intList(rank, t::shapeSignature));
        }
        dims[i] = d;
      }
      long elements = 1;
      for (int d : dims) {
        elements *= Math.max(d, 1);
        if (elements > Integer.MAX_VALUE) {
          throw Checks.malformed(where + " has shape " + Arrays.toString(dims) + ", more elements than LiteRT holds");
        }
      }
      return new Shape(dims);
    }

    private static String intList(int n, java.util.function.IntUnaryOperator at) {
      int[] v = new int[n];
      for (int i = 0; i < n; i++) {
        v[i] = at.applyAsInt(i);
      }
      return Arrays.toString(v);
    }

    private QuantizationParams readQuantization(QuantizationParameters q, Shape shape, String where) {
      if (q == null) {
        return null;
      }
      if (q.detailsType() != 0) {
        throw new ConversionException("non-affine (custom or blockwise) quantization is not supported (" + where + ")");
      }
      int scales = Checks.vectorLength(q.scaleLength(), 4, head, where + " scales");
      int zeroPoints = Checks.vectorLength(q.zeroPointLength(), 8, head, where + " zero points");
      int mins = Checks.vectorLength(q.minLength(), 4, head, where + " min");
      int maxs = Checks.vectorLength(q.maxLength(), 4, head, where + " max");
      if (scales == 0 && mins == 0 && maxs == 0) {
        return null; // the official converter writes an empty table for float tensors
      }
      // The checks LiteRT's InterpreterBuilder makes: a file that fails them does not load there either.
      if (zeroPoints != scales && scales > 0) {
        throw Checks.malformed(where + " has " + scales + " scales but " + zeroPoints + " zero points");
      }
      int axis = q.quantizedDimension();
      int[] dims = shape.staticDims();
      if (scales > 0 && (axis < 0 || (dims.length > 0 && axis >= dims.length) || dims.length == 0 && axis != 0)) {
        throw Checks.malformed(where + " is quantized along dimension " + axis + " of a rank-" + dims.length + " tensor");
      }
      if (scales > 1 && (dims.length == 0 || scales != dims[axis])) {
        throw Checks.malformed(where + " has " + scales + " scales for dimension " + axis + " of "
            + Arrays.toString(dims));
      }
      float[] scale = new float[scales];
      long[] zeroPoint = new long[scales];
      for (int i = 0; i < scales; i++) {
        scale[i] = q.scale(i);
        zeroPoint[i] = zeroPoints == 0 ? 0 : q.zeroPoint(i);
      }
      float[] min = new float[mins];
      for (int i = 0; i < mins; i++) {
        min[i] = q.min(i);
      }
      float[] max = new float[maxs];
      for (int i = 0; i < maxs; i++) {
        max[i] = q.max(i);
      }
      return new QuantizationParams(scale, zeroPoint, axis, min, max);
    }

    /**
     * Every buffer, used or not, must lie inside the file: a truncated file usually loses the
     * buffer tables first (the builder writes them first, so they end the file).
     */
    private void checkBuffers() {
      Buffer buffer = new Buffer();
      for (int i = 0; i < bufferCount; i++) {
        model.buffers(buffer, i);
        int length = Checks.vectorLength(buffer.dataLength(), 1, head, "buffer " + i);
        if (length > 0) {
          ByteBuffer data = buffer.dataAsByteBuffer();
          if (data == null || data.remaining() != length) {
            throw Checks.malformed("buffer " + i + " is truncated");
          }
        }
        long offset = buffer.offset();
        long size = buffer.size();
        if (Long.compareUnsigned(offset, 1) > 0 && size != 0
            && (offset < 0 || size < 0 || size > file.length() || offset > file.length() - size)) {
          throw Checks.malformed("buffer " + i + " points outside the file (offset " + Long.toUnsignedString(offset)
              + ", size " + Long.toUnsignedString(size) + ", file " + file.length() + " bytes)");
        }
      }
    }

    /** The constant's bytes, or null when the tensor has no data (buffer 0 or an empty buffer). */
    private ConstantData readBuffer(long index, String where) {
      if (index == 0) {
        return null;
      }
      Buffer buffer = model.buffers(new Buffer(), Checks.index(index, bufferCount, where + " buffer"));
      if (buffer.dataLength() > 0) {
        ByteBuffer data = buffer.dataAsByteBuffer();
        if (data == null || data.remaining() != buffer.dataLength()) {
          throw Checks.malformed(where + " has a truncated data buffer");
        }
        return ConstantData.of(data);
      }
      long offset = buffer.offset();
      long size = buffer.size();
      // Unsigned on disk (a negative long is beyond 2^63); like LiteRT, offsets 0 and 1 mean "none".
      if (Long.compareUnsigned(offset, 1) > 0 && size != 0) {
        if (offset < 0 || size < 0 || size > file.length() || offset > file.length() - size) {
          throw Checks.malformed(where + " points outside the file (offset " + Long.toUnsignedString(offset)
              + ", size " + Long.toUnsignedString(size) + ", file " + file.length() + " bytes)");
        }
        if (size > Integer.MAX_VALUE) {
          throw new ConversionException("constants over 2 GB are not supported (" + where + ")");
        }
        return ConstantData.of(file.slice(offset, (int) size));
      }
      return null;
    }

    private io.litertj.ir.Operator readOperator(Operator op, List<Tensor> tensors) {
      int codes = Checks.vectorLength(model.operatorCodesLength(), 4, head, "operator_codes");
      OperatorCode code = model.operatorCodes(Checks.index(op.opcodeIndex(), codes, "opcode_index"));
      int builtin = Math.max(code.builtinCode(), code.deprecatedBuiltinCode());
      if (builtin == BuiltinOperator.CUSTOM) {
        throw ConversionException.builder("custom operators are not supported")
            .opType(code.customCode() != null ? code.customCode() : "CUSTOM")
            .build();
      }
      BuiltinOp kind;
      try {
        kind = BuiltinOp.fromCode(builtin);
      } catch (IllegalArgumentException e) {
        throw ConversionException.builder("unsupported LiteRT operator").opType(SchemaNames.operator(builtin)).build();
      }
      int inputCount = Checks.vectorLength(op.inputsLength(), 4, head, kind + " inputs");
      List<Tensor> inputs = new ArrayList<>(inputCount);
      for (int i = 0; i < inputCount; i++) {
        int index = op.inputs(i);
        inputs.add(index == -1 ? null : tensors.get(Checks.index(index, tensors.size(), kind + " input")));
      }
      int outputCount = Checks.vectorLength(op.outputsLength(), 4, head, kind + " outputs");
      List<Tensor> outputs = new ArrayList<>(outputCount);
      for (int i = 0; i < outputCount; i++) {
        outputs.add(tensors.get(Checks.index(op.outputs(i), tensors.size(), kind + " output")));
      }
      int intermediateCount = Checks.vectorLength(op.intermediatesLength(), 4, head, kind + " intermediates");
      List<Tensor> intermediates = new ArrayList<>(intermediateCount);
      for (int i = 0; i < intermediateCount; i++) {
        intermediates.add(tensors.get(Checks.index(op.intermediates(i), tensors.size(), kind + " intermediate")));
      }
      OptionsTags.check(kind, op.builtinOptionsType() & 0xFF, true);
      OpOptions options = OptionsReader.read(op, kind.name(), this::calledSubgraph);
      io.litertj.ir.Operator read = new io.litertj.ir.Operator(kind, inputs, outputs, options);
      read.setIntermediates(intermediates);
      return read;
    }
  }
}
