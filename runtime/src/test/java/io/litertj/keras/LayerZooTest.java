package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.LiteRtModel;
import io.litertj.ir.Tensor;
import io.litertj.tflite.TfliteWriter;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.TensorData;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each supported layer in a one-layer Keras 3 file written here: it must convert, run in LiteRT
 * with the output shape our IR declares, and, where the function is simple, give the right values.
 */
class LayerZooTest {

  @TempDir
  Path dir;

  /** One layer: its JSON, input shape (batch excluded) and weight shapes in Keras order. */
  record Case(String json, int[] input, int[][] weights) {}

  static Case c(String json, int[] input, int[]... weights) {
    return new Case(json, input, weights);
  }

  static Stream<Arguments> layers() {
    return Stream.of(
        Arguments.of("conv2d", c("{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"l\", \"filters\": 4, \"kernel_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"same\", \"activation\": \"relu\", \"use_bias\": true}}",
            new int[] {8, 8, 3}, new int[] {3, 3, 3, 4}, new int[] {4})),
        Arguments.of("conv1d_causal_dilated", c("{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"l\", \"filters\": 4, \"kernel_size\": 3, \"dilation_rate\": 2, \"padding\": \"causal\", \"use_bias\": false}}",
            new int[] {10, 3}, new int[] {3, 3, 4})),
        Arguments.of("depthwise_m2", c("{\"class_name\": \"DepthwiseConv2D\", \"config\": {\"name\": \"l\", \"kernel_size\": [3, 3], \"depth_multiplier\": 2, \"padding\": \"valid\", \"use_bias\": true}}",
            new int[] {6, 6, 3}, new int[] {3, 3, 3, 2}, new int[] {6})),
        Arguments.of("separable", c("{\"class_name\": \"SeparableConv2D\", \"config\": {\"name\": \"l\", \"filters\": 5, \"kernel_size\": [3, 3], \"padding\": \"same\", \"use_bias\": true}}",
            new int[] {6, 6, 3}, new int[] {3, 3, 3, 1}, new int[] {1, 1, 3, 5}, new int[] {5})),
        Arguments.of("conv2d_transpose", c("{\"class_name\": \"Conv2DTranspose\", \"config\": {\"name\": \"l\", \"filters\": 3, \"kernel_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"same\", \"use_bias\": true}}",
            new int[] {4, 4, 2}, new int[] {3, 3, 3, 2}, new int[] {3})),
        Arguments.of("batchnorm", c("{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"l\", \"axis\": -1, \"epsilon\": 0.001}}",
            new int[] {4, 3}, new int[] {3}, new int[] {3}, new int[] {3}, new int[] {3})),
        Arguments.of("layernorm", c("{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"l\", \"axis\": -1, \"epsilon\": 0.001}}",
            new int[] {4, 3}, new int[] {3}, new int[] {3})),
        Arguments.of("prelu", c("{\"class_name\": \"PReLU\", \"config\": {\"name\": \"l\"}}", new int[] {4, 3}, new int[] {4, 3})),
        Arguments.of("avgpool2d_same", c("{\"class_name\": \"AveragePooling2D\", \"config\": {\"name\": \"l\", \"pool_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"same\"}}",
            new int[] {5, 5, 2})),
        Arguments.of("maxpool1d", c("{\"class_name\": \"MaxPooling1D\", \"config\": {\"name\": \"l\", \"pool_size\": 2}}", new int[] {8, 2})),
        Arguments.of("avgpool1d", c("{\"class_name\": \"AveragePooling1D\", \"config\": {\"name\": \"l\", \"pool_size\": 3, \"strides\": 1}}", new int[] {8, 2})),
        Arguments.of("gap2d_keepdims", c("{\"class_name\": \"GlobalAveragePooling2D\", \"config\": {\"name\": \"l\", \"keepdims\": true}}", new int[] {4, 4, 2})),
        Arguments.of("gmp1d", c("{\"class_name\": \"GlobalMaxPooling1D\", \"config\": {\"name\": \"l\"}}", new int[] {4, 2})),
        Arguments.of("permute", c("{\"class_name\": \"Permute\", \"config\": {\"name\": \"l\", \"dims\": [2, 1]}}", new int[] {4, 3})),
        Arguments.of("reshape_unknown", c("{\"class_name\": \"Reshape\", \"config\": {\"name\": \"l\", \"target_shape\": [-1, 2]}}", new int[] {4, 3})),
        Arguments.of("zeropad1d", c("{\"class_name\": \"ZeroPadding1D\", \"config\": {\"name\": \"l\", \"padding\": [1, 2]}}", new int[] {4, 3})),
        Arguments.of("crop1d", c("{\"class_name\": \"Cropping1D\", \"config\": {\"name\": \"l\", \"cropping\": [1, 2]}}", new int[] {6, 3})),
        Arguments.of("crop2d", c("{\"class_name\": \"Cropping2D\", \"config\": {\"name\": \"l\", \"cropping\": [[1, 0], [0, 2]]}}", new int[] {5, 5, 2})),
        Arguments.of("upsampling1d", c("{\"class_name\": \"UpSampling1D\", \"config\": {\"name\": \"l\", \"size\": 3}}", new int[] {4, 2})),
        Arguments.of("upsampling2d_bilinear", c("{\"class_name\": \"UpSampling2D\", \"config\": {\"name\": \"l\", \"size\": [2, 2], \"interpolation\": \"bilinear\"}}", new int[] {3, 3, 2})),
        Arguments.of("rescaling", c("{\"class_name\": \"Rescaling\", \"config\": {\"name\": \"l\", \"scale\": 0.5, \"offset\": 1.0}}", new int[] {3})),
        Arguments.of("normalization", c("{\"class_name\": \"Normalization\", \"config\": {\"name\": \"l\", \"axis\": -1}}", new int[] {3}, new int[] {3}, new int[] {3})),
        Arguments.of("gru_reset_after", c("{\"class_name\": \"GRU\", \"config\": {\"name\": \"l\", \"units\": 4, \"reset_after\": true, \"return_sequences\": true}}",
            new int[] {3, 2}, new int[] {2, 12}, new int[] {4, 12}, new int[] {2, 12})),
        Arguments.of("gru_reset_before", c("{\"class_name\": \"GRU\", \"config\": {\"name\": \"l\", \"units\": 4, \"reset_after\": false}}",
            new int[] {3, 2}, new int[] {2, 12}, new int[] {4, 12}, new int[] {12})),
        Arguments.of("simple_rnn_seq", c("{\"class_name\": \"SimpleRNN\", \"config\": {\"name\": \"l\", \"units\": 4, \"return_sequences\": true}}",
            new int[] {3, 2}, new int[] {2, 4}, new int[] {4, 4}, new int[] {4})),
        Arguments.of("lstm_backwards", c("{\"class_name\": \"LSTM\", \"config\": {\"name\": \"l\", \"units\": 4, \"go_backwards\": true, \"return_sequences\": true}}",
            new int[] {3, 2}, new int[] {2, 16}, new int[] {4, 16}, new int[] {16})),
        Arguments.of("bidirectional_lstm_concat_seq", c("{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"l\", \"merge_mode\": \"concat\", \"layer\": {\"class_name\": \"LSTM\", \"config\": {\"name\": \"lstm\", \"units\": 4, \"return_sequences\": true}}}}",
            new int[] {3, 2}, new int[] {2, 16}, new int[] {4, 16}, new int[] {16}, new int[] {2, 16}, new int[] {4, 16}, new int[] {16})),
        Arguments.of("bidirectional_gru_sum", c("{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"l\", \"merge_mode\": \"sum\", \"layer\": {\"class_name\": \"GRU\", \"config\": {\"name\": \"gru\", \"units\": 4, \"reset_after\": true}}}}",
            new int[] {3, 2}, new int[] {2, 12}, new int[] {4, 12}, new int[] {2, 12}, new int[] {2, 12}, new int[] {4, 12}, new int[] {2, 12})),
        Arguments.of("time_distributed_dense", c("{\"class_name\": \"TimeDistributed\", \"config\": {\"name\": \"l\", \"layer\": {\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 5, \"activation\": \"relu\"}}}}",
            new int[] {4, 3}, new int[] {3, 5}, new int[] {5})),
        Arguments.of("time_distributed_conv", c("{\"class_name\": \"TimeDistributed\", \"config\": {\"name\": \"l\", \"layer\": {\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 2, \"kernel_size\": 3, \"padding\": \"valid\"}}}}",
            new int[] {2, 5, 5, 1}, new int[] {3, 3, 1, 2}, new int[] {2})),
        Arguments.of("dense_rank3", c("{\"class_name\": \"Dense\", \"config\": {\"name\": \"l\", \"units\": 5, \"activation\": \"gelu\"}}", new int[] {4, 3}, new int[] {3, 5}, new int[] {5})));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void convertsAndRuns(String label, Case c) throws Exception {
    float[] out = runOne(label, c, random(c.input(), 7));
    for (float v : out) {
      assertTrue(Float.isFinite(v), label + " gives " + v);
    }
  }

  /** Builds, converts and runs one layer; checks LiteRT's output shape against the IR's. */
  private float[] runOne(String label, Case c, float[] x) throws Exception {
    String config = """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": %s, "dtype": "float32", "name": "x"}}, %s]}}
        """.formatted(batchShape(c.input()), c.json());
    var w = KerasFixtures.weights();
    List<Object> arrays = new ArrayList<>();
    long seed = 11;
    for (int[] shape : c.weights()) {
      arrays.add(nested(shape, positive(random(shape, seed++)))); // variances must be positive
    }
    w.put("l", arrays);
    LiteRtModel model = KerasPipeline.run(KerasFixtures.keras3(dir, label, config, w));
    Tensor declared = model.subgraphs().get(0).outputs().get("l");
    long[] shape = new long[c.input().length + 1];
    shape[0] = 2;
    for (int i = 0; i < c.input().length; i++) {
      shape[i + 1] = c.input()[i];
    }
    float[] batch = new float[x.length * 2];
    System.arraycopy(x, 0, batch, 0, x.length);
    System.arraycopy(x, 0, batch, x.length, x.length);
    byte[] tflite = new TfliteWriter().toBytes(model);
    Map<String, TensorData> inputs = Map.of("x", TensorData.ofFloats(shape, batch).named("x"));
    QuantizesInEveryMode.check(label, tflite, inputs);
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      TensorData out = lite.run("serving_default", inputs).get("l");
      int[] expected = declared.shape().dims();
      expected[0] = 2;
      assertArrayEquals(Arrays.stream(expected).asLongStream().toArray(), out.shape(), label + " output shape");
      float[] all = out.asFloats();
      float[] first = Arrays.copyOf(all, all.length / 2);
      assertArrayEquals(first, Arrays.copyOfRange(all, all.length / 2, all.length), 1e-5f, "batch entries agree");
      return first;
    }
  }

