package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.LiteRtConverter;
import io.litertj.dataset.NdArray;
import io.litertj.ir.DataType;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.TensorData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recurrent-layer options the shared Keras files do not cover (initial states, go_backwards with
 * return_state, use_bias=False, relu / relu6, time_major, Bidirectional sum, activations the fused
 * kernels lack, masks), in files written here, judged by {@link RecurrentReference}, fused (the
 * default) and unrolled: a batch of 2, again, and one sample alone.
 */
class KerasRecurrentFeaturesTest {

  private static final int T = 5;
  private static final int F = 3;
  private static final int U = 4;
  private static final int B = 2;

  @TempDir
  Path dir;

  private final Random random = new Random(42);

  // ---- Keras 3 configs

  private static String kt(String layer, int index) {
    return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": null, \"dtype\": \"float32\", "
        + "\"keras_history\": [\"" + layer + "\", 0, " + index + "]}}";
  }

  private static String input(String name, String shape) {
    return "{\"class_name\": \"InputLayer\", \"name\": \"" + name + "\", \"config\": {\"batch_shape\": " + shape
        + ", \"dtype\": \"float32\", \"name\": \"" + name + "\"}, \"inbound_nodes\": []}";
  }

  private static String layer(String cls, String name, String config, String args, String kwargs) {
    return "{\"module\": \"keras.layers\", \"class_name\": \"" + cls + "\", \"name\": \"" + name + "\", \"config\": {\"name\": \""
        + name + "\", " + config + "}, \"inbound_nodes\": [{\"args\": " + args + ", \"kwargs\": " + kwargs + "}]}";
  }

  private static String functional(List<String> layers, String inputs, String outputs) {
    return "{\"module\": \"keras\", \"class_name\": \"Functional\", \"config\": {\"name\": \"m\", \"layers\": ["
        + String.join(", ", layers) + "], \"input_layers\": " + inputs + ", \"output_layers\": " + outputs + "}}";
  }

  // ---- data

