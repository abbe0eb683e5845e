package io.litertj.example;

import io.litertj.ConversionReport;
import io.litertj.LiteRtConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example job: writes the example SavedModels with TF Java, converts each to LiteRT, and
 * says where the files went and how big they are.
 */
public final class RunExamples {

  private RunExamples() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "target/examples");
    Path models = root.resolve("savedmodels");
    Path out = root.resolve("tflite");
    Files.createDirectories(out);
    convert("small_cnn", models, out, ExampleModels::writeSmallCnn);
    convert("mlp", models, out, ExampleModels::writeMlp);
  }

  private interface Writer {
    void write(Path dir) throws IOException;
  }

  private static void convert(String name, Path models, Path out, Writer writer) throws IOException {
    Path dir = models.resolve(name);
    if (!Files.exists(dir.resolve("saved_model.pb"))) {
      writer.write(dir);
    }
    Path tflite = out.resolve(name + ".tflite");
    ConversionReport report = LiteRtConverter.fromSavedModel(dir).convertTo(tflite);
    String line = String.format("%s -> %s (%,d bytes; operators %s)", dir, tflite.toAbsolutePath(), report.modelBytes(),
        report.operatorCounts());
    System.out.println(line);
  }
}
