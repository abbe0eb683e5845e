package io.litertj.legalize.lists;

import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import io.litertj.legalize.NodeContext;
import io.litertj.legalize.math.Broadcast;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * TensorFlow's element lists (TensorList, and TensorArray through its flow value) as dense
 * tensors, as the official converter lowers them: a list of N elements of shape E is a tensor of
 * shape [N, ...E]; reading an element gathers it, writing one updates a slice.
 *
 * <p>Where TensorFlow leaves a dimension of E unknown until run time (a dynamic batch) the list
 * starts with size 1 there, and the first write broadcasts it to the element's size: the write
 * selects, per position, between the element and the list (SELECT_V2 broadcasts both), so the
 * list's size comes from the data. Lists whose element shape is fully known are updated in place
 * with DYNAMIC_UPDATE_SLICE. A list whose element rank is unknown (pending, see {@link ListNote})
 * is a [N] zero tensor until written; a While loop that writes one gets it shaped before the loop.
 */
public final class DenseLists {

  private DenseLists() {}

  /** Whether {@code list} is a list that no write has given an element shape yet. */
  public static boolean isPending(NodeContext ctx, Tensor list) {
    ListNote note = ctx.annotation(list, ListNote.class);
    return note != null && note.pending();
  }

  /**
   * {@code pending} (a [N] zero list) shaped like {@code written}, a list after writes: zeros of
   * shape [N, ...E] where E is {@code written}'s element shape, with 1 for each dimension only the
   * data will tell (the first write broadcasts it).
   */
  public static Tensor materialize(NodeContext ctx, Tensor pending, Tensor written) {
    Shape w = written.shape();
    int[] element = new int[w.rank() - 1];
    for (int i = 0; i < element.length; i++) {
      element[i] = Math.max(1, w.dim(i + 1));
    }
    return zerosLike(ctx, pending, element);
  }

  /** A new tensor holding {@code t}'s value (a RESHAPE to its own shape), to note differently. */
  static Tensor copy(NodeContext ctx, Tensor t) {
    Tensor shape = t.shape().isStatic() ? ctx.constInt32("shape", t.shape().dims())
        : ctx.emit(BuiltinOp.SHAPE, List.of(t), DataType.INT32, Shape.of(t.shape().rank()),
            new OpOptions.ShapeOp(DataType.INT32));
    return ctx.emit(BuiltinOp.RESHAPE, List.of(t, shape), t.type(), t.shape(),
        t.shape().isStatic() ? new OpOptions.Reshape(t.shape().dims()) : null);
  }

  /** The note of {@code list}, or null when it has none (a list an IF returns, say). */
  static ListNote note(NodeContext ctx, Tensor list) {
    return ctx.annotation(list, ListNote.class);
  }

  /** Zeros of shape [N, ...element] for a pending list of N elements. */
  static Tensor zerosLike(NodeContext ctx, Tensor pending, int[] element) {
    Tensor zeros = shapedZeros(ctx, pending, element);
    ListNote note = note(ctx, pending);
    if (note != null) {
      ctx.annotate(zeros, note.written());
    }
    return zeros;
  }

  private static Tensor shapedZeros(NodeContext ctx, Tensor pending, int[] element) {
    int[] ones = new int[element.length + 1];
    ones[0] = -1;
    java.util.Arrays.fill(ones, 1, ones.length, 1);
    int[] columnDims = new int[ones.length];
    columnDims[0] = pending.shape().dim(0);
    java.util.Arrays.fill(columnDims, 1, columnDims.length, 1);
    Tensor column = ctx.emit(BuiltinOp.RESHAPE, List.of(pending, ctx.constInt32("list_shape", ones)), pending.type(),
        Shape.of(columnDims), new OpOptions.Reshape(ones));
    int[] multiples = new int[ones.length];
    multiples[0] = 1;
    boolean tile = false;
    int[] dims = columnDims.clone();
    for (int i = 0; i < element.length; i++) {
      multiples[i + 1] = element[i];
      dims[i + 1] = element[i];
      tile |= element[i] != 1;
    }
    if (!tile) {
      return column;
    }
    return ctx.emit(BuiltinOp.TILE, List.of(column, ctx.constInt32("list_multiples", multiples)), pending.type(),
        Shape.of(dims), new OpOptions.Tile());
  }

  /**
   * A new list of {@code numElements} (an int32 scalar) zero elements of {@code element} (-1 for
   * sizes the first write will give), or a pending list when {@code element} is null.
   */
  static Tensor reserve(NodeContext ctx, Tensor numElements, int[] element, DataType type) {
    Tensor list = zeros(ctx, numElements, element, type);
    ctx.annotate(list, new ListNote(element == null, element));
    return list;
  }

