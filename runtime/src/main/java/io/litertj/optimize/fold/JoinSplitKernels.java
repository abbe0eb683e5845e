package io.litertj.optimize.fold;

import io.litertj.ir.Activation;
import io.litertj.ir.BuiltinOp;
import io.litertj.ir.OpOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that join or split along an axis: CONCATENATION, PACK, UNPACK, SPLIT and SPLIT_V. They move
 * bytes in contiguous runs (every fixed-size type works). Negative axes count from the end; for
 * PACK from rank + 1.
 */
final class JoinSplitKernels {

  private JoinSplitKernels() {}

  static void register(KernelTable table) {
    table.put(BuiltinOp.CONCATENATION, call -> List.of(concatenate(call)));
    table.put(BuiltinOp.PACK, call -> List.of(pack(call)));
    table.put(BuiltinOp.UNPACK, JoinSplitKernels::unpack);
    table.put(BuiltinOp.SPLIT, JoinSplitKernels::split);
    table.put(BuiltinOp.SPLIT_V, JoinSplitKernels::splitV);
  }

  private static Folded concatenate(FoldCall call) {
    OpOptions.Concatenation options = call.options(OpOptions.Concatenation.class);
    if (options != null && options.activation() != null && options.activation() != Activation.NONE) {
      throw new NotFoldable("LiteRT rejects CONCATENATION with a fused activation");
    }
    List<Operand> inputs = allInputs(call);
    int[] first = inputs.get(0).dims();
    if (first.length == 0) {
      // LiteRT concatenates scalars along axis 0 into a vector; it rejects other ranks beside them.
      for (Operand in : inputs) {
        if (in.dims().length != 0) {
          throw new NotFoldable("CONCATENATION of a scalar and a tensor of rank " + in.dims().length);
        }
      }
      return joinRuns(call, inputs, new int[] {inputs.size()}, 0);
    }
    int axis = NdIndex.axis(options == null ? 0 : options.axis(), first.length);
    int[] out = first.clone();
    out[axis] = 0;
    for (Operand in : inputs) {
      int[] d = in.dims();
      if (d.length != first.length) {
        throw new NotFoldable("CONCATENATION of different ranks");
      }
      for (int a = 0; a < d.length; a++) {
        if (a != axis && d[a] != first[a]) {
          throw new NotFoldable("CONCATENATION inputs differ off the axis: " + NdIndex.show(d));
        }
      }
      out[axis] = NdIndex.toInt((long) out[axis] + d[axis]);
    }
    return joinRuns(call, inputs, out, axis);
  }

  private static Folded pack(FoldCall call) {
    OpOptions.Pack options = call.options(OpOptions.Pack.class);
    List<Operand> inputs = allInputs(call);
    int[] dims = inputs.get(0).dims();
    for (Operand in : inputs) {
      if (!Arrays.equals(in.dims(), dims)) {
        throw new NotFoldable("PACK inputs differ in shape");
      }
    }
    long axis = options == null ? 0 : options.axis();
    if (axis < 0) {
      axis += dims.length + 1;
    }
    if (axis < 0 || axis > dims.length) {
      throw new NotFoldable("PACK axis out of range");
    }
    int[] out = new int[dims.length + 1];
    for (int a = 0, k = 0; a < out.length; a++) {
      out[a] = a == axis ? inputs.size() : dims[k++];
    }
    return joinRuns(call, inputs, out, (int) axis);
  }

