package io.litertj.graphdef;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import io.litertj.ConversionException;
import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.testing.Closeness;
import io.litertj.testing.GraphDefOracle;
import io.litertj.testing.InputErrors;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SharedModels;
import io.litertj.testing.SignatureSpec;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;

/**
 * The official converter's own end-to-end GraphDef inputs ({@code tflite/converter/tests/end2end},
 * in {@code ../shared/models/litert_converter_end2end_graphdef}), converted with the arrays and
 * shapes of each file's RUN line. The expected ops and shapes are those of the file's CHECK lines;
 * the numbers are judged by TensorFlow running the same GraphDef, against LiteRT running ours.
 * Where the official converter fails (or makes a custom op), we refuse by name.
 */
class OfficialGraphDefsTest {

  private static final String DIR = "litert_converter_end2end_graphdef/";

  @Test
  void addOfTwoInt32Vectors() throws IOException {
    // CHECK: one ADD, inputs input0/input1 INT32 [4], output "Add" INT32 [4]
    Converted c = convert("add.pbtxt", List.of("input0", "input1"), List.of("Add"),
        Map.of("input0", new int[] {4}, "input1", new int[] {4}));
    assertEquals(Map.of("ADD", 1), c.result().report().operatorCounts());
    c.assertSpec("input0", "INT32", 4);
    c.assertSpec("input1", "INT32", 4);
    c.assertOutput("Add", "INT32", 4);
    c.assertMatchesTensorFlow(RandomInputs.seeded(1).ints(-1000, 1000));
    c.quantizesInEveryMode();
  }

  @Test
  void addOfFloatsQuantizesInEveryMode() throws IOException {
    // quant_stats.pbtxt: the official test quantizes with given ranges; the float graph is one ADD
    Converted c = convert("quant_stats.pbtxt", List.of("input0", "input1"), List.of("Add"),
        Map.of("input0", new int[] {4}, "input1", new int[] {4}));
    assertEquals(Map.of("ADD", 1), c.result().report().operatorCounts());
    c.assertOutput("Add", "FLOAT32", 4);
    c.assertMatchesTensorFlow(RandomInputs.seeded(2).floats(-2, 2));
    c.quantizesInEveryMode();
  }

  @Test
  void identityOfAnInputThatIsNotAPlaceholder() throws IOException {
    // graph-input-node: "input" is an Identity of a Const; naming it makes it the input, and the
    // output is that input unchanged (CHECK: return %arg0, tensor<4xi32>)
    Converted c = convert("graph-input-node.pbtxt", List.of("input"), List.of("output"),
        Map.of("input", new int[] {4}));
    assertEquals(Map.of(), c.result().report().operatorCounts());
    c.assertSpec("input", "INT32", 4);
    c.assertOutput("output", "INT32", 4);
    c.assertMatchesTensorFlow(RandomInputs.seeded(3));
  }

  @Test
  void placeholdersWithDefaultThatAreNotInputsAreTheirDefaults() throws IOException {
    // CHECK: (tensor<1x8x8x2xi32>) -> (tensor<1x8x8x2xi32>, tensor<i32>, tensor<10xi32>), the last two
    // constant zeros
    Converted c = convert("graph_with_placeholder_with_default.pbtxt", List.of("unranked"),
        List.of("unranked", "static", "static_10"), Map.of("unranked", new int[] {1, 8, 8, 2}));
    c.assertSpec("unranked", "INT32", 1, 8, 8, 2);
    c.assertOutput("unranked", "INT32", 1, 8, 8, 2);
    c.assertOutput("static", "INT32");
    c.assertOutput("static_10", "INT32", 10);
    c.assertMatchesTensorFlow(RandomInputs.seeded(4));
  }

  @Test
  void statefulAndStatelessIfBecomeIfOperators() throws IOException {
    // RUN: -tf-input-shapes=: (two scalars); CHECK: two tf.If with sub/div and add/mul branches
    Converted c = convert("if_op.pbtxt", List.of("a", "b"), List.of("StatefulIf", "StatelessIf"),
        Map.of("a", new int[0], "b", new int[0]));
    assertEquals(2, c.result().report().operatorCounts().get("IF"));
    c.assertSpec("a", "FLOAT32");
    c.assertSpec("b", "FLOAT32");
    for (long seed = 5; seed < 11; seed++) { // both branches of both ifs
      c.assertMatchesTensorFlow(RandomInputs.seeded(seed).floats(-2, 2));
    }
  }

  @Test
  void batchMatMulOfRank3ByRank2() throws IOException {
    for (String file : List.of("unroll_batch_matmul.pbtxt", "unroll_batch_matmul_disabled.pbtxt")) {
      // CHECK: (tensor<2x5x3xf32>, tensor<3x7xf32>) -> tensor<2x5x7xf32>
      Converted c = convert(file, List.of("Placeholder", "Placeholder_1"), List.of("MatMul"),
          Map.of("Placeholder", new int[] {2, 5, 3}, "Placeholder_1", new int[] {3, 7}));
      c.assertSpec("Placeholder", "FLOAT32", 2, 5, 3);
      c.assertSpec("Placeholder_1", "FLOAT32", 3, 7);
      c.assertOutput("MatMul", "FLOAT32", 2, 5, 7);
      c.assertMatchesTensorFlow(RandomInputs.seeded(12));
      c.quantizesInEveryMode();
    }
  }

