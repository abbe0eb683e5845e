package io.litertj.legalize.control;

import static io.litertj.legalize.control.Functions.arg;
import static io.litertj.legalize.control.Functions.scalar;
import static io.litertj.testing.ElementType.FLOAT32;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tensorflow.proto.DataType.DT_FLOAT;
import static org.tensorflow.proto.DataType.DT_INT32;

import io.litertj.ConversionException;
import io.litertj.LiteRtConverter;
import io.litertj.legalize.LegalizerTable;
import io.litertj.testing.SavedModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Control flow the converter cannot express is refused by name, naming the node inside the loop. */
class ControlFlowErrorsTest {

  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(
      ControlFlowErrorsTest.class.getName());

  @TempDir
  Path dir;

  @Test
  void anUnsupportedOpInALoopBodyIsReportedWithTheOtherUnsupportedOps() {
    assertNull(LegalizerTable.standard().get("Cumprod"), "the test needs an op the converter lacks");
    Path saved = SavedModels.builder()
        .input("x", FLOAT32, -1, 3)
        .output("y", g -> {
          List<Functions.Arg> args = List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 3));
          ConcreteFunction cond = Functions.of(args, f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(2))));
          ConcreteFunction body = Functions.of(args, f -> List.of(f.tf().math.add(f.<TInt32>arg(0), f.tf().constant(1)),
              f.tf().withName("inner_cumprod").math.cumprod(f.<TFloat32>arg(1), f.tf().constant(1))));
          return g.tf().statelessWhile(List.of(g.tf().constant(0), g.input("x")), cond, body).output().get(1);
        })
        .export(dir.resolve("cumprod"));
    ConversionException e = assertThrows(ConversionException.class, () -> LiteRtConverter.fromSavedModel(saved).convert());
    LOG.info(e::getMessage);
    assertTrue(e.getMessage().contains("Cumprod"), e.getMessage());
    assertTrue(e.getMessage().contains("/body/inner_cumprod"), "names the node inside the body: " + e.getMessage());
  }

  @Test
  void aLoopValueThatChangesRankIsRefused() {
    Path saved = SavedModels.builder()
        .input("x", FLOAT32, 3)
        .output("y", g -> {
          List<Functions.Arg> args = List.of(scalar(DT_INT32), new Functions.Arg(DT_FLOAT, null));
          ConcreteFunction cond = Functions.of(args, f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(2))));
          ConcreteFunction body = Functions.of(args, f -> List.of(f.tf().math.add(f.<TInt32>arg(0), f.tf().constant(1)),
              f.tf().expandDims(f.<TFloat32>arg(1), f.tf().constant(0))));
          return g.tf().withName("growing").statelessWhile(List.of(g.tf().constant(0), g.input("x")), cond, body)
              .output().get(1);
        })
        .export(dir.resolve("rank"));
    ConversionException e = assertThrows(ConversionException.class, () -> LiteRtConverter.fromSavedModel(saved).convert());
    LOG.info(e::getMessage);
    assertTrue(e.getMessage().contains("loop value 1") && e.getMessage().contains("rank"), e.getMessage());
    assertTrue(e.getMessage().contains("growing"), "names the While node: " + e.getMessage());
  }

  @Test
  void aStateChangeInsideALoopBodyIsRefused() {
    Path saved = SavedModels.builder()
        .input("x", FLOAT32, -1, 3)
        .output("y", g -> {
          var handle = g.tf().withName("state").varHandleOp(TFloat32.class, org.tensorflow.ndarray.Shape.of(3));
          List<Functions.Arg> args = List.of(scalar(DT_INT32), arg(DT_FLOAT, -1, 3),
              new Functions.Arg(org.tensorflow.proto.DataType.DT_RESOURCE, org.tensorflow.ndarray.Shape.scalar()));
          var cond = GraphFunctions.of("state_cond", args,
              f -> List.of(f.tf().math.less(f.<TInt32>arg(0), f.tf().constant(2))));
          var body = GraphFunctions.of("state_body", args, f -> {
            var assign = f.tf().withName("assign_in_body").assignVariableOp(f.arg(2), f.tf().constant(new float[3]));
            var read = f.tf().withControlDependencies(List.of(assign)).readVariableOp(f.arg(2), TFloat32.class);
            return List.of(f.tf().math.add(f.<TInt32>arg(0), f.tf().constant(1)),
                f.tf().math.add(f.<TFloat32>arg(1), read), f.tf().identity(f.arg(2)));
          });
          return GraphFunctions.whileOp(g, List.of(g.tf().constant(0), g.input("x"), handle), cond, body).output(1);
        })
        .export(dir.resolve("state"));
    ConversionException e = assertThrows(ConversionException.class, () -> LiteRtConverter.fromSavedModel(saved).convert());
    LOG.info(e::getMessage);
    assertTrue(e.getMessage().contains("AssignVariableOp"), e.getMessage());
    assertTrue(e.getMessage().contains("assign_in_body"), "names the node inside the body: " + e.getMessage());
  }
}
