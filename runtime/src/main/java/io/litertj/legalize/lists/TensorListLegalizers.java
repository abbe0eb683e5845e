package io.litertj.legalize.lists;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import java.util.List;

/**
 * TF2's TensorList ops (what tf.TensorArray becomes inside tf.function) on dense lists
 * ({@link DenseLists}).
 */
final class TensorListLegalizers {

  private TensorListLegalizers() {}

  static void register(LegalizerTable table) {
    table.register(TensorListLegalizers::reserve, "TensorListReserve");
    table.register(TensorListLegalizers::fromTensor, "TensorListFromTensor");
    table.register(TensorListLegalizers::getItem, "TensorListGetItem");
    table.register(TensorListLegalizers::setItem, "TensorListSetItem");
    table.register(TensorListLegalizers::stack, "TensorListStack");
    table.register(TensorListLegalizers::gather, "TensorListGather");
    table.register(ctx -> List.of(DenseLists.length(ctx, ctx.input(0))), "TensorListLength");
    table.register(TensorListLegalizers::elementShape, "TensorListElementShape");
  }

  /** TensorListReserve(element_shape, num_elements): zeros, or a pending list for an unknown element rank. */
  private static List<Tensor> reserve(NodeContext ctx) {
    int[] element = DenseLists.partialElementShape(ctx, 0);
    Tensor count = ctx.input(1);
    if (count.type() != DataType.INT32 || count.shape().numElements() != 1) {
      throw ctx.error("takes num_elements of " + count.type() + count.shape() + "; expected one int32", null);
    }
    return List.of(DenseLists.reserve(ctx, count, element, ctx.attrType("element_dtype")));
  }

  /** TensorListFromTensor(tensor, element_shape): the tensor is the list. */
  private static List<Tensor> fromTensor(NodeContext ctx) {
    Tensor tensor = ctx.input(0);
    if (tensor.shape().rank() == 0) {
      throw ctx.error("makes a list from a scalar", "a list needs a tensor of rank 1 or more");
    }
    int[] declared = DenseLists.partialElementShape(ctx, 1);
    DenseLists.check(ctx, DenseLists.elementShape(tensor.shape()), declared);
    if (ctx.annotation(tensor, ListNote.class) != null) {
      // The same tensor seen as another list: a copy, so that each keeps its own note.
      tensor = DenseLists.copy(ctx, tensor);
    }
    ctx.annotate(tensor, new ListNote(false, declared));
    return List.of(tensor);
  }

  /** TensorListGetItem(list, index, element_shape) → GATHER on axis 0. */
  private static List<Tensor> getItem(NodeContext ctx) {
    Tensor list = ctx.input(0);
    Tensor index = scalarIndex(ctx, 1);
    int[] declared = DenseLists.partialElementShape(ctx, 2);
    if (DenseLists.isPending(ctx, list)) {
      return List.of(unwrittenElement(ctx, declared));
    }
    DenseLists.check(ctx, DenseLists.elementShape(list.shape()), declared);
    return List.of(DenseLists.gather(ctx, list, index));
  }

  /** TensorListSetItem(list, index, item). */
  private static List<Tensor> setItem(NodeContext ctx) {
    if (ctx.attrBool("resize_if_index_out_of_bounds", false)) {
      throw ctx.error("may grow the list (resize_if_index_out_of_bounds)",
          "give the TensorArray a fixed size (dynamic_size=False)");
    }
    return List.of(DenseLists.setItem(ctx, ctx.input(0), scalarIndex(ctx, 1), ctx.input(2)));
  }

  /** TensorListStack(list, element_shape): the list is the stacked tensor. */
  private static List<Tensor> stack(NodeContext ctx) {
    Tensor list = ctx.input(0);
    int[] declared = DenseLists.partialElementShape(ctx, 1);
    long expected = ctx.attrInt("num_elements", -1);
    if (DenseLists.isPending(ctx, list)) {
      if (declared == null || !Shape.of(declared).isStatic()) {
        throw ctx.error("stacks a list that is never written and whose element shape is not known",
            "give the TensorArray an element_shape");
      }
      list = DenseLists.zerosLike(ctx, list, declared);
    }
    DenseLists.check(ctx, DenseLists.elementShape(list.shape()), declared);
    if (expected >= 0 && list.shape().dim(0) >= 0 && expected != list.shape().dim(0)) {
      throw ctx.error("expects " + expected + " elements, but the list has " + list.shape().dim(0), null);
    }
    return List.of(list);
  }

  /** TensorListGather(list, indices, element_shape) → GATHER on axis 0. */
  private static List<Tensor> gather(NodeContext ctx) {
    Tensor list = ctx.input(0);
    Tensor indices = ctx.input(1);
    if (indices.type() != DataType.INT32) {
      throw ctx.error("takes indices of " + indices.type() + "; expected int32", null);
    }
    if (DenseLists.isPending(ctx, list)) {
      throw ctx.error("gathers from a list that is never written", "write the list before reading it");
    }
    return List.of(DenseLists.gather(ctx, list, indices));
  }

  /**
   * TensorListElementShape(list): the element shape the list was made with (TensorFlow keeps
   * that, -1 for unknown sizes, whatever is written later); -1 for an unknown rank.
   */
  private static List<Tensor> elementShape(NodeContext ctx) {
    Tensor list = ctx.input(0);
    DataType type = ctx.attrType("shape_type");
    if (type != DataType.INT32 && type != DataType.INT64) {
      throw ctx.error("returns shapes of " + type, null);
    }
    ListNote note = DenseLists.note(ctx, list);
    if (note == null) {
      throw ctx.error("asks for the element shape of a list whose making the converter cannot see "
          + "(it comes out of an If or Case)", "ask for the element shape where the list is made");
    }
    int[] declared = note.declared();
    if (declared == null) {
      return List.of(ctx.constant("unknown_rank", type, Shape.scalar(),
          type == DataType.INT32 ? ConstantData.ofInts(-1) : ConstantData.ofLongs(-1)));
    }
    long[] values = new long[declared.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = declared[i];
    }
    return List.of(ctx.constant("element_shape", type, Shape.of(declared.length),
        type == DataType.INT32 ? ConstantData.ofInts(declared) : ConstantData.ofLongs(values)));
  }

  /** An element read before any write: zeros of the declared shape, as TensorFlow gives. */
  private static Tensor unwrittenElement(NodeContext ctx, int[] declared) {
    if (declared == null || !Shape.of(declared).isStatic()) {
      throw ctx.error("reads an element of a list that is not written yet and whose element shape is not known",
          "give the TensorArray an element_shape, or write before reading");
    }
    Tensor dims = ctx.constInt32("element_dims", declared);
    DataType type = ctx.attrType("element_dtype");
    Tensor zero = ctx.constant("zero", type, Shape.scalar(), DenseLists.zero(ctx, type));
    return ctx.emit(BuiltinOp.FILL, List.of(dims, zero), type, Shape.of(declared), new OpOptions.Fill());
  }

  private static Tensor scalarIndex(NodeContext ctx, int input) {
    Tensor index = ctx.input(input);
    if (index.type() != DataType.INT32 || index.shape().rank() != 0) {
      throw ctx.error("takes an index of " + index.type() + index.shape() + "; expected an int32 scalar", null);
    }
    return index;
  }
}
