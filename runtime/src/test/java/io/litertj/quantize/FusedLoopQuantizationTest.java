package io.litertj.quantize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.LiteRtConverter;
import io.litertj.dataset.NpzDataset;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.Operator;
import io.litertj.testing.Closeness;
import io.litertj.testing.NpzReader;
import io.litertj.testing.SharedModels;
import io.litertj.testing.TensorData;
import io.litertj.tflite.TfliteReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The Keras 2 style LSTM SavedModel ({@code gen_keras2_style_fused_lstm}): its loops fused, then
 * quantized to full int8 with LiteRT's integer LSTM, calibrated on the folder's calibration set and
 * judged on its 8 held-out inputs against TensorFlow's outputs, beside the official int8 file
 * (which the official converter could only make at batch 1).
 */
class FusedLoopQuantizationTest {

  private static final Logger LOG = Logger.getLogger(FusedLoopQuantizationTest.class.getName());

  @Test
  void fusedLoopInt8IsAtLeastAsCloseAsTheOfficialInt8File() throws Exception {
    Path dir = SharedModels.path("gen_keras2_style_fused_lstm");
    byte[] ours = LiteRtConverter.fromSavedModel(dir.resolve("saved_model")).signatureKeys("serving_default")
        .quantize(QuantizationOptions.of(QuantizationMode.INT8))
        .representativeDataset(NpzDataset.read(dir.resolve("calibration.npz")))
        .qualityReport(false) // calibrate on all 64 samples, as the official file was
        .convert().bytes();
    List<Operator> lstms = TfliteReader.read(ours).subgraphs().get(0).operators().stream()
        .filter(o -> o.op() == BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM).toList();
    assertTrue(lstms.size() == 2 && lstms.stream().allMatch(o -> o.input(0).type() == DataType.INT8
        && o.input(19).type() == DataType.INT16 && o.intermediates().size() == 5), "integer LSTMs: " + lstms);

    // The official file takes a batch of 1 and keeps its LSTM state between runs: one fresh run per sample.
    byte[] official = Files.readAllBytes(dir.resolve("reference/model_batch1_int8.tflite"));
    TensorData inputs = NpzReader.read(dir.resolve("inputs.npz")).get("series");
    TensorData expected = NpzReader.read(dir.resolve("outputs.npz")).get("output_0");
    double oursAll = Closeness.snrDb(expected, QuantEval.run(ours, inputs));
    double officialAll = Closeness.snrDb(expected, perSample(official, inputs));
    LOG.info(() -> "int8 fused loops on the 8 held-out inputs: ours " + oursAll + " dB, the official int8 file "
        + officialAll + " dB");
    // Ours is within 1 dB of the official file here (its cell state and ranges come from the same 64
    // samples); on tflite-micro's mnist_lstm it is 5 dB closer (OfficialLstmQuantizationTest).
    assertTrue(oursAll >= officialAll - 1, "ours " + oursAll + " dB, official " + officialAll + " dB");
  }

  /** Runs a batch-1 model on each sample of {@code batch} in a fresh interpreter; the outputs stacked. */
  private static TensorData perSample(byte[] model, TensorData batch) {
    long n = batch.shape()[0];
    List<float[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      long[] shape = batch.shape().clone();
      int per = batch.bytes().length / (int) shape[0];
      shape[0] = 1;
      TensorData one = TensorData.of(batch.type(), shape,
          java.util.Arrays.copyOfRange(batch.bytes(), i * per, (i + 1) * per));
      rows.add(QuantEval.run(model, one).asFloats());
    }
    int width = rows.get(0).length;
    float[] all = new float[(int) n * width];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows.get(i), 0, all, i * width, width);
    }
    return TensorData.ofFloats(new long[] {n, width}, all);
  }
}