  static Stream<Arguments> activations() {
    DoubleUnaryOperator sigmoid = v -> 1 / (1 + Math.exp(-v));
    return Stream.of(
        Arguments.of("relu", (DoubleUnaryOperator) v -> Math.max(0, v)),
        Arguments.of("relu6", (DoubleUnaryOperator) v -> Math.min(6, Math.max(0, v))),
        Arguments.of("sigmoid", sigmoid),
        Arguments.of("tanh", (DoubleUnaryOperator) Math::tanh),
        Arguments.of("elu", (DoubleUnaryOperator) v -> v > 0 ? v : Math.exp(v) - 1),
        Arguments.of("selu", (DoubleUnaryOperator) v -> 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (Math.exp(v) - 1))),
        Arguments.of("swish", (DoubleUnaryOperator) v -> v * sigmoid.applyAsDouble(v)),
        Arguments.of("hard_sigmoid", (DoubleUnaryOperator) v -> Math.max(0, Math.min(1, v / 6 + 0.5))),
        Arguments.of("softplus", (DoubleUnaryOperator) v -> Math.log1p(Math.exp(v))),
        Arguments.of("exponential", (DoubleUnaryOperator) Math::exp),
        Arguments.of("linear", (DoubleUnaryOperator) v -> v));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activations")
  void activationValues(String name, DoubleUnaryOperator f) throws Exception {
    float[] x = new float[12];
    for (int i = 0; i < x.length; i++) {
      x[i] = -7f + i * 1.3f;
    }
    Case c = c("{\"class_name\": \"Activation\", \"config\": {\"name\": \"l\", \"activation\": \"" + name + "\"}}",
        new int[] {12});
    float[] ours = runOne(name, c, x);
    for (int i = 0; i < x.length; i++) {
      double e = f.applyAsDouble(x[i]);
      assertEquals(e, ours[i], 1e-5 + 1e-4 * Math.abs(e), name + " at " + x[i]);
    }
  }

