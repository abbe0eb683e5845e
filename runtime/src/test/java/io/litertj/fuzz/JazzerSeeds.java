package io.litertj.fuzz;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.litertj.LiteRtConverter;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The seed corpus of {@link ReaderFuzzTest}: small files made here, by our own writers (the
 * converter, RawZip, jHDF's writer) or as protobuf messages, never copied from elsewhere. Run
 * {@code main} from {@code runtime/} to write them again into
 * {@code src/test/resources/io/litertj/fuzz/ReaderFuzzTestInputs/<method>/seed-*}; the committed
 * files are what the tests read, and the fuzzer's findings sit beside them.
 */
public final class JazzerSeeds {

  static final byte[] KERAS_METADATA = "{\"keras_version\": \"3.9.2\"}".getBytes(StandardCharsets.UTF_8);

  /** Sequential: Input [?, 3] then Dense "d" (3 -> 2, relu); the weights below fit it. */
  static final byte[] DENSE_CONFIG = """
      {"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "dtype": "float32", "name": "x"}},
        {"class_name": "Dense", "config": {"name": "d", "units": 2, "activation": "relu", "use_bias": true}}]}}
      """.getBytes(StandardCharsets.UTF_8);

  /** Sequential with layers that have no weights around "d": Reshape, Flatten, Activation, Dropout. */
  static final byte[] SHAPES_CONFIG = """
      {"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [null, 1, 3], "dtype": "float32", "name": "x"}},
        {"class_name": "Reshape", "config": {"name": "r", "target_shape": [3, 1]}},
        {"class_name": "Flatten", "config": {"name": "f"}},
        {"class_name": "Dense", "config": {"name": "d", "units": 2, "activation": "linear", "use_bias": true}},
        {"class_name": "Activation", "config": {"name": "a", "activation": "softmax"}},
        {"class_name": "Dropout", "config": {"name": "o", "rate": 0.5}}]}}
      """.getBytes(StandardCharsets.UTF_8);

  /** Functional: Dense "d", then Keras 3 operation nodes with literal operands (x + 3.0, x[:, 0]). */
  static final byte[] OPS_CONFIG = ("""
      {"module": "keras", "class_name": "Functional", "config": {"name": "ops", "layers": [
        {"class_name": "InputLayer", "name": "x", "config": {"batch_shape": [null, 3], "dtype": "float32",
          "name": "x"}, "inbound_nodes": []},
        {"module": "keras.layers", "class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2,
          "activation": "tanh", "use_bias": true}, "inbound_nodes": [{"args": [%s], "kwargs": {}}]},
        {"module": "keras.src.ops.numpy", "class_name": "Add", "name": "add", "config": {"name": "add"},
          "inbound_nodes": [{"args": [%s, 3.0], "kwargs": {}}]},
        {"module": "keras.src.ops.numpy", "class_name": "Multiply", "name": "mul", "config": {"name": "mul"},
          "inbound_nodes": [{"args": [0.5, %s], "kwargs": {}}]},
        {"module": "keras.src.ops.core", "class_name": "GetItem", "name": "item", "config": {"name": "item"},
          "inbound_nodes": [{"args": [%s, [{"class_name": "__slice__", "config": {"start": null, "stop": null,
          "step": null}}, 0]], "kwargs": {}}]}],
        "input_layers": [["x", 0, 0]], "output_layers": [["mul", 0, 0], ["item", 0, 0]]}}
      """).formatted(tensor("x"), tensor("d"), tensor("add"), tensor("d")).getBytes(StandardCharsets.UTF_8);

  private static final float[][] KERNEL = {{0.5f, -1}, {0.25f, 2}, {-0.75f, 1}};
  private static final float[] BIAS = {0.1f, -0.2f};

  private static byte[] kerasWeights;

  private JazzerSeeds() {}

  /** Keras 3 model.weights.h5 for the configs above: layers/d/vars/{0,1}. */
  static synchronized byte[] kerasWeights() {
    if (kerasWeights == null) {
      kerasWeights = h5(f -> {
        WritableGroup vars = f.putGroup("layers").putGroup("d").putGroup("vars");
        vars.putAttribute("name", "d");
        vars.putDataset("0", KERNEL);
        vars.putDataset("1", BIAS);
      });
    }
    return kerasWeights.clone();
  }

  /** A legacy (Keras 2) .h5 with {@code config} as model_config and the Dense weights. */
  static byte[] legacyH5(String config) {
    return h5(f -> {
      f.putAttribute("model_config", config);
      f.putAttribute("keras_version", "2.15.0");
      WritableGroup mw = f.putGroup("model_weights");
      mw.putAttribute("layer_names", new String[] {"d"});
      WritableGroup layer = mw.putGroup("d");
      layer.putAttribute("weight_names", new String[] {"d/kernel:0", "d/bias:0"});
      WritableGroup inner = layer.putGroup("d");
      inner.putDataset("kernel:0", KERNEL);
      inner.putDataset("bias:0", BIAS);
    });
  }

  private static final String LEGACY_DENSE = """
      {"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config":
        {"name": "d", "units": 2, "activation": "relu", "use_bias": true, "batch_input_shape": [null, 3]}}]}}
      """;
  private static final String LEGACY_FUNCTIONAL = """
      {"class_name": "Functional", "config": {"name": "m", "layers": [
        {"class_name": "InputLayer", "name": "x", "config": {"batch_input_shape": [null, 3], "dtype": "float32",
          "name": "x"}, "inbound_nodes": []},
        {"class_name": "Dense", "name": "d", "config": {"name": "d", "units": 2, "activation": "sigmoid",
          "use_bias": true}, "inbound_nodes": [[["x", 0, 0, {}]]]},
        {"class_name": "Activation", "name": "a", "config": {"name": "a", "activation": "relu6"},
          "inbound_nodes": [[["d", 0, 0, {}]]]}],
        "input_layers": [["x", 0, 0]], "output_layers": [["a", 0, 0]]}}
      """;

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/io/litertj/fuzz/ReaderFuzzTestInputs");
    Path work = Files.createTempDirectory("seeds");
    try {
      byte[] legacy = legacyH5(LEGACY_DENSE);
      seed(root, "hdf5", 1, legacy);
      seed(root, "hdf5", 2, legacyH5(LEGACY_FUNCTIONAL));
      seed(root, "kerasWeights", 1, kerasWeights());
      seed(root, "kerasConfig", 1, DENSE_CONFIG);
      seed(root, "kerasConfig", 2, SHAPES_CONFIG);
      seed(root, "kerasConfig", 3, OPS_CONFIG);

      // .tflite files our converter writes: float, dynamic-range, and a SavedModel graph's
      Path h5 = work.resolve("dense.h5");
      Files.write(h5, legacy);
      seed(root, "tflite", 1, LiteRtConverter.fromKeras(h5).convert().bytes());
      seed(root, "tflite", 2, LiteRtConverter.fromKeras(h5)
          .quantize(QuantizationOptions.of(QuantizationMode.DYNAMIC_RANGE)).convert().bytes());
      Path keras = work.resolve("ops.keras");
      Files.write(keras, keras(OPS_CONFIG));
      seed(root, "tflite", 3, LiteRtConverter.fromKeras(keras).convert().bytes());
      List<SavedModel> savedModels = List.of(addGraph(), denseGraph(), shapeGraph());
      for (int i = 0; i < savedModels.size(); i++) {
        byte[] pb = savedModels.get(i).toByteArray();
        seed(root, "savedModel", i + 1, pb);
        Path dir = work.resolve("sm" + i);
        Files.createDirectories(dir);
        Files.write(dir.resolve("saved_model.pb"), pb);
        seed(root, "tflite", 4 + i, LiteRtConverter.fromSavedModel(dir).convert().bytes());
      }

      byte[] floats = npy("<f4", "(2, 3)", floats(1, -2, 3.5f, 0, 1e-3f, 7));
      byte[] ints = npy("<i8", "(3,)", longs(1, -1, 1L << 40));
      byte[] bools = npy("|b1", "(2, 2)", new byte[] {1, 0, 0, 1});
      seed(root, "npy", 1, floats);
      seed(root, "npy", 2, ints);
      seed(root, "npy", 3, bools);
      seed(root, "npz", 1, RawZip.write(List.of(new RawZip.Entry("x.npy", floats, false))));
      seed(root, "npz", 2, RawZip.write(List.of(new RawZip.Entry("x.npy", floats, true),
          new RawZip.Entry("y.npy", npy("<f4", "(2,)", floats(4, 5)), true))));

      SplittableRandom r = new SplittableRandom(20261205);
      for (int i = 1; i <= 3; i++) {
        byte[] b = new byte[64 * i];
        for (int k = 0; k < b.length; k++) {
          b[k] = (byte) r.nextInt(256);
        }
        seed(root, "constantFolder", i, b);
      }
    } finally {
      FuzzWorker.deleteTree(work);
    }
  }

  /** A .keras file with the Dense weights and {@code config}. */
  static byte[] keras(byte[] config) {
    return RawZip.write(List.of(new RawZip.Entry("metadata.json", KERAS_METADATA, false),
        new RawZip.Entry("config.json", config, false), new RawZip.Entry("model.weights.h5", kerasWeights(), false)));
  }

  // ---- SavedModels as protobuf messages: TF1-style graphs with constants, no variables

  /** y = x + c, x float [?, 3]. */
  private static SavedModel addGraph() {
    GraphDef g = GraphDef.newBuilder()
        .addNode(placeholder("x", -1, 3))
        .addNode(constant("c", new int[] {3}, floats(1, 2, 3)))
        .addNode(op("AddV2", "y", "x", "c"))
        .build();
    return savedModel(g, "y:0");
  }

  /** y = relu(x @ w + b), with the ops the optimizer fuses into FULLY_CONNECTED. */
  private static SavedModel denseGraph() {
    GraphDef g = GraphDef.newBuilder()
        .addNode(placeholder("x", -1, 3))
        .addNode(constant("w", new int[] {3, 2}, floats(1, 2, 3, 4, 5, 6)))
        .addNode(constant("b", new int[] {2}, floats(0.5f, -0.5f)))
        .addNode(op("MatMul", "m", "x", "w").putAttr("transpose_a", bool(false)).putAttr("transpose_b", bool(false)))
        .addNode(op("BiasAdd", "a", "m", "b"))
        .addNode(op("Relu", "y", "a"))
        .build();
    return savedModel(g, "y:0");
  }

  /** Shape arithmetic the legalizer folds: Shape, StridedSlice, Pack, Reshape, then Concat. */
  private static SavedModel shapeGraph() {
    GraphDef g = GraphDef.newBuilder()
        .addNode(placeholder("x", -1, 3))
        .addNode(NodeDef.newBuilder().setName("s").setOp("Shape").addInput("x").putAttr("T", type(DataType.DT_FLOAT))
            .putAttr("out_type", type(DataType.DT_INT32)))
        .addNode(intConstant("b0", 0))
        .addNode(intConstant("b1", 1))
        .addNode(NodeDef.newBuilder().setName("n").setOp("StridedSlice").addInput("s").addInput("b0").addInput("b1")
            .addInput("b1").putAttr("T", type(DataType.DT_INT32)).putAttr("Index", type(DataType.DT_INT32))
            .putAttr("begin_mask", AttrValue.newBuilder().setI(0).build())
            .putAttr("end_mask", AttrValue.newBuilder().setI(0).build())
            .putAttr("ellipsis_mask", AttrValue.newBuilder().setI(0).build())
            .putAttr("new_axis_mask", AttrValue.newBuilder().setI(0).build())
            .putAttr("shrink_axis_mask", AttrValue.newBuilder().setI(1).build()))
        .addNode(intConstant("three", 3))
        .addNode(intConstant("one", 1))
        .addNode(NodeDef.newBuilder().setName("p").setOp("Pack").addInput("n").addInput("three").addInput("one")
            .putAttr("T", type(DataType.DT_INT32)).putAttr("N", AttrValue.newBuilder().setI(3).build())
            .putAttr("axis", AttrValue.newBuilder().setI(0).build()))
        .addNode(NodeDef.newBuilder().setName("r").setOp("Reshape").addInput("x").addInput("p")
            .putAttr("T", type(DataType.DT_FLOAT)).putAttr("Tshape", type(DataType.DT_INT32)))
        .addNode(intConstant("axis", 2))
        .addNode(NodeDef.newBuilder().setName("y").setOp("ConcatV2").addInput("r").addInput("r").addInput("axis")
            .putAttr("T", type(DataType.DT_FLOAT)).putAttr("N", AttrValue.newBuilder().setI(2).build())
            .putAttr("Tidx", type(DataType.DT_INT32)))
        .build();
    return savedModel(g, "y:0");
  }

  private static SavedModel savedModel(GraphDef graph, String output) {
    TensorShapeProto shape = shape(-1, 3);
    SignatureDef signature = SignatureDef.newBuilder()
        .setMethodName("tensorflow/serving/predict")
        .putInputs("x", TensorInfo.newBuilder().setName("x:0").setDtype(DataType.DT_FLOAT).setTensorShape(shape).build())
        .putOutputs("y", TensorInfo.newBuilder().setName(output).setDtype(DataType.DT_FLOAT).build())
        .build();
    MetaGraphDef meta = MetaGraphDef.newBuilder()
        .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve"))
        .setGraphDef(graph)
        .putSignatureDef("serving_default", signature)
        .build();
    return SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(meta).build();
  }

  private static NodeDef.Builder op(String op, String name, String... inputs) {
    NodeDef.Builder b = NodeDef.newBuilder().setName(name).setOp(op).putAttr("T", type(DataType.DT_FLOAT));
    for (String in : inputs) {
      b.addInput(in);
    }
    return b;
  }

  private static NodeDef placeholder(String name, long... dims) {
    return NodeDef.newBuilder().setName(name).setOp("Placeholder").putAttr("dtype", type(DataType.DT_FLOAT))
        .putAttr("shape", AttrValue.newBuilder().setShape(shape(dims)).build()).build();
  }

  private static NodeDef constant(String name, int[] dims, byte[] littleEndianFloats) {
    long[] d = java.util.Arrays.stream(dims).asLongStream().toArray();
    TensorProto value = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(d))
        .setTensorContent(com.google.protobuf.ByteString.copyFrom(littleEndianFloats)).build();
    return NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", type(DataType.DT_FLOAT))
        .putAttr("value", AttrValue.newBuilder().setTensor(value).build()).build();
  }

  private static NodeDef intConstant(String name, int v) {
    TensorProto value = TensorProto.newBuilder().setDtype(DataType.DT_INT32).setTensorShape(shape()).addIntVal(v)
        .build();
    return NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", type(DataType.DT_INT32))
        .putAttr("value", AttrValue.newBuilder().setTensor(value).build()).build();
  }

  private static TensorShapeProto shape(long... dims) {
    TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
    for (long d : dims) {
      b.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return b.build();
  }

  private static AttrValue type(DataType t) {
    return AttrValue.newBuilder().setType(t).build();
  }

  private static AttrValue bool(boolean b) {
    return AttrValue.newBuilder().setB(b).build();
  }

  // ---- numpy

  /** A version-1 .npy: magic, header padded to 64 bytes, data. */
  static byte[] npy(String descr, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
    return b.array();
  }

  private static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  private static byte[] longs(long... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long x : v) {
      b.putLong(x);
    }
    return b.array();
  }

  // ---- files

  private interface H5Content {
    void write(WritableHdfFile f);
  }

  private static byte[] h5(H5Content content) {
    try {
      Path file = Files.createTempFile("seed", ".h5");
      try {
        try (WritableHdfFile f = HdfFile.write(file)) {
          content.write(f);
        }
        return Files.readAllBytes(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void seed(Path root, String method, int n, byte[] data) throws IOException {
    Path dir = root.resolve(method);
    Files.createDirectories(dir);
    Files.write(dir.resolve("seed-" + n), data);
  }

  private static String tensor(String layer) {
    return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": null, \"dtype\": null, \"keras_history\": [\""
        + layer + "\", 0, 0]}}";
  }
}
