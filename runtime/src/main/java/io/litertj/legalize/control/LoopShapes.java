package io.litertj.legalize.control;

import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.tfgraph.TfTypes;
import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.TensorShapeProto;

/** Shape rules shared by the control-flow legalizers. */
final class LoopShapes {

  private LoopShapes() {}

  /**
   * The most specific shape both values fit: equal dimensions stay, others become dynamic; null
   * when the ranks differ.
   */
  static Shape merge(Shape a, Shape b) {
    if (a.rank() != b.rank()) {
      return null;
    }
    int[] dims = a.dims();
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] != b.dim(i)) {
        dims[i] = Shape.DYNAMIC;
      }
    }
    return Shape.of(dims);
  }

  /**
   * {@code shape} widened by what the node's {@code output_shapes} attribute says of output
   * {@code index} (TensorFlow's shape invariant): a dimension it leaves unknown is dynamic. An
   * attribute of another rank, or of unknown rank, says nothing here.
   */
  static Shape widenByAttribute(Shape shape, List<TensorShapeProto> declared, int index) {
    if (declared == null || index >= declared.size()) {
      return shape;
    }
    Shape invariant = TfTypes.toIr(declared.get(index));
    if (invariant == null || invariant.rank() != shape.rank()) {
      return shape;
    }
    int[] dims = shape.dims();
    for (int i = 0; i < dims.length; i++) {
      if (invariant.dim(i) < 0) {
        dims[i] = Shape.DYNAMIC;
      }
    }
    return Shape.of(dims);
  }

  /** The node's {@code output_shapes}, or null when it has none. */
  static List<TensorShapeProto> declared(AttrValue attr) {
    return attr == null || !attr.hasList() ? null : attr.getList().getShapeList();
  }

  /** A fresh tensor with {@code like}'s name and type and the given shape (a template for inputs). */
  static Tensor template(Tensor like, Shape shape) {
    return new Tensor(like.name(), like.type(), shape);
  }
}
