package io.litertj.legalize.nn;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.shape.Dims;
import io.litertj.legalize.shape.IndexTensors;
import java.util.List;

/** TF's EXPLICIT conv padding as a PAD before a VALID conv, as the official converter emits it. */
final class ExplicitPadding {

  private ExplicitPadding() {}

  /** The input padded by {@code window.explicit()}, or the input itself when nothing is padded. */
  static Tensor apply(NodeContext ctx, Tensor input, Window window) {
    int[] e = window.explicit();
    if (e == null || (e[0] == 0 && e[1] == 0 && e[2] == 0 && e[3] == 0)) {
      return input;
    }
    Tensor paddings = IndexTensors.int32(ctx, "paddings", Shape.of(4, 2), new long[] {0, 0, e[0], e[1], e[2], e[3], 0, 0});
    Shape in = input.shape();
    Shape out = Shape.of(in.dim(0), Dims.add(in.dim(1), e[0] + e[1]), Dims.add(in.dim(2), e[2] + e[3]), in.dim(3));
    return ctx.emit(BuiltinOp.PAD, List.of(input, paddings), input.type(), out, new OpOptions.Pad());
  }
}