  private static Tensor zeros(NodeContext ctx, Tensor numElements, int[] element, DataType type) {
    long[] n = numElements.isConstant() ? numElements.constantLongs() : null;
    if (n != null && n[0] < 0) {
      throw ctx.error("reserves " + n[0] + " elements", "give the list a size of zero or more");
    }
    int count = n == null ? Shape.DYNAMIC : Math.toIntExact(n[0]);
    int[] dims = new int[1 + (element == null ? 0 : element.length)];
    dims[0] = count;
    for (int i = 1; i < dims.length; i++) {
      dims[i] = Math.max(1, element[i - 1]);
    }
    Tensor shape;
    if (n != null) {
      shape = ctx.constInt32("list_dims", dims);
    } else {
      Tensor first = ctx.emit(BuiltinOp.RESHAPE, List.of(numElements, ctx.constInt32("one", 1)), DataType.INT32,
          Shape.of(1), new OpOptions.Reshape(new int[] {1}));
      shape = dims.length == 1 ? first : ctx.emit(BuiltinOp.CONCATENATION,
          List.of(first, ctx.constInt32("element_dims", java.util.Arrays.copyOfRange(dims, 1, dims.length))),
          DataType.INT32, Shape.of(dims.length), new OpOptions.Concatenation(0, io.litertj.ir.Activation.NONE));
    }
    Tensor zero = ctx.constant("zero", type, Shape.scalar(), zero(ctx, type));
    return ctx.emit(BuiltinOp.FILL, List.of(shape, zero), type, Shape.of(dims), new OpOptions.Fill());
  }

  /** The list with element {@code index} (an int32 scalar) replaced by {@code item}. */
  static Tensor setItem(NodeContext ctx, Tensor list, Tensor index, Tensor item) {
    ListNote note = note(ctx, list);
    Tensor updated = update(ctx, list, index, item);
    if (note != null) {
      ctx.annotate(updated, note.written());
    }
    return updated;
  }

  private static Tensor update(NodeContext ctx, Tensor list, Tensor index, Tensor item) {
    if (isPending(ctx, list)) {
      int[] element = item.shape().dims();
      list = zerosLike(ctx, list, element);
    }
    Shape ls = list.shape();
    if (ls.rank() != item.shape().rank() + 1) {
      throw ctx.error("writes an element of rank " + item.shape().rank() + " into a list of elements of rank "
          + (ls.rank() - 1), "the list's elements must all have one rank");
    }
    if (item.type() != list.type()) {
      throw ctx.error("writes a " + item.type() + " element into a list of " + list.type(), null);
    }
    Shape element = elementShape(ls);
    if (element.isStatic() && element.equals(item.shape())) {
      return updateSlice(ctx, list, index, item);
    }
    return select(ctx, list, index, item);
  }

  /** DYNAMIC_UPDATE_SLICE of [1, ...E] at [index, 0, ...]: the element shapes are known and equal. */
  private static Tensor updateSlice(NodeContext ctx, Tensor list, Tensor index, Tensor item) {
    int rank = list.shape().rank();
    int[] oneMore = new int[rank];
    oneMore[0] = 1;
    System.arraycopy(item.shape().dims(), 0, oneMore, 1, rank - 1);
    Tensor update = ctx.emit(BuiltinOp.RESHAPE, List.of(item, ctx.constInt32("update_shape", oneMore)), item.type(),
        Shape.of(oneMore), new OpOptions.Reshape(oneMore));
    Tensor start;
    if (index.isConstant()) {
      int[] at = new int[rank];
      at[0] = (int) index.constantLongs()[0];
      start = ctx.constInt32("start", at);
    } else {
      Tensor first = ctx.emit(BuiltinOp.RESHAPE, List.of(index, ctx.constInt32("one", 1)), DataType.INT32,
          Shape.of(1), new OpOptions.Reshape(new int[] {1}));
      start = rank == 1 ? first : ctx.emit(BuiltinOp.CONCATENATION,
          List.of(first, ctx.constInt32("zeros", new int[rank - 1])), DataType.INT32, Shape.of(rank),
          new OpOptions.Concatenation(0, io.litertj.ir.Activation.NONE));
    }
    return ctx.emit(BuiltinOp.DYNAMIC_UPDATE_SLICE, List.of(list, update, start), list.type(), list.shape(),
        new OpOptions.DynamicUpdateSlice());
  }

  /**
   * SELECT_V2(position == index, [1, ...item], list): broadcasting gives a list whose sizes are
   * still 1 the element's sizes, as the first write must.
   */
  private static Tensor select(NodeContext ctx, Tensor list, Tensor index, Tensor item) {
    int rank = list.shape().rank();
    int[] column = new int[rank];
    java.util.Arrays.fill(column, 1);
    column[0] = -1;
    Tensor positions = positions(ctx, list);
    int[] columnDims = column.clone();
    columnDims[0] = list.shape().dim(0);
    Tensor positionColumn = ctx.emit(BuiltinOp.RESHAPE, List.of(positions, ctx.constInt32("column", column)),
        DataType.INT32, Shape.of(columnDims), new OpOptions.Reshape(column));
    Tensor mask = ctx.emit(BuiltinOp.EQUAL, List.of(positionColumn, index), DataType.BOOL, Shape.of(columnDims),
        null);
    int[] oneMore = new int[rank];
    oneMore[0] = 1;
    System.arraycopy(item.shape().dims(), 0, oneMore, 1, rank - 1);
    Tensor update = ctx.emit(BuiltinOp.EXPAND_DIMS, List.of(item, ctx.constInt32("axis0", 0)), item.type(),
        Shape.of(oneMore), new OpOptions.ExpandDims());
    Shape out = Broadcast.pair(list.shape(), Shape.of(oneMore));
    if (out == null || out.dim(0) != list.shape().dim(0) && list.shape().dim(0) >= 0) {
      throw ctx.error("writes an element of shape " + item.shape() + " into a list of shape " + list.shape(),
          "the list's elements must all have one shape");
    }
    return ctx.emit(BuiltinOp.SELECT_V2, List.of(mask, update, list), list.type(), out, null);
  }

