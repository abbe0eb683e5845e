package io.litertj.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.ConstantData;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Throwaway converters of the few Keras 3 operation nodes that the shared transformer models use
 * around their attention layers (ZerosLike, OnesLike, Add, Multiply, ExpandDims, Cast, Gelu,
 * GetItem, Concatenate), only as those models use them, so that their MultiHeadAttention layers
 * can be checked against Keras's own outputs before the real operation converters exist. An
 * operation the table already has is left to the table.
 */
final class TestOperations {

  private TestOperations() {}

  static LayerTable standardPlusTestOperations() {
    LayerTable t = LayerTable.standard();
    add(t, "ZerosLike", (ctx, in) -> List.of(zerosLike(ctx, only(ctx))));
    add(t, "OnesLike", (ctx, in) -> {
      Tensor x = only(ctx);
      return List.of(binary(ctx, BuiltinOp.ADD, zerosLike(ctx, x), scalar(ctx, x.type(), 1)));
    });
    add(t, "Add", (ctx, in) -> List.of(binary(ctx, BuiltinOp.ADD, operand(ctx, 0), operand(ctx, 1))));
    add(t, "Multiply", (ctx, in) -> List.of(binary(ctx, BuiltinOp.MUL, operand(ctx, 0), operand(ctx, 1))));
    add(t, "ExpandDims", (ctx, in) -> {
      Tensor x = only(ctx);
      int axis = ctx.intValue("axis", 0);
      int at = axis < 0 ? axis + x.shape().rank() + 1 : axis;
      int[] dims = new int[x.shape().rank() + 1];
      for (int i = 0, j = 0; i < dims.length; i++) {
        dims[i] = i == at ? 1 : x.shape().dim(j++);
      }
      return List.of(ctx.emit(BuiltinOp.EXPAND_DIMS, List.of(x, ctx.int32("axis", at)), x.type(), Shape.of(dims),
          new OpOptions.ExpandDims()));
    });
    add(t, "Cast", (ctx, in) -> {
      Tensor x = only(ctx);
      String to = ctx.string("dtype", "");
      if (to.equals("bool")) {
        return List.of(ctx.emit(BuiltinOp.NOT_EQUAL, List.of(x, scalar(ctx, x.type(), 0)), DataType.BOOL, x.shape(),
            null));
      }
      DataType out = switch (to) {
        case "int32" -> DataType.INT32;
        case "float32" -> DataType.FLOAT32;
        default -> throw new IllegalArgumentException("test Cast to " + to);
      };
      return List.of(ctx.emit(BuiltinOp.CAST, List.of(x), out, x.shape(), new OpOptions.Cast(x.type(), out)));
    });
    add(t, "Gelu", (ctx, in) -> {
      Tensor x = only(ctx);
      return List.of(ctx.emit(BuiltinOp.GELU, List.of(x), x.shape(), new OpOptions.Gelu(ctx.bool("approximate", true))));
    });
    add(t, "Concatenate", (ctx, in) -> {
      List<?> parts = (List<?>) ctx.call().positional().get(0);
      List<Tensor> ts = new ArrayList<>();
      parts.forEach(p -> ts.add((Tensor) p));
      int rank = ts.get(0).shape().rank();
      int axis = ctx.intValue("axis", -1);
      int a = axis < 0 ? axis + rank : axis;
      int[] dims = ts.get(0).shape().dims();
      dims[a] = ts.stream().mapToInt(x -> x.shape().dim(a)).sum();
      return List.of(ctx.emit(BuiltinOp.CONCATENATION, ts, Shape.of(dims), new OpOptions.Concatenation(a,
          Activation.NONE)));
    });
    add(t, "GetItem", TestOperations::getItem);
    return t;
  }

  private static void add(LayerTable t, String name, LayerConverter c) {
    if (!t.operationNames().contains(name)) {
      t.registerOperation(c, name);
    }
  }

