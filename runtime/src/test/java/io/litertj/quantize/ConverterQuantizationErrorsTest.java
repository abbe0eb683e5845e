package io.litertj.quantize;

import static io.litertj.testing.InputErrors.assertInputError;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ConversionException;
import io.litertj.LiteRtConverter;
import io.litertj.dataset.NdArray;
import io.litertj.tflite.TfliteWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset that fails while the quantizer reads it is the caller's error, named as such, with its cause. */
class ConverterQuantizationErrorsTest {

  @TempDir
  Path dir;

  @Test
  void aFailingDatasetIsTheCallersErrorWithItsCause() throws Exception {
    Path model = dir.resolve("tiny.tflite");
    Files.write(model, new TfliteWriter().toBytes(TinyModels.denseDivSoftmax()));
    List<Map<String, NdArray>> good = TinyModels.samples(3);
    Iterable<Map<String, NdArray>> breaksOnSecondPass = new Iterable<>() {
      private int passes;

      @Override
      public Iterator<Map<String, NdArray>> iterator() {
        if (++passes > 2) { // the quantizer reads a dataset several times: fail after the first few
          throw new IllegalStateException("the data source went away");
        }
        return good.iterator();
      }
    };
    Path out = dir.resolve("out.tflite");
    ConversionException e = assertInputError(() -> LiteRtConverter.fromTflite(model)
        .quantize(QuantizationOptions.of(QuantizationMode.INT8)).representativeDataset(breaksOnSecondPass)
        .convertTo(out));
    assertTrue(e.getMessage().contains("representative dataset failed") && e.getMessage().contains("tiny.tflite")
        && e.getMessage().contains("the data source went away"), e.getMessage());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(Files.notExists(out), "nothing written");
  }
}
