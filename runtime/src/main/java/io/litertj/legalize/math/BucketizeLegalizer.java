package io.litertj.legalize.math;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/** TF Bucketize → BUCKETIZE: INT32 bucket indices for sorted float boundaries. */
final class BucketizeLegalizer {

  private BucketizeLegalizer() {}

  static void register(LegalizerTable table) {
    table.register(BucketizeLegalizer::bucketize, "Bucketize");
  }

  private static List<Tensor> bucketize(NodeContext ctx) {
    Tensor x = ctx.input(0);
    List<Float> list = ctx.attr("boundaries").getList().getFList();
    float[] boundaries = new float[list.size()];
    for (int i = 0; i < boundaries.length; i++) {
      boundaries[i] = list.get(i);
      if (i > 0 && boundaries[i] < boundaries[i - 1]) {
        throw ctx.error("has unsorted boundaries", "TensorFlow requires them sorted too");
      }
    }
    return List.of(Kernels.emit(ctx, BuiltinOp.BUCKETIZE, List.of(x), x.type(), DataType.INT32, x.shape(),
        new OpOptions.Bucketize(boundaries)));
  }
}