  /** Output = for each index before {@code axis}, each input's run of the axis and after, in order. */
  private static Folded joinRuns(FoldCall call, List<Operand> inputs, int[] outDims, int axis) {
    call.checkSize(NdIndex.count(outDims));
    int outer = NdIndex.count(outDims, 0, axis);
    int size = inputs.get(0).elementSize();
    byte[][] data = new byte[inputs.size()][];
    int[] run = new int[inputs.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = inputs.get(i).raw();
      run[i] = outer == 0 ? 0 : data[i].length / outer;
    }
    byte[] out = new byte[NdIndex.bytes(NdIndex.count(outDims), size)];
    int pos = 0;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < data.length; i++) {
        System.arraycopy(data[i], o * run[i], out, pos, run[i]);
        pos += run[i];
      }
    }
    return Folded.bytes(outDims, out);
  }

  private static List<Folded> unpack(FoldCall call) {
    Operand in = call.in(0);
    call.requireOutputType(in);
    OpOptions.Unpack options = call.options(OpOptions.Unpack.class);
    int[] dims = in.dims();
    int axis = NdIndex.axis(options == null ? 0 : options.axis(), dims.length);
    if (call.outputCount() != dims[axis]) {
      throw new NotFoldable("UNPACK into " + call.outputCount() + " outputs of an axis of " + dims[axis]);
    }
    int[] ones = new int[dims[axis]];
    Arrays.fill(ones, 1);
    List<Folded> parts = splitRuns(call, in, axis, ones);
    List<Folded> out = new ArrayList<>();
    for (Folded part : parts) {
      int[] d = part.dims();
      int[] squeezed = new int[d.length - 1];
      for (int a = 0, k = 0; a < d.length; a++) {
        if (a != axis) {
          squeezed[k++] = d[a];
        }
      }
      out.add(new Folded(squeezed, part.data()));
    }
    return out;
  }

  /** SPLIT: input 0 is the axis, input 1 the value, split into equal parts. */
  private static List<Folded> split(FoldCall call) {
    Operand value = call.in(1);
    int[] dims = value.dims();
    int axis = NdIndex.axis(call.in(0).scalarIndex("axis"), dims.length);
    int parts = call.outputCount();
    OpOptions.Split options = call.options(OpOptions.Split.class);
    if (parts == 0 || (options != null && options.numSplits() != parts) || dims[axis] % parts != 0) {
      throw new NotFoldable("SPLIT of " + dims[axis] + " into " + parts + " parts");
    }
    int[] sizes = new int[parts];
    Arrays.fill(sizes, dims[axis] / parts);
    return splitRuns(call, value, axis, sizes);
  }

  /** SPLIT_V: value, sizes (one may be -1: the rest), axis. */
  private static List<Folded> splitV(FoldCall call) {
    Operand value = call.in(0);
    int[] dims = value.dims();
    int axis = NdIndex.axis(call.in(2).scalarIndex("axis"), dims.length);
    int[] sizes = NdIndex.toInts(call.in(1).indices("size_splits"), "size_splits");
    if (sizes.length != call.outputCount()) {
      throw new NotFoldable("SPLIT_V with " + sizes.length + " sizes for " + call.outputCount() + " outputs");
    }
    int rest = -1;
    long sum = 0;
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] == -1 && rest < 0) {
        rest = i;
      } else if (sizes[i] < 0) {
        throw new NotFoldable("SPLIT_V size " + sizes[i]);
      } else {
        sum += sizes[i];
      }
    }
    if (rest >= 0 && sum <= dims[axis]) {
      sizes[rest] = (int) (dims[axis] - sum);
    } else if (sum != dims[axis]) {
      throw new NotFoldable("SPLIT_V sizes do not add up to " + dims[axis]);
    }
    return splitRuns(call, value, axis, sizes);
  }

  private static List<Folded> splitRuns(FoldCall call, Operand in, int axis, int[] sizes) {
    for (int i = 0; i < call.outputCount(); i++) {
      if (call.outType(i) != in.type()) {
        throw new NotFoldable(call.op() + " output of type " + call.outType(i) + " for " + in.type());
      }
    }
    call.checkSize(in.count());
    int[] dims = in.dims();
    int outer = NdIndex.count(dims, 0, axis);
    int inner = NdIndex.count(dims, axis + 1, dims.length) * in.elementSize();
    byte[] data = in.raw();
    int row = dims[axis] * inner;
    List<Folded> out = new ArrayList<>();
    int start = 0;
    for (int size : sizes) {
      int[] partDims = dims.clone();
      partDims[axis] = size;
      int run = size * inner;
      byte[] part = new byte[outer * run];
      for (int o = 0; o < outer; o++) {
        System.arraycopy(data, o * row + start, part, o * run, run);
      }
      out.add(Folded.bytes(partDims, part));
      start += run;
    }
    return out;
  }

  private static List<Operand> allInputs(FoldCall call) {
    List<Operand> inputs = new ArrayList<>();
    for (int i = 0; i < call.inputCount(); i++) {
      inputs.add(call.in(i));
    }
    if (inputs.isEmpty()) {
      throw new NotFoldable(call.op() + " without inputs");
    }
    call.requireOutputType(inputs.toArray(new Operand[0]));
    return inputs;
  }
}