  /** {@code x[:, :1, 0]} and the like: full or prefix slices and integer indices. */
  private static List<Tensor> getItem(LayerContext ctx, List<Tensor> in) {
    List<Object> pos = ctx.call().positional();
    Tensor x = (Tensor) pos.get(0);
    JsonNode index = (JsonNode) pos.get(1);
    int rank = x.shape().rank();
    int[] begin = new int[rank];
    int[] end = new int[rank];
    int[] strides = new int[rank];
    int beginMask = 0;
    int endMask = 0;
    int shrink = 0;
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      strides[i] = 1;
      JsonNode e = i < index.size() ? index.get(i) : null;
      if (e == null || e.isObject()) {
        JsonNode c = e == null ? null : e.path("config");
        boolean noStart = c == null || c.path("start").isNull();
        boolean noStop = c == null || c.path("stop").isNull();
        begin[i] = noStart ? 0 : c.path("start").asInt();
        end[i] = noStop ? 0 : c.path("stop").asInt();
        beginMask |= noStart ? 1 << i : 0;
        endMask |= noStop ? 1 << i : 0;
        int d = x.shape().dim(i);
        out.add(noStart && noStop ? d : (noStop ? d : end[i]) - begin[i]);
      } else {
        begin[i] = e.asInt();
        end[i] = e.asInt() + 1;
        shrink |= 1 << i;
      }
    }
    Tensor y = ctx.emit(BuiltinOp.STRIDED_SLICE, List.of(x, ctx.int32("begin", begin), ctx.int32("end", end),
            ctx.int32("strides", strides)), x.type(), Shape.of(out.stream().mapToInt(Integer::intValue).toArray()),
        new OpOptions.StridedSlice(beginMask, endMask, 0, 0, shrink, false));
    return List.of(y);
  }

  private static Tensor only(LayerContext ctx) {
    return (Tensor) ctx.call().positional().get(0);
  }

  /** A tensor operand, or a {@code __tensor__} literal as a constant. */
  private static Tensor operand(LayerContext ctx, int i) {
    Object o = ctx.call().positional().get(i);
    if (o instanceof Tensor t) {
      return t;
    }
    JsonNode value = ((JsonNode) o).path("config").path("value");
    List<Integer> dims = new ArrayList<>();
    List<Integer> flat = new ArrayList<>();
    JsonNode n = value;
    while (n.isArray()) {
      dims.add(n.size());
      n = n.get(0);
    }
    collect(value, flat);
    return ctx.constant("literal", DataType.INT32, Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()),
        ConstantData.ofInts(flat.stream().mapToInt(Integer::intValue).toArray()));
  }

  private static void collect(JsonNode n, List<Integer> out) {
    if (n.isArray()) {
      n.forEach(e -> collect(e, out));
    } else {
      out.add(n.asInt());
    }
  }

  private static Tensor zerosLike(LayerContext ctx, Tensor x) {
    return ctx.emit(BuiltinOp.ZEROS_LIKE, List.of(x), x.type(), x.shape(), null);
  }

  private static Tensor scalar(LayerContext ctx, DataType type, int v) {
    return type == DataType.FLOAT32 ? ctx.scalar("k", v)
        : ctx.constant("k", DataType.INT32, Shape.scalar(), ConstantData.ofInts(v));
  }

  private static Tensor binary(LayerContext ctx, BuiltinOp op, Tensor a, Tensor b) {
    int rank = Math.max(a.shape().rank(), b.shape().rank());
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.shape().rank() ? 1 : a.shape().dim(i - (rank - a.shape().rank()));
      int db = i < rank - b.shape().rank() ? 1 : b.shape().dim(i - (rank - b.shape().rank()));
      dims[i] = da == 1 ? db : db == 1 ? da : Math.max(da, db);
    }
    OpOptions options = op == BuiltinOp.ADD ? new OpOptions.Add(Activation.NONE) : new OpOptions.Mul(Activation.NONE);
    return ctx.emit(op, List.of(a, b), a.type(), Shape.of(dims), options);
  }
}
