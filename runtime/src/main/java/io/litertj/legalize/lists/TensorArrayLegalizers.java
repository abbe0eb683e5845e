package io.litertj.legalize.lists;

import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.LegalizerTable;
import io.litertj.legalize.NodeContext;
import io.litertj.tfgraph.TfTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * TF1's TensorArrayV3 family on dense lists ({@link DenseLists}). A TensorArray is a handle
 * (a resource) plus a float "flow" value that every write returns and every read takes, which is
 * what orders them: here the flow is the dense list itself, and the handle a placeholder constant
 * that only names the array. Growing arrays ({@code dynamic_size}) are refused.
 */
final class TensorArrayLegalizers {

  private TensorArrayLegalizers() {}

  static void register(LegalizerTable table) {
    table.register(TensorArrayLegalizers::create, "TensorArrayV3");
    table.register(TensorArrayLegalizers::write, "TensorArrayWriteV3");
    table.register(TensorArrayLegalizers::read, "TensorArrayReadV3");
    table.register(TensorArrayLegalizers::gather, "TensorArrayGatherV3");
    table.register(TensorArrayLegalizers::scatter, "TensorArrayScatterV3");
    table.register(ctx -> List.of(DenseLists.length(ctx, flow(ctx, 1))), "TensorArraySizeV3");
    // Closing frees the array; nothing of it is left to free in a dense list.
    table.register(ctx -> List.of(), "TensorArrayCloseV3");
  }

  /** TensorArrayV3(size) → (handle, flow): the flow is a zero list. */
  private static List<Tensor> create(NodeContext ctx) {
    if (ctx.attrBool("dynamic_size", false)) {
      throw ctx.error("may grow (dynamic_size=True)", "give the TensorArray a fixed size");
    }
    Tensor size = ctx.input(0);
    if (size.type() != DataType.INT32 || size.shape().numElements() != 1) {
      throw ctx.error("takes a size of " + size.type() + size.shape() + "; expected one int32", null);
    }
    int[] element = null;
    if (ctx.hasAttr("element_shape")) {
      Shape declared = TfTypes.toIr(ctx.attr("element_shape").getShape());
      element = declared == null ? null : declared.dims();
    }
    Tensor flow = DenseLists.reserve(ctx, size, element, ctx.attrType("dtype"));
    Tensor handle = ctx.constant("handle", DataType.INT32, Shape.scalar(), ConstantData.ofInts(0));
    return List.of(handle, flow);
  }

  /** TensorArrayWriteV3(handle, index, value, flow_in) → flow_out. */
  private static List<Tensor> write(NodeContext ctx) {
    return List.of(DenseLists.setItem(ctx, flow(ctx, 3), index(ctx, 1), ctx.input(2)));
  }

  /** TensorArrayReadV3(handle, index, flow_in) → the element. */
  private static List<Tensor> read(NodeContext ctx) {
    Tensor flow = flow(ctx, 2);
    if (DenseLists.isPending(ctx, flow)) {
      throw ctx.error("reads from a TensorArray that is not written yet", "write the TensorArray before reading it");
    }
    return List.of(DenseLists.gather(ctx, flow, index(ctx, 1)));
  }

  /** TensorArrayGatherV3(handle, indices, flow_in) → the elements, stacked. */
  private static List<Tensor> gather(NodeContext ctx) {
    Tensor flow = flow(ctx, 2);
    if (DenseLists.isPending(ctx, flow)) {
      throw ctx.error("gathers from a TensorArray that is not written yet", "write the TensorArray before reading it");
    }
    Tensor indices = ctx.input(1);
    if (indices.type() != DataType.INT32) {
      throw ctx.error("takes indices of " + indices.type() + "; expected int32", null);
    }
    return List.of(DenseLists.gather(ctx, flow, indices));
  }

  /**
   * TensorArrayScatterV3(handle, indices, value, flow_in) → flow_out: value's rows written at the
   * (constant) indices; scattering 0..N-1 over the whole array (TensorArray.unstack) is the value.
   */
  private static List<Tensor> scatter(NodeContext ctx) {
    Tensor flow = flow(ctx, 3);
    Tensor value = ctx.input(2);
    long[] indices = ctx.constantInts(1, "indices");
    if (value.shape().rank() == 0 || (value.shape().dim(0) >= 0 && value.shape().dim(0) != indices.length)) {
      throw ctx.error("scatters " + indices.length + " indices with a value of shape " + value.shape(), null);
    }
    boolean whole = flow.shape().dim(0) == indices.length;
    for (int i = 0; i < indices.length && whole; i++) {
      whole = indices[i] == i;
    }
    ListNote note = DenseLists.note(ctx, flow);
    if (whole) {
      Tensor list = ctx.annotation(value, ListNote.class) == null ? value : DenseLists.copy(ctx, value);
      if (note != null) {
        ctx.annotate(list, note.written());
      }
      return List.of(list);
    }
    if (indices.length > MAX_SCATTERED) {
      throw ctx.error("scatters " + indices.length + " elements that are not the whole array",
          "unstack the whole array, or write fewer elements");
    }
    Tensor list = flow;
    List<Tensor> rows = new ArrayList<>();
    for (int i = 0; i < indices.length; i++) {
      Tensor at = ctx.constant("row" + i, DataType.INT32, Shape.scalar(), ConstantData.ofInts(i));
      rows.add(DenseLists.gather(ctx, value, at));
    }
    for (int i = 0; i < indices.length; i++) {
      Tensor at = ctx.constant("index" + i, DataType.INT32, Shape.scalar(), ConstantData.ofInts((int) indices[i]));
      list = DenseLists.setItem(ctx, list, at, rows.get(i));
    }
    return List.of(list);
  }

  /** Scatters of more elements than this, other than the whole array, are refused (one update each). */
  private static final int MAX_SCATTERED = 64;

  private static Tensor flow(NodeContext ctx, int input) {
    Tensor flow = ctx.input(input);
    if (DenseLists.note(ctx, flow) == null && flow.shape().rank() == 0) {
      throw ctx.error("takes a flow value that no TensorArrayV3 the converter saw made",
          "make the TensorArray in the converted signature");
    }
    return flow;
  }

  private static Tensor index(NodeContext ctx, int input) {
    Tensor index = ctx.input(input);
    if (index.type() != DataType.INT32 || index.shape().rank() != 0) {
      throw ctx.error("takes an index of " + index.type() + index.shape() + "; expected an int32 scalar", null);
    }
    return index;
  }
}
