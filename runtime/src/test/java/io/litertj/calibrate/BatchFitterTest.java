package io.litertj.calibrate;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.dataset.NdArray;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.LiteRtModel;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Operator;
import io.litertj.ir.Shape;
import io.litertj.ir.Subgraph;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model with a fixed batch of 4 calibrated from one-example samples, run in LiteRT. */
class BatchFitterTest {

  @Test
  void fourConsecutiveSamplesMakeOneBatchAndTheRemainderIsLeftOut() {
    List<Map<String, NdArray>> samples = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      float v = s < 8 ? s : 1000 + s; // samples 8 and 9 do not fill a batch: their values must not count
      samples.add(Map.of("x", NdArray.ofFloats(new float[] {v, -v, 0.5f * v}, 1, 3)));
    }
    LiteRtModel model = batchOfFour();
    TensorRanges ranges = Calibrator.calibrate(model, samples, ProgressListener.NONE);
    assertEquals(2, ranges.sampleCount(), "two batches of four");
    Range x = ranges.get(model.subgraphs().get(0).inputs().get("x"));
    assertEquals(-7f, x.min());
    assertEquals(7f, x.max());
  }

  @Test
  void quantizesAndReportsThroughLiteRt() {
    List<Map<String, NdArray>> samples = new ArrayList<>();
    for (int s = 0; s < 12; s++) {
      samples.add(Map.of("x", NdArray.ofFloats(new float[] {s, -s, 0.25f * s}, 1, 3)));
    }
    LiteRtModel model = batchOfFour();
    LiteRtModel q = io.litertj.quantize.PostTrainingQuantizer.quantize(model,
        io.litertj.quantize.QuantizationOptions.of(io.litertj.quantize.QuantizationMode.INT8), samples,
        ProgressListener.NONE);
    io.litertj.quantize.QuantizationReport report = io.litertj.quantize.QualityReporter.report(model, q, samples,
        ProgressListener.NONE);
    assertEquals(3, report.samples(), "three batches of four");
    assertTrue(report.outputs().get(0).snrDb() > 35, report.summary());
  }

  @Test
  void aLeadingAxisOfOneOverAWholeBatchIsDropped() {
    List<Map<String, NdArray>> samples = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      float[] batch = new float[12];
      for (int i = 0; i < batch.length; i++) {
        batch[i] = s * 12 + i;
      }
      samples.add(Map.of("x", NdArray.ofFloats(batch, 1, 4, 3)));
    }
    LiteRtModel model = batchOfFour();
    TensorRanges ranges = Calibrator.calibrate(model, samples, ProgressListener.NONE);
    assertEquals(3, ranges.sampleCount());
    assertEquals(35f, ranges.get(model.subgraphs().get(0).inputs().get("x")).max());
  }

  @Test
  void samplesThatAlreadyFitAreLeftAlone() {
    List<Map<String, NdArray>> samples = List.of(Map.of("x", NdArray.ofFloats(new float[12], 4, 3)));
    assertSame(samples, BatchFitter.fit(batchOfFour().subgraphs().get(0), samples));
  }

  @Test
  void errorsNameTheSampleTheUserGave() {
    List<Map<String, NdArray>> samples = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      samples.add(Map.of("x", NdArray.ofFloats(new float[s == 5 ? 4 : 3], 1, s == 5 ? 4 : 3)));
    }
    ConversionException wrong = assertInputError(
        () -> Calibrator.calibrate(batchOfFour(), samples, ProgressListener.NONE));
    assertTrue(wrong.getMessage().contains("sample 5") && wrong.getMessage().contains("[1, 4]"), wrong.getMessage());

    ConversionException few = assertInputError(() -> Calibrator.calibrate(batchOfFour(),
        samples.subList(0, 3), ProgressListener.NONE));
    assertTrue(few.getMessage().contains("3 samples") && few.getMessage().contains("batches of 4"), few.getMessage());
  }

  /** x:[4,3] → MUL by 2 → y. */
  private static LiteRtModel batchOfFour() {
    Subgraph s = new Subgraph("serving_default");
    Tensor x = new Tensor("x", DataType.FLOAT32, Shape.of(4, 3));
    Tensor two = Tensor.constant("two", DataType.FLOAT32, Shape.of(1), ConstantData.ofFloats(2f));
    Tensor y = new Tensor("y", DataType.FLOAT32, Shape.of(4, 3));
    s.addInput("x", x);
    s.addOperator(new Operator(BuiltinOp.MUL, List.of(x, two), List.of(y), new OpOptions.Mul(Activation.NONE)));
    s.addOutput("y", y);
    LiteRtModel m = new LiteRtModel("batch of four");
    m.addSubgraph(s);
    return m;
  }
}