  @Test
  void controlFlowV1IsRefusedByName() {
    // CHECK: error: The graph has Control Flow V1 ops.
    ConversionException e = refused("control_flow_v1.pbtxt", List.of("Placeholder", "Placeholder_1"),
        List.of("cond/Merge"), Map.of("Placeholder", new int[] {1, 2}, "Placeholder_1", new int[0]));
    assertTrue(e.getMessage().contains("TF1 control flow"), e.getMessage());
    assertTrue(e.getMessage().contains("Switch (") && e.getMessage().contains("Merge (node cond/Merge)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("tf.while_loop in a tf.function"), e.getMessage());
  }

  @Test
  void customOpIsRefusedByName() {
    // the official converter wraps it in a custom op LiteRT cannot run without a kernel
    ConversionException e = refused("custom_opdef.pbtxt", List.of("input0", "input1"), List.of("output"),
        Map.of("input0", new int[] {4}, "input1", new int[] {4}));
    assertTrue(e.getMessage().contains("BannaPotatoSaladWithColeslaw (node output)"), e.getMessage());
  }

  @Test
  void functionArgumentsInTheMainGraphAreRefused() {
    // CHECK: error: The Graph contains unsupported `StatefulPartionedCallOp`(s): its resource argument
    // is an _Arg node outside any function
    ConversionException e = refused("disallow_stateful_partitioned_call.pbtxt", List.of("input0"), List.of("add"),
        Map.of("input0", new int[] {-1}));
    assertTrue(e.getMessage().contains("_Arg (node args_0)"), e.getMessage());
    assertFalse(e.getMessage().contains("StatefulPartitionedCall ("), e.getMessage()); // calls are inlined
  }

  @Test
  void fakeQuantGraphsAreRefusedByName() {
    // quantization-aware training graphs: the official converter needs -tf-inference-type=DT_QINT8
    for (String file : List.of("fake_quant_per_channel.pbtxt", "fake_quant_per_channel_4bit.pbtxt",
        "fake_quant_without_identity.pbtxt", "fake_quant_without_identity_4bit.pbtxt")) {
      ConversionException e = refused(file, List.of("input"), List.of("output"), Map.of("input", new int[] {1, 1, 1, 256}));
      assertTrue(e.getMessage().contains("fake quantization from quantization-aware training")
          && e.getMessage().contains("FakeQuantWithMinMaxVars ("), file + ": " + e.getMessage());
    }
  }

  @Test
  void anInputWithoutShapeAsksForInputShapes() {
    // add.pbtxt's placeholders declare no shape: tflite_convert asks for one too
    ConversionException e = refused("add.pbtxt", List.of("input0", "input1"), List.of("Add"), Map.of());
    assertTrue(e.getMessage().contains("input 'input0' has no shape in the graph"), e.getMessage());
    assertTrue(e.getMessage().contains("--input_shapes"), e.getMessage());
  }

  private static ConversionException refused(String file, List<String> inputs, List<String> outputs,
      Map<String, int[]> shapes) {
    Path path = SharedModels.path(DIR + file);
    return InputErrors.assertInputError(() -> LiteRtConverter.fromGraphDef(path, inputs, outputs, shapes).convert());
  }

  private static Converted convert(String file, List<String> inputs, List<String> outputs, Map<String, int[]> shapes)
      throws IOException {
    Path path = SharedModels.path(DIR + file);
    ConversionResult result = LiteRtConverter.fromGraphDef(path, inputs, outputs, shapes).convert();
    GraphDef.Builder graph = GraphDef.newBuilder();
    TextFormat.merge(Files.readString(path), graph);
    return new Converted(file, graph.build(), outputs, result);
  }

  /** A converted file, with what to compare it against. */
  private record Converted(String file, GraphDef graph, List<String> outputs, ConversionResult result) {

    SignatureSpec spec() {
      try (LiteRtOracle lite = LiteRtOracle.load(result.bytes())) {
        assertEquals(List.of("serving_default"), lite.signatureKeys(), file);
        return lite.signature("serving_default");
      }
    }

    void assertSpec(String input, String type, long... shape) {
      TensorSpec spec = spec().inputs().stream().filter(t -> t.name().equals(input)).findFirst().orElseThrow();
      assertEquals(type, spec.type().name(), file + " input " + input);
      assertArrayEquals(shape, spec.shape(), file + " input " + input);
    }

    void assertOutput(String output, String type, long... shape) {
      TensorSpec spec = spec().outputs().stream().filter(t -> t.name().equals(output)).findFirst().orElseThrow();
      assertEquals(type, spec.type().name(), file + " output " + output);
      assertArrayEquals(shape, spec.shape(), file + " output " + output);
    }

    void assertMatchesTensorFlow(RandomInputs random) {
      try (LiteRtOracle lite = LiteRtOracle.load(result.bytes()); GraphDefOracle tf = GraphDefOracle.load(graph)) {
        Map<String, TensorData> in = random.forSignature(lite.signature("serving_default"));
        Map<String, TensorData> ours = lite.run("serving_default", in);
        Map<String, TensorData> reference = new LinkedHashMap<>();
        tf.run(in, outputs).forEach((name, t) -> reference.put(FrozenGraph.displayName(name), t));
        Closeness.standard().assertAllClose(reference, ours);
      }
    }

    void quantizesInEveryMode() {
      try (LiteRtOracle lite = LiteRtOracle.load(result.bytes())) {
        QuantizesInEveryMode.check(file, result.bytes(),
            RandomInputs.seeded(99).forSignature(lite.signature("serving_default")));
      }
    }
  }
}
