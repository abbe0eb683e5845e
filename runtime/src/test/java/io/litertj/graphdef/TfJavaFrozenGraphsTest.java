package io.litertj.graphdef;

import static io.litertj.testing.TensorData.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import io.litertj.ConversionException;
import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.legalize.shape.Graphs;
import io.litertj.testing.Closeness;
import io.litertj.testing.GraphDefOracle;
import io.litertj.testing.InputErrors;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SignatureSpec;
import io.litertj.testing.TensorData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Frozen graphs written by TF Java (weights as Const nodes), as binary {@code .pb} and as text
 * {@code .pbtxt}, converted and run in LiteRT against TensorFlow running the same GraphDef.
 */
class TfJavaFrozenGraphsTest {

  @TempDir
  Path dir;

  /** A small CNN: conv + bias + relu, max pool, reshape, matmul + bias, softmax; weights are constants. */
  private static GraphDef cnn() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.withName("image").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, 8, 8, 3)));
      Operand<TFloat32> filter = constant(tf, Graphs.randomFloats(1, 3, 3, 3, 4));
      Operand<TFloat32> conv = tf.nn.conv2d(x, filter, List.of(1L, 1L, 1L, 1L), "SAME");
      Operand<TFloat32> relu = tf.nn.relu(tf.nn.biasAdd(conv, constant(tf, Graphs.randomFloats(2, 4))));
      Operand<TFloat32> pool = tf.nn.maxPool(relu, tf.constant(new int[] {1, 2, 2, 1}),
          tf.constant(new int[] {1, 2, 2, 1}), "VALID");
      Operand<TFloat32> flat = tf.reshape(pool, tf.constant(new int[] {-1, 64}));
      Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(flat, constant(tf, Graphs.randomFloats(3, 64, 5))),
          constant(tf, Graphs.randomFloats(4, 5)));
      tf.withName("probabilities").nn.softmax(logits);
      return g.toGraphDef();
    }
  }

  private static Operand<TFloat32> constant(Ops tf, TensorData value) {
    return tf.constant(TFloat32.class, Shape.of(value.shape()), DataBuffers.of(value.bytes(), true, false));
  }

  @Test
  void binaryAndTextGraphDefsConvertToTheSameModel() throws IOException {
    GraphDef graph = cnn();
    Path pb = dir.resolve("cnn.pb");
    Files.write(pb, graph.toByteArray());
    Path pbtxt = dir.resolve("cnn.pbtxt");
    Files.writeString(pbtxt, TextFormat.printer().printToString(graph), StandardCharsets.UTF_8);

    ConversionResult binary = LiteRtConverter.fromGraphDef(pb, List.of("image"), List.of("probabilities")).convert();
    ConversionResult text = LiteRtConverter.fromGraphDef(pbtxt, List.of("image"), List.of("probabilities")).convert();
    assertEquals(1, binary.report().operatorCounts().get("CONV_2D"));
    assertEquals(1, binary.report().operatorCounts().get("FULLY_CONNECTED"));
    assertEquals(binary.report().operatorCounts(), text.report().operatorCounts());
    assertEquals(binary.bytes().length, text.bytes().length);

    try (LiteRtOracle lite = LiteRtOracle.load(binary.bytes()); LiteRtOracle fromText = LiteRtOracle.load(text.bytes());
        GraphDefOracle tf = GraphDefOracle.load(graph)) {
      SignatureSpec spec = lite.signature("serving_default");
      // batch size unknown and not given: 1, as tflite_convert makes it
      assertArrayEquals(shape(1, 8, 8, 3), spec.input("image").orElseThrow().shape());
      Map<String, TensorData> in = RandomInputs.seeded(7).forSignature(spec);
      Map<String, TensorData> reference = tf.run(in, List.of("probabilities"));
      Closeness.standard().assertAllClose(reference, lite.run("serving_default", in));
      Closeness.standard().assertAllClose(reference, fromText.run("serving_default", in));
      QuantizesInEveryMode.check("tf java cnn", binary.bytes(), in);
    }
  }

  @Test
  void aGivenShapeWithMinusOneKeepsTheBatchDynamic() throws IOException {
    GraphDef graph = cnn();
    Path pb = dir.resolve("cnn.pb");
    Files.write(pb, graph.toByteArray());
    ConversionResult result = LiteRtConverter.fromGraphDef(pb, List.of("image:0"), List.of("probabilities:0"),
        Map.of("image", new int[] {-1, 8, 8, 3})).convert();
    try (LiteRtOracle lite = LiteRtOracle.load(result.bytes()); GraphDefOracle tf = GraphDefOracle.load(graph)) {
      SignatureSpec spec = lite.signature("serving_default");
      assertArrayEquals(shape(-1, 8, 8, 3), spec.input("image").orElseThrow().shape());
      Map<String, TensorData> in = RandomInputs.seeded(8).batch(3).forSignature(spec);
      Closeness.standard().assertAllClose(tf.run(in, List.of("probabilities")), lite.run("serving_default", in));
    }
  }

  @Test
  void aShapeThatContradictsThePlaceholderIsRefused() throws IOException {
    Path pb = dir.resolve("cnn.pb");
    Files.write(pb, cnn().toByteArray());
    ConversionException e = InputErrors.assertInputError(() -> LiteRtConverter.fromGraphDef(pb, List.of("image"),
        List.of("probabilities"), Map.of("image", new int[] {1, 9, 8, 3})).convert());
    assertTrue(e.getMessage().contains("does not fit the placeholder's shape [-1, 8, 8, 3]"), e.getMessage());
  }

  @Test
  void multipleInputsAndOutputsInTheGivenOrder() throws IOException {
    GraphDef graph;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> a = tf.withName("a").placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 3)));
      Operand<TInt32> b = tf.withName("b").placeholder(TInt32.class, Placeholder.shape(Shape.of(3)));
      Operand<TFloat32> bf = tf.dtypes.cast(b, TFloat32.class);
      tf.withName("sum").math.add(a, bf);
      tf.withName("split").split(tf.constant(1), a, 3L);
      graph = g.toGraphDef();
    }
    Path pb = dir.resolve("two.pb");
    Files.write(pb, graph.toByteArray());
    List<String> outputs = List.of("split:2", "sum", "split:1");
    ConversionResult result = LiteRtConverter.fromGraphDef(pb, List.of("b", "a"), outputs).convert();
    try (LiteRtOracle lite = LiteRtOracle.load(result.bytes()); GraphDefOracle tf = GraphDefOracle.load(graph)) {
      SignatureSpec spec = lite.signature("serving_default");
      // the subgraph keeps the arrays' order (LiteRT lists a signature's names sorted)
      assertEquals(List.of("b", "a"), lite.inputs().stream().map(t -> t.name()).toList());
      assertEquals(List.of("split:2", "sum", "split:1"), lite.outputs().stream().map(t -> t.name()).toList());
      Map<String, TensorData> in = RandomInputs.seeded(9).forSignature(spec);
      Closeness.standard().assertAllClose(tf.run(in, outputs), lite.run("serving_default", in));
    }
  }

  @Test
  void anUnfrozenGraphIsRefusedWithTheFix() throws IOException {
    GraphDef graph;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 3)));
      Operand<TFloat32> w = tf.withName("w").variable(tf.constant(new float[][] {{1}, {2}, {3}}));
      tf.withName("y").linalg.matMul(x, w);
      graph = g.toGraphDef();
    }
    Path pb = dir.resolve("unfrozen.pb");
    Files.write(pb, graph.toByteArray());
    ConversionException e = InputErrors.assertInputError(
        () -> LiteRtConverter.fromGraphDef(pb, List.of("x"), List.of("y")).convert());
    assertTrue(e.getMessage().contains("variables, so the graph is not frozen: VariableV2 (node w)"), e.getMessage());
    assertTrue(e.getMessage().contains("convert_variables_to_constants"), e.getMessage());
  }

  @Test
  void aPlaceholderThatIsNotAnInputIsRefused() throws IOException {
    GraphDef graph;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(3)));
      Operand<TFloat32> y = tf.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(3)));
      tf.withName("z").math.mul(x, y);
      graph = g.toGraphDef();
    }
    Path pb = dir.resolve("two_inputs.pb");
    Files.write(pb, graph.toByteArray());
    ConversionException e = InputErrors.assertInputError(
        () -> LiteRtConverter.fromGraphDef(pb, List.of("x"), List.of("z")).convert());
    assertTrue(e.getMessage().contains("placeholders that are not input arrays: y"), e.getMessage());
    assertTrue(e.getMessage().contains("Add them to --input_arrays"), e.getMessage());
  }

  @Test
  void namesThatAreNotInTheGraphAreRefusedWithTheCandidates() throws IOException {
    Path pb = dir.resolve("cnn.pb");
    Files.write(pb, cnn().toByteArray());
    ConversionException in = InputErrors.assertInputError(
        () -> LiteRtConverter.fromGraphDef(pb, List.of("input"), List.of("probabilities")).convert());
    assertTrue(in.getMessage().contains("no node 'input' for input array 'input'"), in.getMessage());
    assertTrue(in.getMessage().contains("placeholders are [image]"), in.getMessage());
    ConversionException out = InputErrors.assertInputError(
        () -> LiteRtConverter.fromGraphDef(pb, List.of("image"), List.of("softmax")).convert());
    assertTrue(out.getMessage().contains("nodes nothing in the graph consumes: [probabilities]"), out.getMessage());
  }

  @Test
  void aFileThatIsNoGraphDefSaysSo() throws IOException {
    Path bad = dir.resolve("model.pb");
    Files.write(bad, new byte[] {0x0a, 0x7f, 0x01, 0x02});
    ConversionException e = InputErrors.assertInputError(
        () -> LiteRtConverter.fromGraphDef(bad, List.of("x"), List.of("y")).convert());
    assertTrue(e.getMessage().contains("not a GraphDef, neither binary"), e.getMessage());
    ConversionException missing = InputErrors.assertInputError(
        () -> LiteRtConverter.fromGraphDef(dir.resolve("absent.pb"), List.of("x"), List.of("y")).convert());
    assertTrue(missing.getMessage().contains("GraphDef file not found"), missing.getMessage());
  }
}