  /** 0, 1, ..., N-1 for a list of N elements. */
  private static Tensor positions(NodeContext ctx, Tensor list) {
    int n = list.shape().dim(0);
    if (n >= 0) {
      int[] iota = new int[n];
      for (int i = 0; i < n; i++) {
        iota[i] = i;
      }
      return ctx.constInt32("positions", iota);
    }
    Tensor count = length(ctx, list);
    Tensor zero = ctx.constant("start", DataType.INT32, Shape.scalar(), ConstantData.ofInts(0));
    Tensor one = ctx.constant("delta", DataType.INT32, Shape.scalar(), ConstantData.ofInts(1));
    return ctx.emit(BuiltinOp.RANGE, List.of(zero, count, one), DataType.INT32, Shape.of(Shape.DYNAMIC), null);
  }

  /** Element {@code index} (an int32 scalar, or indices) of the list. */
  static Tensor gather(NodeContext ctx, Tensor list, Tensor index) {
    int[] ix = index.shape().dims();
    int[] dims = new int[ix.length + list.shape().rank() - 1];
    System.arraycopy(ix, 0, dims, 0, ix.length);
    for (int i = 1; i < list.shape().rank(); i++) {
      dims[ix.length + i - 1] = list.shape().dim(i);
    }
    return ctx.emit(BuiltinOp.GATHER, List.of(list, index), list.type(), Shape.of(dims), new OpOptions.Gather(0, 0));
  }

  /** The number of elements, an int32 scalar. */
  static Tensor length(NodeContext ctx, Tensor list) {
    int n = list.shape().dim(0);
    if (n >= 0) {
      return ctx.constant("length", DataType.INT32, Shape.scalar(), ConstantData.ofInts(n));
    }
    Tensor shape = ctx.emit(BuiltinOp.SHAPE, List.of(list), DataType.INT32, Shape.of(list.shape().rank()),
        new OpOptions.ShapeOp(DataType.INT32));
    Tensor first = ctx.constant("first", DataType.INT32, Shape.scalar(), ConstantData.ofInts(0));
    return ctx.emit(BuiltinOp.GATHER, List.of(shape, first), DataType.INT32, Shape.scalar(),
        new OpOptions.Gather(0, 0));
  }

  /** The element shape of a list of shape [N, ...E]. */
  static Shape elementShape(Shape list) {
    int[] dims = list.dims();
    return Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length));
  }

  static ConstantData zero(NodeContext ctx, DataType type) {
    if (type.byteSize() <= 0) {
      throw ctx.error("holds elements of type " + type + ", which LiteRT lists cannot hold", null);
    }
    return ConstantData.of(ByteBuffer.allocate(type.byteSize()).order(ByteOrder.LITTLE_ENDIAN));
  }

  /** Element shape values (TF's -1 for unknown sizes); null for an unknown rank. */
  static int[] partialElementShape(NodeContext ctx, int input) {
    Tensor t = ctx.input(input);
    long[] values = ctx.partialInts(input);
    if (values == null) {
      throw ctx.error("needs its element_shape (input " + input + ") known when the model is converted", null);
    }
    if (t.shape().rank() == 0) {
      if (values[0] != -1) {
        throw ctx.error("has a scalar element_shape " + values[0] + "; only -1 (unknown) is a scalar shape", null);
      }
      return null;
    }
    int[] dims = new int[values.length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = values[i] < 0 ? Shape.DYNAMIC : Math.toIntExact(values[i]);
    }
    return dims;
  }

  /** Merges what is known of the element shapes; refuses sizes that disagree. */
  static List<Integer> check(NodeContext ctx, Shape element, int[] declared) {
    List<Integer> out = new ArrayList<>();
    if (declared == null) {
      return out;
    }
    if (declared.length != element.rank()) {
      throw ctx.error("expects elements of rank " + declared.length + ", but the list's have rank " + element.rank(),
          null);
    }
    for (int i = 0; i < declared.length; i++) {
      // A size of 1 may be a list's stand-in for a size its first write gives.
      if (declared[i] >= 0 && element.dim(i) > 1 && declared[i] != element.dim(i)) {
        throw ctx.error("expects elements of shape " + java.util.Arrays.toString(declared) + ", but the list holds "
            + element, null);
      }
      out.add(declared[i]);
    }
    return out;
  }
}
