package io.litertj.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * dl4j Keras files that Keras 3 can no longer load, checked against {@link ReferenceMath}: weights
 * read straight from the HDF5 here, the forward pass in plain Java, our conversion run in LiteRT.
 */
class KerasIndependentCheckTest {

  private static final Logger LOG = Logger.getLogger(KerasIndependentCheckTest.class.getName());
  private static final String DIR = "dl4j_keras_h5/";

  private static float[] w(HdfFile f, String layer, String name) {
    Dataset d = f.getDatasetByPath("model_weights/" + layer + "/" + layer + "/" + name);
    return (float[]) d.getDataFlat();
  }

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextFloat();
    }
    return x;
  }

  private static double compare(String name, float[] expected, TensorData ours) {
    TensorData ref = TensorData.ofFloats(ours.shape(), expected);
    Closeness.Comparison c = Closeness.standard().compare(ref, ours);
    assertTrue(c.passed(), name + ": " + c.describe());
    LOG.info(name + ": max error vs plain-Java reference " + c.error());
    return c.error();
  }

  private static TensorData run(byte[] tflite, String input, long[] shape, float[] x, String output) {
    try (LiteRtOracle lite = LiteRtOracle.load(tflite)) {
      return lite.run(KerasPipeline.SIGNATURE_KEY, Map.of(input, TensorData.ofFloats(shape, x).named(input))).get(output);
    }
  }

  @Test
  void mlp0() throws Exception {
    Path model = SharedModels.path(DIR + "mlp_0.h5");
    byte[] tflite = KerasHarness.convert(model);
    float[] x = random(2 * 3, 1);
    float[] expected;
    try (HdfFile f = new HdfFile(model)) {
      expected = ReferenceMath.sigmoid(ReferenceMath.dense(x, 2, w(f, "dense", "kernel:0"), w(f, "dense", "bias:0")));
    }
    compare("mlp_0", expected, run(tflite, "input_1", new long[] {2, 3}, x, "dropout"));
  }

  @Test
  void cnn1dFlatten() throws Exception {
    Path model = SharedModels.path(DIR + "cnn1d_flatten_tf_keras2.h5");
    byte[] tflite = KerasHarness.convert(model);
    float[] x = random(20 * 100, 2);
    float[] expected;
    try (HdfFile f = new HdfFile(model)) {
      float[] h = ReferenceMath.relu(ReferenceMath.conv1dValid(x, 20, 100, w(f, "conv1d_1", "kernel:0"), 3,
          w(f, "conv1d_1", "bias:0")));
      h = ReferenceMath.relu(ReferenceMath.conv1dValid(h, 18, 128, w(f, "conv1d_2", "kernel:0"), 3, w(f, "conv1d_2", "bias:0")));
      h = ReferenceMath.relu(ReferenceMath.conv1dValid(h, 16, 64, w(f, "conv1d_3", "kernel:0"), 3, w(f, "conv1d_3", "bias:0")));
      h = ReferenceMath.sigmoid(ReferenceMath.dense(h, 1, w(f, "dense_1", "kernel:0"), w(f, "dense_1", "bias:0")));
      expected = ReferenceMath.sigmoid(ReferenceMath.dense(h, 1, w(f, "dense_2", "kernel:0"), w(f, "dense_2", "bias:0")));
    }
    compare("cnn1d_flatten", expected, run(tflite, "conv1d_1_input", new long[] {1, 20, 100}, x, "dense_2"));
  }

  @Test
  void cnn2d100() throws Exception {
    Path model = SharedModels.path(DIR + "cnn2d_100.h5");
    byte[] tflite = KerasHarness.convert(model);
    float[] x = random(10 * 10 * 3, 3);
    float[] h = x;
    int size = 10;
    try (HdfFile f = new HdfFile(model)) {
      for (int block : new int[] {24, 25}) {
        String layer = "depthwise_conv2d_" + block;
        h = ReferenceMath.tanh(ReferenceMath.depthwiseSame(h, size, size, 3, w(f, layer, "depthwise_kernel:0"), 3, 3,
            w(f, layer, "bias:0")));
        h = ReferenceMath.zeroPad(h, size, size, 3, 3);
        size += 6;
        h = ReferenceMath.upsample(h, size, size, 3, 2);
        size *= 2;
        h = ReferenceMath.crop(h, size, size, 3, 1);
        size -= 2;
        h = ReferenceMath.maxPool2(h, size, size, 3);
        size /= 2;
      }
    }
    float[] expected = ReferenceMath.globalMax(h, size * size, 3);
    compare("cnn2d_100", expected, run(tflite, "input_101", new long[] {1, 10, 10, 3}, x, "global_max_pooling2d_28"));
  }

  /**
   * The shipped {@code *_inputs_and_outputs.h5} of the two dl4j recurrent models cannot come from
   * the weights in the model files: the output is a Dense over tanh-bounded units, so |output| is
   * at most sum|kernel| + |bias|, far below the shipped outputs. We check that bound, then check our
   * conversion on the shipped inputs against the plain-Java forward pass.
   */
  @Test
  void simpleRnnAndLstmAgainstPlainJava() throws Exception {
    checkRecurrent("simple_rnn_tf_keras_2", "simple_rnn_1", 1);
    checkRecurrent("simple_lstm_tf_keras_2", "lstm_1", 4);
  }

  private void checkRecurrent(String name, String layer, int gates) throws Exception {
    Path model = SharedModels.path(DIR + name + "_model.h5");
    byte[] tflite = KerasHarness.convert(model);
    float[] x;
    float[] shipped;
    try (HdfFile io = new HdfFile(model.resolveSibling(name + "_inputs_and_outputs.h5"))) {
      x = (float[]) io.getDatasetByPath("inputs/" + layer + "_input").getDataFlat();
      shipped = (float[]) io.getDatasetByPath("outputs/dense_1").getDataFlat();
    }
    float[] expected = new float[x.length];
    double bound;
    try (HdfFile f = new HdfFile(model)) {
      float[] k = w(f, layer, "kernel:0");
      float[] b = w(f, layer, "bias:0");
      float[] dk = w(f, "dense_1", "kernel:0");
      float[] db = w(f, "dense_1", "bias:0");
      int units = b.length / gates;
      bound = Math.abs(db[0]);
      for (float v : dk) {
        bound += Math.abs(v);
      }
      for (int s = 0; s < x.length; s++) {
        float[] h = new float[units];
        for (int u = 0; u < units; u++) {
          if (gates == 1) {
            h[u] = (float) Math.tanh(x[s] * k[u] + b[u]);
          } else { // one step from zero state: c = i * g, h = o * tanh(c); Keras 3's hard_sigmoid
            double i = hardSigmoid(x[s] * k[u] + b[u]);
            double g = Math.tanh(x[s] * k[2 * units + u] + b[2 * units + u]);
            double o = hardSigmoid(x[s] * k[3 * units + u] + b[3 * units + u]);
            h[u] = (float) (o * Math.tanh(i * g));
          }
        }
        expected[s] = ReferenceMath.dense(h, 1, dk, db)[0];
      }
    }
    double shippedMax = 0;
    for (float v : shipped) {
      shippedMax = Math.max(shippedMax, Math.abs(v));
    }
    assertTrue(shippedMax > bound, name + ": shipped outputs are reachable after all; compare with them");
    LOG.info(name + ": shipped outputs reach " + shippedMax + ", but this model's outputs are bounded by " + bound);
    compare(name, expected, run(tflite, layer + "_input", new long[] {x.length, 1, 1}, x, "dense_1"));
  }

  private static double hardSigmoid(double v) {
    return Math.max(0, Math.min(1, v / 6 + 0.5));
  }
}
