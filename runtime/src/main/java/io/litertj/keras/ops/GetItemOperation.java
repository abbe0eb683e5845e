package io.litertj.keras.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Shape;
import io.litertj.ir.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code x[key]} (GetItem): ints, slices with start/stop/step, None (new axes) and one Ellipsis,
 * as one STRIDED_SLICE over every dimension (the Ellipsis expanded, ints shrunk, unset bounds
 * masked) followed by an EXPAND_DIMS per new axis, as the official converter lowers new axes.
 */
final class GetItemOperation {

  private GetItemOperation() {}

  static void register(Registry r) {
    r.add(GetItemOperation::getItem, "GetItem");
  }

  /** One entry of an index key. */
  private sealed interface Index {}

  private record At(int index) implements Index {}

  private record Range(Integer start, Integer stop, Integer step) implements Index {}

  private record NewAxis() implements Index {}

  private record Rest() implements Index {}

  private static Tensor getItem(OpNode n) {
    n.parameters("x", "key");
    Operand xo = n.required("x");
    if (!xo.isTensor()) {
      throw n.error("indexes a constant", null);
    }
    Tensor x = xo.tensor();
    if (!n.passed("key")) {
      throw n.error("is called without its index key", "save the model again");
    }
    Object raw = n.raw("key");
    if (!(raw instanceof JsonNode || raw == null)) {
      throw n.error("indexes with a tensor, which this converter does not support", "index with constant ints and slices");
    }
    JsonNode key = (JsonNode) raw;
    List<Index> entries = new ArrayList<>();
    if (key != null && key.isArray()) {
      key.forEach(k -> entries.add(index(n, k)));
    } else {
      entries.add(key == null ? new NewAxis() : index(n, key));
    }
    return slice(n, x, expandEllipsis(n, entries, x.shape().rank()));
  }

  private static Index index(OpNode n, JsonNode k) {
    if (k == null || k.isNull()) {
      return new NewAxis();
    }
    if (k.isIntegralNumber() && k.canConvertToInt()) {
      return new At(k.asInt());
    }
    String cls = k.path("class_name").asText("");
    if (cls.equals("__ellipsis__")) {
      return new Rest();
    }
    if (cls.equals("__slice__")) {
      JsonNode c = k.path("config");
      return new Range(bound(n, c.path("start")), bound(n, c.path("stop")), bound(n, c.path("step")));
    }
    throw n.error("indexes with " + k + "; only ints, slices, None and ... are supported",
        "index with constant ints and slices");
  }

  private static Integer bound(OpNode n, JsonNode b) {
    if (b.isMissingNode() || b.isNull()) {
      return null;
    }
    if (b.isIntegralNumber() && b.canConvertToInt()) {
      return b.asInt();
    }
    throw n.error("slices with the bound " + b + "; only constant ints are supported",
        "slice with constant bounds");
  }

  /** The key with its Ellipsis (implicit at the end when absent) replaced by full slices. */
  private static List<Index> expandEllipsis(OpNode n, List<Index> entries, int rank) {
    long ellipses = entries.stream().filter(e -> e instanceof Rest).count();
    if (ellipses > 1) {
      throw n.error("indexes with more than one Ellipsis", null);
    }
    long consuming = entries.stream().filter(e -> e instanceof At || e instanceof Range).count();
    if (consuming > rank) {
      throw n.error("has " + consuming + " indices for a tensor of rank " + rank, null);
    }
    List<Index> out = new ArrayList<>();
    List<Index> in = new ArrayList<>(entries);
    if (ellipses == 0) {
      in.add(new Rest());
    }
    for (Index e : in) {
      if (e instanceof Rest) {
        for (long i = consuming; i < rank; i++) {
          out.add(new Range(null, null, null));
        }
      } else {
        out.add(e);
      }
    }
    return out;
  }

  /** One STRIDED_SLICE over every dimension, then EXPAND_DIMS for each new axis. */
  private static Tensor slice(OpNode n, Tensor x, List<Index> key) {
    int rank = x.shape().rank();
    int[] begin = new int[rank];
    int[] end = new int[rank];
    int[] strides = new int[rank];
    int beginMask = 0;
    int endMask = 0;
    int shrinkMask = 0;
    boolean identity = true;
    List<Integer> outDims = new ArrayList<>();
    List<Integer> newAxes = new ArrayList<>();
    int d = 0;
    for (Index e : key) {
      if (e instanceof NewAxis) {
        newAxes.add(outDims.size() + newAxes.size());
        continue;
      }
      int size = x.shape().dim(d);
      if (e instanceof At at) {
        int i = at.index();
        if (size >= 0 && (i < -size || i >= size)) {
          throw n.error("indexes " + i + " on an axis of length " + size, null);
        }
        begin[d] = i;
        end[d] = i + 1;
        strides[d] = 1;
        shrinkMask |= 1 << d;
        identity = false;
      } else {
        Range r = (Range) e;
        int step = r.step() == null ? 1 : r.step();
        if (step == 0) {
          throw n.error("slices with step 0", null);
        }
        strides[d] = step;
        if (r.start() == null) {
          beginMask |= 1 << d;
        } else {
          begin[d] = r.start();
        }
        if (r.stop() == null) {
          endMask |= 1 << d;
        } else {
          end[d] = r.stop();
        }
        int length = size < 0 ? Shape.DYNAMIC : sliceLength(size, r.start(), r.stop(), step);
        identity &= r.start() == null && r.stop() == null && step == 1;
        outDims.add(length);
      }
      d++;
    }
    Tensor y = x;
    if (!identity) {
      y = n.ctx().emit(BuiltinOp.STRIDED_SLICE, List.of(x, Emit.ints(n, "begin", begin), Emit.ints(n, "end", end),
              Emit.ints(n, "strides", strides)), x.type(), Shape.of(outDims.stream().mapToInt(Integer::intValue).toArray()),
          new OpOptions.StridedSlice(beginMask, endMask, 0, 0, shrinkMask, false));
    }
    for (int axis : newAxes) {
      y = ShapeOperations.expandDims(n, y, axis);
    }
    return y;
  }

  /** Python's {@code len(range(*slice(start, stop, step).indices(size)))}. */
  static int sliceLength(int size, Integer start, Integer stop, int step) {
    long lo;
    long hi;
    if (step > 0) {
      lo = start == null ? 0 : clamp(start < 0 ? (long) start + size : start, 0, size);
      hi = stop == null ? size : clamp(stop < 0 ? (long) stop + size : stop, 0, size);
      return (int) Math.max(0, (hi - lo + step - 1) / step);
    }
    lo = start == null ? size - 1 : clamp(start < 0 ? (long) start + size : start, -1, size - 1);
    hi = stop == null ? -1 : clamp(stop < 0 ? (long) stop + size : stop, -1, size - 1);
    return (int) Math.max(0, (lo - hi + (-step) - 1) / (-step));
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
