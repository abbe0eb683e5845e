package io.litertj.conformance;

import io.litertj.LiteRtConverter;
import io.litertj.testing.Conformance;
import io.litertj.testing.ElementType;
import io.litertj.testing.RandomInputs;
import io.litertj.testing.SavedModels;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures whose outputs are not plain op results: an input passed through, one tensor twice. */
class EdgeSignaturesTest {

  @TempDir
  Path temp;

  @Test
  void outputThatIsTheInputItself() {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, -1, 3)
        .output("y", g -> g.tf().identity(g.input("x")))
        .export(temp.resolve("identity"));
    byte[] model = LiteRtConverter.fromSavedModel(dir).convert().bytes();
    Conformance.check(dir, model, "serving_default", RandomInputs.seeded(1));
  }

  @Test
  void oneTensorAsTwoOutputs() {
    Path dir = SavedModels.builder()
        .input("x", ElementType.FLOAT32, 2, 3)
        .outputs(g -> {
          var y = g.tf().math.mul(g.input("x"), g.tf().constant(3f));
          return Map.of("first", y, "second", g.tf().identity(y));
        })
        .export(temp.resolve("twice"));
    byte[] model = LiteRtConverter.fromSavedModel(dir).convert().bytes();
    Conformance.check(dir, model, "serving_default", RandomInputs.seeded(2));
  }

  @Test
  void int64InputPassedThroughAndDoubled() {
    Path dir = SavedModels.builder()
        .input("n", ElementType.INT64, 4)
        .outputs(g -> Map.of("same", g.tf().identity(g.input("n")),
            "double", g.tf().math.add(g.input("n"), g.input("n"))))
        .export(temp.resolve("int64"));
    byte[] model = LiteRtConverter.fromSavedModel(dir).convert().bytes();
    Conformance.check(dir, model, "serving_default", RandomInputs.seeded(3).ints(-1000, 1000));
  }
}