  private float[][] matrix(int rows, int cols) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) (random.nextGaussian() * 0.5);
      }
    }
    return m;
  }

  private float[] vector(int n) {
    return matrix(1, n)[0];
  }

  private static float[] flat(float[][][] x) {
    List<Float> out = new ArrayList<>();
    for (float[][] a : x) {
      for (float[] b : a) {
        for (float v : b) {
          out.add(v);
        }
      }
    }
    float[] f = new float[out.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = out.get(i);
    }
    return f;
  }

  private static float[] flat(float[][] x) {
    return flat(new float[][][] {x});
  }

  /** Weights of one LSTM or SimpleRNN layer. */
  private record Cell(float[][] kernel, float[][] recurrent, float[] bias, int gates) {
    List<Object> arrays() {
      return bias == null ? List.of(kernel, recurrent) : List.of(kernel, recurrent, bias);
    }
  }

  private Cell cell(int gates, boolean bias) {
    return new Cell(matrix(F, gates * U), matrix(U, gates * U), bias ? vector(gates * U) : null, gates);
  }

  private RecurrentReference.Run ref(Cell cell, float[][] x, float[] h0, float[] c0, boolean backwards,
      DoubleUnaryOperator act, DoubleUnaryOperator rec) {
    return RecurrentReference.run(x, cell.kernel(), cell.recurrent(), cell.bias(), cell.gates(), h0, c0, backwards, act, rec);
  }

  /** A batch of LSTM inputs with random initial states, and the reference's sequence and final states. */
  private record Stateful(float[][][] x, float[][] h0, float[][] c0, float[][][] seq, float[][] h, float[][] c) {}

  private Stateful stateful(Cell cell, int steps, boolean backwards, DoubleUnaryOperator rec) {
    float[][][] x = new float[B][][];
    float[][] h0 = matrix(B, U);
    float[][] c0 = matrix(B, U);
    float[][][] seq = new float[B][][];
    float[][] h = new float[B][];
    float[][] c = new float[B][];
    for (int b = 0; b < B; b++) {
      x[b] = matrix(steps, F);
      RecurrentReference.Run r = ref(cell, x[b], h0[b], c0[b], backwards, RecurrentReference.TANH, rec);
      seq[b] = r.sequence();
      h[b] = r.h();
      c[b] = r.c();
    }
    return new Stateful(x, h0, c0, seq, h, c);
  }

  // ---- running

  /**
   * Converts fused and unrolled, checks each in LiteRT against {@code expected} (output order), and
   * returns the fused op list.
   */
  private List<String> check(Path file, Map<String, TensorData> inputs, List<TensorData> expected, boolean fusedForm)
      throws Exception {
    List<String> fusedOps = null;
    for (boolean unroll : new boolean[] {false, true}) {
      byte[] tflite = LiteRtConverter.fromKeras(file).unrollRecurrent(unroll).convert().bytes();
      List<String> ops = KerasHarness.ops(tflite);
      boolean fused = ops.stream().anyMatch(o -> o.startsWith("UNIDIRECTIONAL_SEQUENCE"));
      assertEquals(fusedForm && !unroll, fused, ops.toString());
      assertEquals(!fused, ops.contains("UNPACK"), ops.toString());
      try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
        for (int run = 0; run < 2; run++) {
          compare("unroll " + unroll + " run " + run, lite.run(KerasPipeline.SIGNATURE_KEY, inputs), expected, -1);
        }
        Map<String, TensorData> one = new LinkedHashMap<>();
        inputs.forEach((k, v) -> one.put(k, KerasRecurrentModelsTest.slice(v, 1)));
        compare("unroll " + unroll + " sample 1", lite.run(KerasPipeline.SIGNATURE_KEY, one), expected, 1);
      }
      if (!unroll) {
        QuantizesInEveryMode.check(file.getFileName().toString(), tflite, inputs);
        checkInt8(file, inputs, expected);
        fusedOps = ops;
      }
    }
    return fusedOps;
  }

  /** Full int8 (an LSTM's integer kernel, initial states stored through QUANTIZE) stays close to the reference. */
  private static void checkInt8(Path file, Map<String, TensorData> inputs, List<TensorData> expected) {
    Map<String, NdArray> sample = new LinkedHashMap<>();
    inputs.forEach((k, v) -> sample.put(k, new NdArray(DataType.FLOAT32,
        java.util.Arrays.stream(v.shape()).mapToInt(d -> (int) d).toArray(), v.bytes())));
    byte[] q = LiteRtConverter.fromKeras(file).quantize(QuantizationOptions.of(QuantizationMode.INT8))
        .representativeDataset(List.of(sample)).qualityReport(false).convert().bytes();
    try (LiteRtOracle lite = LiteRtOracle.load(q)) {
      int i = 0;
      for (TensorData got : lite.run(KerasPipeline.SIGNATURE_KEY, inputs).values()) {
        double snr = Closeness.snrDb(expected.get(i++), got);
        assertTrue(snr > 20, file.getFileName() + " int8 " + got.name() + ": SNR " + snr + " dB");
      }
    }
  }

  private static void compare(String what, Map<String, TensorData> ours, List<TensorData> expected, int sample) {
    assertEquals(expected.size(), ours.size(), what + ": outputs " + ours.keySet());
    int i = 0;
    for (TensorData got : ours.values()) {
      TensorData ref = sample < 0 ? expected.get(i) : KerasRecurrentModelsTest.slice(expected.get(i), sample);
      Closeness.Comparison c = Closeness.standard().compare(ref, got);
      assertTrue(c.passed(), what + " output " + i + " (" + got.name() + "): " + c.describe());
      i++;
    }
  }

  private static TensorData data(String name, long[] shape, float[] values) {
    return TensorData.ofFloats(shape, values).named(name);
  }

  // ---- cases

  @Test
  void lstmWithInitialStatesReturnsSequenceAndStates() throws Exception {
    Cell cell = cell(4, true);
    Stateful run = stateful(cell, T, false, RecurrentReference.SIGMOID);
    float[][][] x = run.x();
    float[][] h0 = run.h0();
    float[][] c0 = run.c0();
    float[][][] seq = run.seq();
    float[][] h = run.h();
    float[][] c = run.c();
    String config = functional(List.of(input("x", "[null, 5, 3]"), input("h0", "[null, 4]"), input("c0", "[null, 4]"),
            layer("LSTM", "lstm", "\"units\": 4, \"return_sequences\": true, \"return_state\": true, \"unroll\": true",
                "[" + kt("x", 0) + "]", "{\"initial_state\": [" + kt("h0", 0) + ", " + kt("c0", 0)
                    + "], \"training\": false, \"mask\": null}")),
        "[[\"x\", 0, 0], [\"h0\", 0, 0], [\"c0\", 0, 0]]", "[[\"lstm\", 0, 0], [\"lstm\", 0, 1], [\"lstm\", 0, 2]]");
    var w = KerasFixtures.weights();
    w.put("lstm", cell.arrays());
    Path file = KerasFixtures.keras3(dir, "lstm_initial", config, w);
    Map<String, TensorData> inputs = new LinkedHashMap<>();
    inputs.put("x", data("x", new long[] {B, T, F}, flat(x)));
    inputs.put("h0", data("h0", new long[] {B, U}, flat(h0)));
    inputs.put("c0", data("c0", new long[] {B, U}, flat(c0)));
    List<String> ops = check(file, inputs, List.of(TensorData.ofFloats(new long[] {B, T, U}, flat(seq)),
        TensorData.ofFloats(new long[] {B, U}, flat(h)), TensorData.ofFloats(new long[] {B, U}, flat(c))), true);
    assertTrue(!ops.contains("FILL"), "the initial states are copied, not zeros: " + ops);
  }

  @Test
  void simpleRnnRelu6WithoutBiasBackwardsWithInitialStateAndReturnState() throws Exception {
    Cell cell = cell(1, false);
    float[][][] x = new float[B][][];
    float[][] h0 = matrix(B, U);
    float[][] last = new float[B][];
    for (int b = 0; b < B; b++) {
      x[b] = matrix(T, F);
      last[b] = ref(cell, x[b], h0[b], null, true, RecurrentReference.RELU6, null).h();
    }
    String config = functional(List.of(input("x", "[null, 5, 3]"), input("h0", "[null, 4]"),
            layer("SimpleRNN", "rnn", "\"units\": 4, \"activation\": \"relu6\", \"use_bias\": false, \"go_backwards\": true, "
                + "\"return_state\": true", "[" + kt("x", 0) + "]", "{\"initial_state\": [" + kt("h0", 0) + "]}")),
        "[[\"x\", 0, 0], [\"h0\", 0, 0]]", "[[\"rnn\", 0, 0], [\"rnn\", 0, 1]]");
    var w = KerasFixtures.weights();
    w.put("rnn", cell.arrays());
    Path file = KerasFixtures.keras3(dir, "rnn_relu6", config, w);
    Map<String, TensorData> inputs = new LinkedHashMap<>();
    inputs.put("x", data("x", new long[] {B, T, F}, flat(x)));
    inputs.put("h0", data("h0", new long[] {B, U}, flat(h0)));
    TensorData h = TensorData.ofFloats(new long[] {B, U}, flat(last));
    check(file, inputs, List.of(h, h), true);
  }

  /** A one-recurrent-layer Keras 3 model on x [batch, 5, 3]; returns its file. */
  private Path single(String name, String cls, String config, List<Object> weights) throws Exception {
    String json = functional(List.of(input("x", "[null, 5, 3]"), layer(cls, "l", config, "[" + kt("x", 0) + "]", "{}")),
        "[[\"x\", 0, 0]]", "[[\"l\", 0, 0]]");
    var w = KerasFixtures.weights();
    w.put("l", weights);
    return KerasFixtures.keras3(dir, name, json, w);
  }

  private void checkSequence(String name, String cls, String config, Cell cell, boolean backwards,
      DoubleUnaryOperator act, DoubleUnaryOperator rec, boolean fused) throws Exception {
    float[][][] x = new float[B][][];
    float[][][] seq = new float[B][][];
    for (int b = 0; b < B; b++) {
      x[b] = matrix(T, F);
      seq[b] = ref(cell, x[b], null, null, backwards, act, rec).sequence();
    }
    Path file = single(name, cls, config, cell.arrays());
    check(file, Map.of("x", data("x", new long[] {B, T, F}, flat(x))),
        List.of(TensorData.ofFloats(new long[] {B, T, U}, flat(seq))), fused);
  }

  @Test
  void lstmReluWithoutBiasGoingBackwards() throws Exception {
    checkSequence("lstm_relu", "LSTM", "\"units\": 4, \"activation\": \"relu\", \"use_bias\": false, \"go_backwards\": true, "
        + "\"return_sequences\": true", cell(4, false), true, RecurrentReference.RELU, RecurrentReference.SIGMOID, true);
  }

  @Test
  void lstmWithHardSigmoidGatesStaysUnrolled() throws Exception {
    checkSequence("lstm_hard", "LSTM", "\"units\": 4, \"recurrent_activation\": \"hard_sigmoid\", \"return_sequences\": true",
        cell(4, true), false, RecurrentReference.TANH, RecurrentReference.HARD_SIGMOID, false);
  }

  /**
   * An LSTM the fused kernel cannot compute (hard_sigmoid gates) over 12 steps, more than are
   * unrolled: a WHILE over one step, with initial states, going backwards, returning the sequence
   * and the states; the same outputs unrolled.
   */
  @Test
  void lstmWithHardSigmoidGatesOverTwelveStepsIsALoop() throws Exception {
    int steps = 12;
    Cell cell = cell(4, true);
    Stateful ref = stateful(cell, steps, true, RecurrentReference.HARD_SIGMOID);
    float[][][] x = ref.x();
    float[][] h0 = ref.h0();
    float[][] c0 = ref.c0();
    float[][][] seq = ref.seq();
    float[][] h = ref.h();
    float[][] c = ref.c();
    String config = functional(List.of(input("x", "[null, 12, 3]"), input("h0", "[null, 4]"), input("c0", "[null, 4]"),
            layer("LSTM", "lstm", "\"units\": 4, \"recurrent_activation\": \"hard_sigmoid\", \"go_backwards\": true, "
                + "\"return_sequences\": true, \"return_state\": true", "[" + kt("x", 0) + "]",
                "{\"initial_state\": [" + kt("h0", 0) + ", " + kt("c0", 0) + "]}")),
        "[[\"x\", 0, 0], [\"h0\", 0, 0], [\"c0\", 0, 0]]", "[[\"lstm\", 0, 0], [\"lstm\", 0, 1], [\"lstm\", 0, 2]]");
    var w = KerasFixtures.weights();
    w.put("lstm", cell.arrays());
    Path file = KerasFixtures.keras3(dir, "lstm_loop", config, w);
    Map<String, TensorData> inputs = new LinkedHashMap<>();
    inputs.put("x", data("x", new long[] {B, steps, F}, flat(x)));
    inputs.put("h0", data("h0", new long[] {B, U}, flat(h0)));
    inputs.put("c0", data("c0", new long[] {B, U}, flat(c0)));
    List<TensorData> expected = List.of(TensorData.ofFloats(new long[] {B, steps, U}, flat(seq)),
        TensorData.ofFloats(new long[] {B, U}, flat(h)), TensorData.ofFloats(new long[] {B, U}, flat(c)));
    for (boolean unroll : new boolean[] {false, true}) {
      byte[] tflite = LiteRtConverter.fromKeras(file).unrollRecurrent(unroll).convert().bytes();
      List<String> ops = KerasHarness.ops(tflite);
      assertEquals(!unroll, ops.contains("WHILE"), ops.toString());
      assertEquals(unroll, ops.contains("UNPACK"), ops.toString());
      try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
        for (int run = 0; run < 2; run++) {
          compare("unroll " + unroll + " run " + run, lite.run(KerasPipeline.SIGNATURE_KEY, inputs), expected, -1);
        }
      }
      QuantizesInEveryMode.check("lstm_loop unroll " + unroll, tflite, inputs);
    }
  }

  @Test
  void linearSimpleRnnStaysUnrolled() throws Exception {
    checkSequence("rnn_linear", "SimpleRNN", "\"units\": 4, \"activation\": \"linear\", \"return_sequences\": true",
        cell(1, true), false, RecurrentReference.LINEAR, null, false);
  }

  @Test
  void bidirectionalLstmSumOfSequences() throws Exception {
    Cell fwd = cell(4, true);
    Cell bwd = cell(4, true);
    float[][][] x = new float[B][][];
    float[][][] sum = new float[B][T][U];
    for (int b = 0; b < B; b++) {
      x[b] = matrix(T, F);
      float[][] f = ref(fwd, x[b], null, null, false, RecurrentReference.TANH, RecurrentReference.SIGMOID).sequence();
      float[][] r = ref(bwd, x[b], null, null, true, RecurrentReference.TANH, RecurrentReference.SIGMOID).sequence();
      for (int t = 0; t < T; t++) {
        for (int u = 0; u < U; u++) {
          sum[b][t][u] = f[t][u] + r[T - 1 - t][u]; // the backward sequence, back in time order
        }
      }
    }
    List<Object> weights = new ArrayList<>(fwd.arrays());
    weights.addAll(bwd.arrays());
    Path file = single("bilstm_sum", "Bidirectional", "\"merge_mode\": \"sum\", \"layer\": {\"class_name\": \"LSTM\", "
        + "\"config\": {\"name\": \"lstm\", \"units\": 4, \"return_sequences\": true}}", weights);
    List<String> ops = check(file, Map.of("x", data("x", new long[] {B, T, F}, flat(x))),
        List.of(TensorData.ofFloats(new long[] {B, T, U}, flat(sum))), true);
    assertEquals(2, ops.stream().filter("UNIDIRECTIONAL_SEQUENCE_LSTM"::equals).count(), ops.toString());
  }

  /** A Keras 2 file: time_major LSTM whose initial states are further inputs of its call. */
  @Test
  void keras2TimeMajorLstmWithInitialStateInputs() throws Exception {
    Cell cell = cell(4, true);
    float[][][] x = new float[B][][];
    float[][] h0 = matrix(B, U);
    float[][] c0 = matrix(B, U);
    float[][][] seqTimeMajor = new float[T][B][];
    float[][][] xTimeMajor = new float[T][B][];
    for (int b = 0; b < B; b++) {
      x[b] = matrix(T, F);
      float[][] s = ref(cell, x[b], h0[b], c0[b], false, RecurrentReference.TANH, RecurrentReference.SIGMOID).sequence();
      for (int t = 0; t < T; t++) {
        seqTimeMajor[t][b] = s[t];
        xTimeMajor[t][b] = x[b][t];
      }
    }
    String config = """
        {"class_name": "Model", "config": {"name": "m", "layers": [
          {"class_name": "InputLayer", "name": "x", "config": {"batch_input_shape": [null, 2, 3], "dtype": "float32", "name": "x"}, "inbound_nodes": []},
          {"class_name": "InputLayer", "name": "h0", "config": {"batch_input_shape": [null, 4], "dtype": "float32", "name": "h0"}, "inbound_nodes": []},
          {"class_name": "InputLayer", "name": "c0", "config": {"batch_input_shape": [null, 4], "dtype": "float32", "name": "c0"}, "inbound_nodes": []},
          {"class_name": "LSTM", "name": "lstm", "config": {"name": "lstm", "units": 4, "activation": "tanh",
            "recurrent_activation": "sigmoid", "use_bias": true, "return_sequences": true, "time_major": true},
           "inbound_nodes": [[["x", 0, 0, {}], ["h0", 0, 0, {}], ["c0", 0, 0, {}]]]}],
          "input_layers": [["x", 0, 0], ["h0", 0, 0], ["c0", 0, 0]], "output_layers": [["lstm", 0, 0]]}}
        """;
    var w = KerasFixtures.weights();
    w.put("lstm", cell.arrays());
    Path file = KerasFixtures.legacyH5(dir, "time_major", config, w,
        Map.of("lstm", List.of("kernel:0", "recurrent_kernel:0", "bias:0")));
    Map<String, TensorData> inputs = new LinkedHashMap<>();
    inputs.put("x", data("x", new long[] {T, B, F}, flat(xTimeMajor)));
    inputs.put("h0", data("h0", new long[] {B, U}, flat(h0)));
    inputs.put("c0", data("c0", new long[] {B, U}, flat(c0)));
    byte[] tflite = LiteRtConverter.fromKeras(file).convert().bytes();
    assertTrue(KerasHarness.ops(tflite).contains("UNIDIRECTIONAL_SEQUENCE_LSTM"), KerasHarness.ops(tflite).toString());
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      for (int run = 0; run < 2; run++) {
        compare("time major", lite.run(KerasPipeline.SIGNATURE_KEY, inputs),
            List.of(TensorData.ofFloats(new long[] {T, B, U}, flat(seqTimeMajor))), -1);
      }
    }
    QuantizesInEveryMode.check("time_major", tflite, inputs);
    // Unrolling needs the number of steps, which a Keras file leaves open on axis 0.
    ConversionException e = assertThrows(ConversionException.class,
        () -> LiteRtConverter.fromKeras(file).unrollRecurrent(true).convert());
    assertTrue(e.getMessage().contains("known steps") && e.getMessage().contains("lstm"), e.getMessage());
  }

  /** Keras 2's CuDNNLSTM (input and recurrent biases, summed) and CuDNNGRU (reset gate after the matmul). */
  @Test
  void keras2CuDnnLayers() throws Exception {
    float[][][] x = new float[B][][];
    for (int b = 0; b < B; b++) {
      x[b] = matrix(T, F);
    }
    // A Sequential Keras 2 model without an InputLayer names its input after the first layer.
    Map<String, TensorData> inputs = Map.of("l_input", data("l_input", new long[] {B, T, F}, flat(x)));
    float[][] kernel = matrix(F, 4 * U);
    float[][] recurrent = matrix(U, 4 * U);
    float[] bias = vector(8 * U);
    float[] summed = new float[4 * U];
    for (int i = 0; i < summed.length; i++) {
      summed[i] = bias[i] + bias[4 * U + i];
    }
    float[][] lstm = new float[B][];
    for (int b = 0; b < B; b++) {
      lstm[b] = RecurrentReference.run(x[b], kernel, recurrent, summed, 4, null, null, false, RecurrentReference.TANH,
          RecurrentReference.SIGMOID).h();
    }
    check(keras2("cudnn_lstm", "CuDNNLSTM", List.of(kernel, recurrent, bias)), inputs,
        List.of(TensorData.ofFloats(new long[] {B, U}, flat(lstm))), true);
    float[][] gk = matrix(F, 3 * U);
    float[][] gr = matrix(U, 3 * U);
    float[] gb = vector(6 * U);
    float[][] gru = new float[B][];
    for (int b = 0; b < B; b++) {
      gru[b] = RecurrentReference.gruResetAfter(x[b], gk, gr, java.util.Arrays.copyOfRange(gb, 0, 3 * U),
          java.util.Arrays.copyOfRange(gb, 3 * U, 6 * U));
    }
    check(keras2("cudnn_gru", "CuDNNGRU", List.of(gk, gr, gb)), inputs,
        List.of(TensorData.ofFloats(new long[] {B, U}, flat(gru))), false);
  }

  private Path keras2(String name, String cls, List<Object> weights) {
    String config = """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "%s", "config": {"name": "l", "units": 4, "batch_input_shape": [null, 5, 3]}}]}}
        """.formatted(cls);
    var w = KerasFixtures.weights();
    w.put("l", weights);
    return KerasFixtures.legacyH5(dir, name, config, w, Map.of("l", List.of("kernel:0", "recurrent_kernel:0", "bias:0")));
  }

  @Test
  void maskIsRefusedByName() throws Exception {
    Cell cell = cell(4, true);
    String config = functional(List.of(input("x", "[null, 5, 3]"), input("m", "[null, 5]"),
            layer("LSTM", "lstm", "\"units\": 4", "[" + kt("x", 0) + "]", "{\"mask\": " + kt("m", 0) + "}")),
        "[[\"x\", 0, 0], [\"m\", 0, 0]]", "[[\"lstm\", 0, 0]]");
    var w = KerasFixtures.weights();
    w.put("lstm", cell.arrays());
    Path file = KerasFixtures.keras3(dir, "masked", config, w);
    ConversionException e = assertThrows(ConversionException.class, () -> LiteRtConverter.fromKeras(file).convert());
    assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("lstm"), e.getMessage());
    String masking = """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 5, 3], "dtype": "float32", "name": "x"}},
          {"class_name": "Masking", "config": {"name": "masking", "mask_value": 0.0}},
          {"class_name": "LSTM", "config": {"name": "lstm", "units": 4}}]}}
        """;
    Path file2 = KerasFixtures.keras3(dir, "masking", masking, w);
    ConversionException e2 = assertThrows(ConversionException.class, () -> LiteRtConverter.fromKeras(file2).convert());
    assertTrue(e2.getMessage().contains("Masking"), e2.getMessage());
    String maskZero = """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 5], "dtype": "int32", "name": "tokens"}},
          {"class_name": "Embedding", "config": {"name": "embedding", "input_dim": 7, "output_dim": 3, "mask_zero": true}},
          {"class_name": "LSTM", "config": {"name": "lstm", "units": 4}}]}}
        """;
    w.put("embedding", List.of(matrix(7, 3)));
    Path file3 = KerasFixtures.keras3(dir, "mask_zero", maskZero, w);
    ConversionException e3 = assertThrows(ConversionException.class, () -> LiteRtConverter.fromKeras(file3).convert());
    assertTrue(e3.getMessage().contains("mask_zero") && e3.getMessage().contains("embedding"), e3.getMessage());
  }
}
