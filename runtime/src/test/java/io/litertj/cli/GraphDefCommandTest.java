package io.litertj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import io.litertj.legalize.shape.Graphs;
import io.litertj.testing.Closeness;
import io.litertj.testing.ElementType;
import io.litertj.testing.GraphDefOracle;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
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

/** {@code litert-convert --graph_def_file}: tflite_convert's frozen-graph flags, run as the command. */
class GraphDefCommandTest {

  @TempDir
  static Path temp;
  static GraphDef dense;
  static Path densePb;

  @BeforeAll
  static void writeGraph() throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.withName("features").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 16)));
      TensorData w = Graphs.randomFloats(21, 16, 8);
      TensorData b = Graphs.randomFloats(22, 8);
      Operand<TFloat32> h = tf.nn.relu(tf.math.add(tf.linalg.matMul(x,
          tf.constant(TFloat32.class, Shape.of(16, 8), DataBuffers.of(w.bytes(), true, false))),
          tf.constant(TFloat32.class, Shape.of(8), DataBuffers.of(b.bytes(), true, false))));
      tf.withName("scores").nn.softmax(h);
      dense = g.toGraphDef();
    }
    densePb = temp.resolve("dense.pb");
    Files.write(densePb, dense.toByteArray());
  }

  record Outcome(int exit, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = LiteRtConvertCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void convertsTheOfficialAddGraphWithTfliteConvertFlags() throws IOException {
    Path pbtxt = SharedModels.path("litert_converter_end2end_graphdef/add.pbtxt");
    Path out = temp.resolve("add.tflite");
    Outcome o = run("--graph_def_file", pbtxt.toString(), "--output_file", out.toString(),
        "--input_arrays", "input0,input1", "--output_arrays", "Add", "--input_shapes", "4:4");
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("Wrote " + out) && o.out().contains("ADD"), o.out());
    GraphDef.Builder graph = GraphDef.newBuilder();
    TextFormat.merge(Files.readString(pbtxt), graph);
    try (LiteRtOracle lite = LiteRtOracle.load(out); GraphDefOracle tf = GraphDefOracle.load(graph.build())) {
      Map<String, TensorData> in = RandomInputs.seeded(3).forSignature(lite.signature("serving_default"));
      Closeness.standard().assertAllClose(tf.run(in, List.of("Add")), lite.run("serving_default", in));
    }
  }

  @Test
  void quantizesAFrozenGraphToInt8WithADataset() throws IOException {
    Path npz = temp.resolve("calibration.npz");
    writeNpz(npz, "features", RandomInputs.seeded(5).batch(32).forInputs(
        List.of(new io.litertj.testing.TensorSpec("features", ElementType.FLOAT32, new long[] {-1, 16})))
        .get("features"));
    Path out = temp.resolve("dense_int8.tflite");
    Outcome o = run("--graph_def_file", densePb.toString(), "--output_file", out.toString(),
        "--input_arrays", "features", "--output_arrays", "scores", "--input_shapes", "-1,16",
        "--quantize", "int8", "--representative_dataset", npz.toString(),
        "--inference_input_type", "int8", "--inference_output_type", "int8");
    assertEquals(0, o.exit(), o.err());
    try (LiteRtOracle lite = LiteRtOracle.load(out)) {
      assertEquals(ElementType.INT8, lite.signature("serving_default").inputs().get(0).type());
      assertEquals(-1, lite.signature("serving_default").inputs().get(0).shape()[0]);
    }
  }

  @Test
  void missingOutputArraysIsAUsageError() {
    Outcome o = run("--graph_def_file", densePb.toString(), "--output_file", temp.resolve("x.tflite").toString(),
        "--input_arrays", "features");
    assertEquals(2, o.exit(), o.err());
    assertTrue(o.err().contains("--graph_def_file needs --input_arrays and --output_arrays"), o.err());
    assertFalse(Files.exists(temp.resolve("x.tflite")));
  }

  @Test
  void inputArraysWithoutAGraphDefIsAUsageError() {
    Outcome o = run("--saved_model_dir", temp.toString(), "--output_file", temp.resolve("y.tflite").toString(),
        "--input_arrays", "features");
    assertEquals(2, o.exit(), o.err());
    assertTrue(o.err().contains("--input_arrays applies to --graph_def_file only"), o.err());
  }

  @Test
  void oneShapePerInputArray() {
    Outcome o = run("--graph_def_file", densePb.toString(), "--output_file", temp.resolve("z.tflite").toString(),
        "--input_arrays", "features", "--output_arrays", "scores", "--input_shapes", "1,16:1,4");
    assertEquals(2, o.exit(), o.err());
    assertTrue(o.err().contains("--input_shapes gives 2 shapes for 1 input arrays"), o.err());
    Outcome bad = run("--graph_def_file", densePb.toString(), "--output_file", temp.resolve("z.tflite").toString(),
        "--input_arrays", "features", "--output_arrays", "scores", "--input_shapes", "1,x");
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("must be integers"), bad.err());
  }

  @Test
  void controlFlowV1ExitsWithOneByName() {
    Path pbtxt = SharedModels.path("litert_converter_end2end_graphdef/control_flow_v1.pbtxt");
    Outcome o = run("--graph_def_file", pbtxt.toString(), "--output_file", temp.resolve("cf.tflite").toString(),
        "--input_arrays", "Placeholder,Placeholder_1", "--output_arrays", "cond/Merge", "--input_shapes", "1,2:");
    assertEquals(1, o.exit(), o.err());
    assertTrue(o.err().contains("TF1 control flow") && o.err().contains("Merge (node cond/Merge)"), o.err());
    assertFalse(o.err().contains("Exception"), o.err());
  }

  /** One float32 array as numpy writes it: a .npy entry (format 1.0) in a zip. */
  static void writeNpz(Path file, String name, TensorData data) throws IOException {
    StringBuilder shape = new StringBuilder("(");
    for (long d : data.shape()) {
      shape.append(d).append(", ");
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape.toString().replaceAll(", $", ",")
        + "), }";
    int total = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteArrayOutputStream npy = new ByteArrayOutputStream();
    npy.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    npy.write(header.length() & 0xff);
    npy.write(header.length() >> 8);
    npy.write(header.getBytes(StandardCharsets.US_ASCII));
    npy.write(data.bytes());
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry(name + ".npy"));
      zip.write(npy.toByteArray());
      zip.closeEntry();
    }
  }
}