  @Test
  void layoutLayerValues() throws Exception {
    float[] x = {1, 2, 3, 4, 5, 6};
    Case permute = c("{\"class_name\": \"Permute\", \"config\": {\"name\": \"l\", \"dims\": [2, 1]}}", new int[] {2, 3});
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, runOne("permute_values", permute, x));
    Case repeat = c("{\"class_name\": \"RepeatVector\", \"config\": {\"name\": \"l\", \"n\": 2}}", new int[] {3});
    assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, runOne("repeat_values", repeat, new float[] {1, 2, 3}));
    Case crop = c("{\"class_name\": \"Cropping1D\", \"config\": {\"name\": \"l\", \"cropping\": [1, 0]}}", new int[] {3, 2});
    assertArrayEquals(new float[] {3, 4, 5, 6}, runOne("crop_values", crop, x));
    Case pad = c("{\"class_name\": \"ZeroPadding1D\", \"config\": {\"name\": \"l\", \"padding\": 1}}", new int[] {1, 2});
    assertArrayEquals(new float[] {0, 0, 1, 2, 0, 0}, runOne("pad_values", pad, new float[] {1, 2}));
    Case up = c("{\"class_name\": \"UpSampling1D\", \"config\": {\"name\": \"l\", \"size\": 2}}", new int[] {2, 1});
    assertArrayEquals(new float[] {1, 1, 2, 2}, runOne("up_values", up, new float[] {1, 2}));
    Case leaky = c("{\"class_name\": \"LeakyReLU\", \"config\": {\"name\": \"l\", \"negative_slope\": 0.1}}", new int[] {2});
    assertArrayEquals(new float[] {-0.2f, 3}, runOne("leaky_values", leaky, new float[] {-2, 3}), 1e-6f);
    Case relu = c("{\"class_name\": \"ReLU\", \"config\": {\"name\": \"l\", \"max_value\": 2.5}}", new int[] {3});
    assertArrayEquals(new float[] {0, 1, 2.5f}, runOne("relu_values", relu, new float[] {-1, 1, 4}), 1e-6f);
  }

  /** GRU in both reset modes against a plain-Java GRU (gate order z, r, h; state from zero). */
  @ParameterizedTest(name = "reset_after={0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void gruValues(boolean resetAfter) throws Exception {
    int units = 3;
    int features = 2;
    int steps = 4;
    int[] biasShape = resetAfter ? new int[] {2, 3 * units} : new int[] {3 * units};
    Case c = c("{\"class_name\": \"GRU\", \"config\": {\"name\": \"l\", \"units\": 3, \"reset_after\": " + resetAfter
        + ", \"recurrent_activation\": \"sigmoid\"}}", new int[] {steps, features},
        new int[] {features, 3 * units}, new int[] {units, 3 * units}, biasShape);
    float[] k = positive(random(c.weights()[0], 11));
    float[] r = positive(random(c.weights()[1], 12));
    float[] b = positive(random(biasShape, 13));
    float[] x = random(c.input(), 5);
    double[] h = new double[units];
    for (int t = 0; t < steps; t++) {
      double[] xz = new double[3 * units];
      double[] hz = new double[3 * units];
      for (int j = 0; j < 3 * units; j++) {
        xz[j] = b[j];
        hz[j] = resetAfter ? b[3 * units + j] : 0;
        for (int i = 0; i < features; i++) {
          xz[j] += x[t * features + i] * k[i * 3 * units + j];
        }
        for (int i = 0; i < units; i++) {
          hz[j] += h[i] * r[i * 3 * units + j];
        }
      }
      double[] next = new double[units];
      double[] rGate = new double[units];
      for (int u = 0; u < units; u++) {
        rGate[u] = 1 / (1 + Math.exp(-(xz[units + u] + hz[units + u])));
      }
      for (int u = 0; u < units; u++) {
        double z = 1 / (1 + Math.exp(-(xz[u] + hz[u])));
        double rec;
        if (resetAfter) {
          rec = rGate[u] * hz[2 * units + u];
        } else {
          rec = 0;
          for (int i = 0; i < units; i++) {
            rec += rGate[i] * h[i] * r[i * 3 * units + 2 * units + u];
          }
        }
        double hh = Math.tanh(xz[2 * units + u] + rec);
        next[u] = z * h[u] + (1 - z) * hh;
      }
      h = next;
    }
    float[] ours = runOne("gru_values_" + resetAfter, c, x);
    for (int u = 0; u < units; u++) {
      assertEquals(h[u], ours[u], 1e-5, "unit " + u);
    }
  }

  @ParameterizedTest(name = "padding={0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"valid", "same"})
  void conv2dTransposeValues(String padding) throws Exception {
    int h = 3;
    int cin = 2;
    int cout = 2;
    int k = 3;
    int s = 2;
    Case c = c("{\"class_name\": \"Conv2DTranspose\", \"config\": {\"name\": \"l\", \"filters\": 2, \"kernel_size\": 3,"
        + " \"strides\": 2, \"padding\": \"" + padding + "\", \"use_bias\": true}}", new int[] {h, h, cin},
        new int[] {k, k, cout, cin}, new int[] {cout});
    float[] kernel = positive(random(c.weights()[0], 11));
    float[] bias = positive(random(c.weights()[1], 12));
    float[] x = random(c.input(), 3);
    int full = (h - 1) * s + k;
    double[] y = new double[full * full * cout];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < h; j++) {
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            for (int o = 0; o < cout; o++) {
              for (int ci = 0; ci < cin; ci++) {
                y[((i * s + a) * full + j * s + b) * cout + o] +=
                    x[(i * h + j) * cin + ci] * kernel[((a * k + b) * cout + o) * cin + ci];
              }
            }
          }
        }
      }
    }
    int out = padding.equals("same") ? h * s : full;
    int before = (full - out) / 2; // TF crops the extra rows mostly at the end
    float[] ours = runOne("transpose_" + padding, c, x);
    for (int i = 0; i < out; i++) {
      for (int j = 0; j < out; j++) {
        for (int o = 0; o < cout; o++) {
          double e = y[((i + before) * full + j + before) * cout + o] + bias[o];
          assertEquals(e, ours[(i * out + j) * cout + o], 1e-5, "at " + i + "," + j + "," + o);
        }
      }
    }
  }

  /** Bidirectional SimpleRNN, concat, return_sequences: forward in time order, backward flipped back. */
  @Test
  void bidirectionalValues() throws Exception {
    int steps = 3;
    Case c = c("{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"l\", \"merge_mode\": \"concat\", \"layer\": {\"class_name\": \"SimpleRNN\", \"config\": {\"name\": \"r\", \"units\": 1, \"return_sequences\": true}}}}",
        new int[] {steps, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1});
    float[] w = new float[6];
    for (int i = 0; i < 6; i++) {
      w[i] = positive(random(c.weights()[i], 11 + i))[0];
    }
    float[] x = {0.5f, -1f, 2f};
    float[] ours = runOne("bidirectional_values", c, x);
    double h = 0;
    for (int t = 0; t < steps; t++) {
      h = Math.tanh(x[t] * w[0] + h * w[1] + w[2]);
      assertEquals(h, ours[t * 2], 1e-5, "forward at " + t);
    }
    h = 0;
    for (int t = steps - 1; t >= 0; t--) {
      h = Math.tanh(x[t] * w[3] + h * w[4] + w[5]);
      assertEquals(h, ours[t * 2 + 1], 1e-5, "backward at " + t);
    }
  }

  @Test
  void layerNormalizationValues() throws Exception {
    Case c = c("{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"l\", \"axis\": -1, \"epsilon\": 0.001}}",
        new int[] {2, 3}, new int[] {3}, new int[] {3});
    float[] gamma = positive(random(new int[] {3}, 11));
    float[] beta = positive(random(new int[] {3}, 12));
    float[] x = random(c.input(), 3);
    float[] ours = runOne("layernorm_values", c, x);
    for (int r = 0; r < 2; r++) {
      double mean = (x[r * 3] + x[r * 3 + 1] + x[r * 3 + 2]) / 3.0;
      double var = 0;
      for (int i = 0; i < 3; i++) {
        var += Math.pow(x[r * 3 + i] - mean, 2) / 3;
      }
      for (int i = 0; i < 3; i++) {
        double e = (x[r * 3 + i] - mean) / Math.sqrt(var + 0.001) * gamma[i] + beta[i];
        assertEquals(e, ours[r * 3 + i], 1e-5);
      }
    }
  }

  private static String batchShape(int[] dims) {
    StringBuilder s = new StringBuilder("[null");
    for (int d : dims) {
      s.append(", ").append(d);
    }
    return s.append(']').toString();
  }

  static float[] random(int[] shape, long seed) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextFloat() * 2 - 1;
    }
    return x;
  }

  static float[] positive(float[] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.abs(x[i]) + 0.1f;
    }
    return y;
  }

  /** Row-major values as a nested Java array of the shape (what jHDF writes as an n-D dataset). */
  static Object nested(int[] shape, float[] values) {
    if (shape.length == 1) {
      return values.clone();
    }
    Object out = Array.newInstance(float.class, shape);
    fill(out, shape, 0, values, new int[] {0});
    return out;
  }

  private static void fill(Object array, int[] shape, int axis, float[] values, int[] next) {
    for (int i = 0; i < shape[axis]; i++) {
      if (axis == shape.length - 1) {
        ((float[]) array)[i] = values[next[0]++];
      } else {
        fill(Array.get(array, i), shape, axis + 1, values, next);
      }
    }
  }
}
