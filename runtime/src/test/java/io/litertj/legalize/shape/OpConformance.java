package io.litertj.legalize.shape;

import io.litertj.ConversionReport;
import io.litertj.ConversionResult;
import io.litertj.LiteRtConverter;
import io.litertj.testing.Closeness;
import io.litertj.testing.LiteRtOracle;
import io.litertj.testing.QuantizesInEveryMode;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SavedModels;
import io.litertj.testing.SignatureSpec;
import io.litertj.testing.TensorData;
import io.litertj.testing.TensorFlowOracle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Per-op conformance: TF Java writes a small SavedModel, we convert it, and real LiteRT must give
 * TensorFlow's outputs (within {@code 1e-5 + 1e-4 * max|ref|}; integers exactly) on seeded random
 * inputs. Dynamic dimensions are fed as 3, so that a dimension wrongly fixed to 1 shows. Then the
 * converted model is quantized in every mode, calibrated on those inputs, and must run in LiteRT:
 * an integer kernel's unmet precondition aborts the process, so this is where such gaps show.
 */
public final class OpConformance {

  private OpConformance() {}

  /**
   * One conformance case.
   *
   * @param name   the test's display name, saying what behaviour it checks
   * @param model  declares the inputs, variables and outputs of {@code serving_default}
   * @param inputs adjusts the random inputs (ranges, fixed shapes)
   * @param check  further checks on the conversion report (e.g. which LiteRT ops were emitted)
   * @param outputShapes the shape signatures LiteRT must declare for some outputs (-1 = dynamic)
   */
  public record Case(String name, Consumer<SavedModels.Builder> model, UnaryOperator<RandomInputs> inputs,
      Consumer<ConversionReport> check, Map<String, long[]> outputShapes) {

    public static Case of(String name, Consumer<SavedModels.Builder> model) {
      return new Case(name, model, r -> r, report -> {}, Map.of());
    }

    public Case inputs(UnaryOperator<RandomInputs> adjust) {
      return new Case(name, model, adjust, check, outputShapes);
    }

    /** Also asserts the converted model's declared shape of output {@code output}. */
    public Case outputShape(String output, long... dims) {
      Map<String, long[]> shapes = new java.util.HashMap<>(outputShapes);
      shapes.put(output, dims);
      return new Case(name, model, inputs, check, shapes);
    }

    /** Also asserts that the converted model uses exactly these LiteRT ops, with these counts. */
    public Case ops(Map<String, Integer> expected) {
      return new Case(name, model, inputs, report -> {
        if (!report.operatorCounts().equals(new java.util.TreeMap<>(expected))) {
          throw new AssertionError(name + ": expected ops " + new java.util.TreeMap<>(expected) + " but got "
              + report.operatorCounts());
        }
      }, outputShapes);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** One dynamic test per case, each exporting to its own folder under {@code root}. */
  public static Stream<DynamicTest> tests(List<Case> cases, Path root) {
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c, root.resolve(c.name()))));
  }

  /** Exports, converts, runs both and compares; returns the conversion report. */
  public static ConversionReport run(Case c, Path dir) {
    SavedModels.Builder builder = SavedModels.builder();
    c.model().accept(builder);
    Path saved = builder.export(dir);
    ConversionResult result = LiteRtConverter.fromSavedModel(saved).convert();
    try (TensorFlowOracle tf = TensorFlowOracle.load(saved); LiteRtOracle lite = LiteRtOracle.load(result.bytes())) {
      SignatureSpec spec = tf.signature("serving_default");
      Map<String, TensorData> in = c.inputs().apply(RandomInputs.seeded(20240611).batch(3)).forSignature(spec);
      Map<String, TensorData> reference = tf.run("serving_default", in);
      Map<String, TensorData> ours = lite.run("serving_default", in);
      Closeness.standard().assertAllClose(reference, ours);
      QuantizesInEveryMode.check(c.name(), result.bytes(), in);
      c.outputShapes().forEach((output, dims) -> {
        long[] declared = lite.signature("serving_default").output(output).orElseThrow().shape();
        if (!java.util.Arrays.equals(declared, dims)) {
          throw new AssertionError(c.name() + ": output '" + output + "' is declared " + java.util.Arrays.toString(
              declared) + ", expected " + java.util.Arrays.toString(dims));
        }
      });
    }
    c.check().accept(result.report());
    return result.report();
  }
}
