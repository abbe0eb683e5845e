package io.litertj.tflite;

import io.litertj.ConversionException;
import io.litertj.ir.Activation;
import io.litertj.ir.DataType;
import io.litertj.ir.OpOptions;
import io.litertj.ir.Padding;
import io.litertj.ir.Subgraph;
import io.litertj.tflite.schema.AddOptions;
import io.litertj.tflite.schema.ArgMaxOptions;
import io.litertj.tflite.schema.ArgMinOptions;
import io.litertj.tflite.schema.BatchMatMulOptions;
import io.litertj.tflite.schema.BuiltinOptions;
import io.litertj.tflite.schema.CastOptions;
import io.litertj.tflite.schema.ConcatenationOptions;
import io.litertj.tflite.schema.Conv2DOptions;
import io.litertj.tflite.schema.CumsumOptions;
import io.litertj.tflite.schema.DepthToSpaceOptions;
import io.litertj.tflite.schema.DepthwiseConv2DOptions;
import io.litertj.tflite.schema.DivOptions;
import io.litertj.tflite.schema.FullyConnectedOptions;
import io.litertj.tflite.schema.FullyConnectedOptionsWeightsFormat;
import io.litertj.tflite.schema.GatherOptions;
import io.litertj.tflite.schema.GeluOptions;
import io.litertj.tflite.schema.IfOptions;
import io.litertj.tflite.schema.L2NormOptions;
import io.litertj.tflite.schema.LeakyReluOptions;
import io.litertj.tflite.schema.MirrorPadMode;
import io.litertj.tflite.schema.MirrorPadOptions;
import io.litertj.tflite.schema.MulOptions;
import io.litertj.tflite.schema.Operator;
import io.litertj.tflite.schema.PackOptions;
import io.litertj.tflite.schema.Pool2DOptions;
import io.litertj.tflite.schema.ReducerOptions;
import io.litertj.tflite.schema.ReshapeOptions;
import io.litertj.tflite.schema.ResizeBilinearOptions;
import io.litertj.tflite.schema.ResizeNearestNeighborOptions;
import io.litertj.tflite.schema.SequenceRNNOptions;
import io.litertj.tflite.schema.ShapeOptions;
import io.litertj.tflite.schema.SoftmaxOptions;
import io.litertj.tflite.schema.SpaceToDepthOptions;
import io.litertj.tflite.schema.SplitOptions;
import io.litertj.tflite.schema.SplitVOptions;
import io.litertj.tflite.schema.SqueezeOptions;
import io.litertj.tflite.schema.StridedSliceOptions;
import io.litertj.tflite.schema.SubOptions;
import io.litertj.tflite.schema.TensorType;
import io.litertj.tflite.schema.TransposeConvOptions;
import io.litertj.tflite.schema.UnidirectionalSequenceLSTMOptions;
import io.litertj.tflite.schema.UnpackOptions;
import io.litertj.tflite.schema.WhileOptions;
import java.util.function.IntFunction;

/**
 * Reads an operator's {@code BuiltinOptions} table into an {@link OpOptions} record. Field-less
 * tables that the IR has no record for become {@code null} (they carry nothing); tables the IR
 * cannot represent, and field values it would lose, are refused.
 */
final class OptionsReader {

  private OptionsReader() {}

  /**
   * {@code opName} is only for messages. Malformed tables may throw runtime exceptions: the caller
   * maps them. {@code subgraphAt} gives the subgraph that a control-flow index names, checking it.
   */
  static OpOptions read(Operator op, String opName, IntFunction<Subgraph> subgraphAt) {
    int tag = op.builtinOptionsType() & 0xFF;
    if (tag == BuiltinOptions.NONE) {
      return null;
    }
    OpOptions options = switch (tag) {
      case BuiltinOptions.Conv2DOptions -> conv2d(table(op, new Conv2DOptions(), opName), opName);
      case BuiltinOptions.DepthwiseConv2DOptions -> {
        DepthwiseConv2DOptions o = table(op, new DepthwiseConv2DOptions(), opName);
        yield new OpOptions.DepthwiseConv2D(padding(o.padding(), opName), o.strideW(), o.strideH(),
            o.depthMultiplier(), act(o.fusedActivationFunction(), opName), o.dilationWFactor(),
            o.dilationHFactor());
      }
      case BuiltinOptions.Pool2DOptions -> {
        Pool2DOptions o = table(op, new Pool2DOptions(), opName);
        yield new OpOptions.Pool2D(padding(o.padding(), opName), o.strideW(), o.strideH(), o.filterWidth(),
            o.filterHeight(), act(o.fusedActivationFunction(), opName));
      }
      case BuiltinOptions.FullyConnectedOptions -> fullyConnected(table(op, new FullyConnectedOptions(), opName),
          opName);
      case BuiltinOptions.SoftmaxOptions -> new OpOptions.Softmax(table(op, new SoftmaxOptions(), opName).beta());
      case BuiltinOptions.ConcatenationOptions -> {
        ConcatenationOptions o = table(op, new ConcatenationOptions(), opName);
        yield new OpOptions.Concatenation(o.axis(), act(o.fusedActivationFunction(), opName));
      }
      case BuiltinOptions.AddOptions -> {
        AddOptions o = table(op, new AddOptions(), opName);
        yield new OpOptions.Add(act(o.fusedActivationFunction(), opName), o.potScaleInt16());
      }
      case BuiltinOptions.L2NormOptions ->
          new OpOptions.L2Norm(act(table(op, new L2NormOptions(), opName).fusedActivationFunction(), opName));
      case BuiltinOptions.ResizeBilinearOptions -> {
        ResizeBilinearOptions o = table(op, new ResizeBilinearOptions(), opName);
        yield new OpOptions.ResizeBilinear(o.alignCorners(), o.halfPixelCenters());
      }
      case BuiltinOptions.ReshapeOptions -> {
        ReshapeOptions o = table(op, new ReshapeOptions(), opName);
        int[] shape = new int[Checks.vectorLength(o.newShapeLength(), 4, o.getByteBuffer(), "RESHAPE options")];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = o.newShape(i);
        }
        yield new OpOptions.Reshape(shape);
      }
      case BuiltinOptions.SpaceToDepthOptions ->
          new OpOptions.SpaceToDepth(table(op, new SpaceToDepthOptions(), opName).blockSize());
      case BuiltinOptions.MulOptions ->
          new OpOptions.Mul(act(table(op, new MulOptions(), opName).fusedActivationFunction(), opName));
      case BuiltinOptions.PadOptions -> new OpOptions.Pad();
      case BuiltinOptions.GatherOptions -> {
        GatherOptions o = table(op, new GatherOptions(), opName);
        yield new OpOptions.Gather(o.axis(), o.batchDims());
      }
      case BuiltinOptions.TransposeOptions -> new OpOptions.Transpose();
      case BuiltinOptions.ReducerOptions -> new OpOptions.Reducer(table(op, new ReducerOptions(), opName).keepDims());
      case BuiltinOptions.SubOptions -> {
        SubOptions o = table(op, new SubOptions(), opName);
        yield new OpOptions.Sub(act(o.fusedActivationFunction(), opName), o.potScaleInt16());
      }
      case BuiltinOptions.DivOptions ->
          new OpOptions.Div(act(table(op, new DivOptions(), opName).fusedActivationFunction(), opName));
      case BuiltinOptions.SqueezeOptions -> {
        SqueezeOptions o = table(op, new SqueezeOptions(), opName);
        int[] dims = new int[Checks.vectorLength(o.squeezeDimsLength(), 4, o.getByteBuffer(), "SQUEEZE options")];
        for (int i = 0; i < dims.length; i++) {
          dims[i] = o.squeezeDims(i);
        }
        yield new OpOptions.Squeeze(dims);
      }
      case BuiltinOptions.SequenceRNNOptions -> {
        SequenceRNNOptions o = table(op, new SequenceRNNOptions(), opName);
        yield new OpOptions.SequenceRnn(o.timeMajor(), act(o.fusedActivationFunction(), opName),
            o.asymmetricQuantizeInputs());
      }
      case BuiltinOptions.StridedSliceOptions -> {
        StridedSliceOptions o = table(op, new StridedSliceOptions(), opName);
        yield new OpOptions.StridedSlice(o.beginMask(), o.endMask(), o.ellipsisMask(), o.newAxisMask(),
            o.shrinkAxisMask(), o.offset());
      }
      case BuiltinOptions.ExpOptions -> new OpOptions.Exp();
      case BuiltinOptions.SplitOptions -> new OpOptions.Split(table(op, new SplitOptions(), opName).numSplits());
      case BuiltinOptions.LogSoftmaxOptions -> new OpOptions.LogSoftmax();
      case BuiltinOptions.CastOptions -> {
        CastOptions o = table(op, new CastOptions(), opName);
        yield new OpOptions.Cast(type(o.inDataType(), opName), type(o.outDataType(), opName));
      }
      case BuiltinOptions.DequantizeOptions -> new OpOptions.Dequantize();
      case BuiltinOptions.MaximumMinimumOptions -> new OpOptions.MaximumMinimum();
      case BuiltinOptions.ArgMaxOptions ->
          new OpOptions.ArgMax(type(table(op, new ArgMaxOptions(), opName).outputType(), opName));
      case BuiltinOptions.ArgMinOptions ->
          new OpOptions.ArgMin(type(table(op, new ArgMinOptions(), opName).outputType(), opName));
      case BuiltinOptions.NegOptions -> new OpOptions.Neg();
      case BuiltinOptions.PadV2Options -> new OpOptions.PadV2();
      case BuiltinOptions.SliceOptions -> new OpOptions.Slice();
      case BuiltinOptions.TransposeConvOptions -> {
        TransposeConvOptions o = table(op, new TransposeConvOptions(), opName);
        requireDefaultBiasType(o.quantizedBiasType(), opName);
        yield new OpOptions.TransposeConv(padding(o.padding(), opName), o.strideW(), o.strideH(),
            act(o.fusedActivationFunction(), opName));
      }
      case BuiltinOptions.TileOptions -> new OpOptions.Tile();
      case BuiltinOptions.ExpandDimsOptions -> new OpOptions.ExpandDims();
      case BuiltinOptions.ShapeOptions ->
          new OpOptions.ShapeOp(type(table(op, new ShapeOptions(), opName).outType(), opName));
      case BuiltinOptions.PackOptions -> {
        PackOptions o = table(op, new PackOptions(), opName);
        yield new OpOptions.Pack(o.valuesCount(), o.axis());
      }
      case BuiltinOptions.UnpackOptions -> {
        UnpackOptions o = table(op, new UnpackOptions(), opName);
        yield new OpOptions.Unpack(o.num(), o.axis());
      }
      case BuiltinOptions.SquareOptions -> new OpOptions.Square();
      case BuiltinOptions.FillOptions -> new OpOptions.Fill();
      case BuiltinOptions.UnidirectionalSequenceLSTMOptions -> {
        UnidirectionalSequenceLSTMOptions o = table(op, new UnidirectionalSequenceLSTMOptions(), opName);
        yield new OpOptions.UnidirectionalSequenceLstm(act(o.fusedActivationFunction(), opName), o.cellClip(),
            o.projClip(), o.timeMajor(), o.asymmetricQuantizeInputs(), o.diagonalRecurrentTensors());
      }
      case BuiltinOptions.ResizeNearestNeighborOptions -> {
        ResizeNearestNeighborOptions o = table(op, new ResizeNearestNeighborOptions(), opName);
        yield new OpOptions.ResizeNearestNeighbor(o.alignCorners(), o.halfPixelCenters());
      }
      case BuiltinOptions.LeakyReluOptions ->
          new OpOptions.LeakyRelu(table(op, new LeakyReluOptions(), opName).alpha());
      case BuiltinOptions.MirrorPadOptions -> mirrorPad(table(op, new MirrorPadOptions(), opName), opName);
      case BuiltinOptions.AbsOptions -> new OpOptions.Abs();
      case BuiltinOptions.SplitVOptions -> new OpOptions.SplitV(table(op, new SplitVOptions(), opName).numSplits());
      case BuiltinOptions.QuantizeOptions -> new OpOptions.Quantize();
      case BuiltinOptions.DepthToSpaceOptions ->
          new OpOptions.DepthToSpace(table(op, new DepthToSpaceOptions(), opName).blockSize());
      case BuiltinOptions.BatchMatMulOptions -> {
        BatchMatMulOptions o = table(op, new BatchMatMulOptions(), opName);
        yield new OpOptions.BatchMatMul(o.adjX(), o.adjY(), o.asymmetricQuantizeInputs());
      }
      case BuiltinOptions.CumsumOptions -> {
        CumsumOptions o = table(op, new CumsumOptions(), opName);
        yield new OpOptions.Cumsum(o.exclusive(), o.reverse());
      }
      case BuiltinOptions.GeluOptions -> new OpOptions.Gelu(table(op, new GeluOptions(), opName).approximate());
      case BuiltinOptions.LocalResponseNormalizationOptions -> {
        var o = table(op, new io.litertj.tflite.schema.LocalResponseNormalizationOptions(), opName);
        yield new OpOptions.LocalResponseNormalization(o.radius(), o.bias(), o.alpha(), o.beta());
      }
      case BuiltinOptions.Conv3DOptions -> {
        var o = table(op, new io.litertj.tflite.schema.Conv3DOptions(), opName);
        yield new OpOptions.Conv3D(padding(o.padding(), opName), o.strideD(), o.strideW(), o.strideH(),
            act(o.fusedActivationFunction(), opName), o.dilationDFactor(), o.dilationWFactor(), o.dilationHFactor());
      }
      case BuiltinOptions.SparseToDenseOptions -> new OpOptions.SparseToDense(
          table(op, new io.litertj.tflite.schema.SparseToDenseOptions(), opName).validateIndices());
      case BuiltinOptions.UniqueOptions -> new OpOptions.Unique(
          type(table(op, new io.litertj.tflite.schema.UniqueOptions(), opName).idxOutType(), opName));
      case BuiltinOptions.OneHotOptions ->
          new OpOptions.OneHot(table(op, new io.litertj.tflite.schema.OneHotOptions(), opName).axis());
      case BuiltinOptions.ReverseSequenceOptions -> {
        var o = table(op, new io.litertj.tflite.schema.ReverseSequenceOptions(), opName);
        yield new OpOptions.ReverseSequence(o.seqDim(), o.batchDim());
      }
      case BuiltinOptions.BucketizeOptions -> {
        var o = table(op, new io.litertj.tflite.schema.BucketizeOptions(), opName);
        float[] boundaries = new float[o.boundariesLength()];
        for (int i = 0; i < boundaries.length; i++) {
          boundaries[i] = o.boundaries(i);
        }
        yield new OpOptions.Bucketize(boundaries);
      }
      case BuiltinOptions.TopKV2Options, BuiltinOptions.WhereOptions, BuiltinOptions.MatrixDiagOptions,
          BuiltinOptions.MatrixSetDiagOptions, BuiltinOptions.ScatterNdOptions, BuiltinOptions.SegmentSumOptions,
          BuiltinOptions.UnsortedSegmentProdOptions, BuiltinOptions.UnsortedSegmentMaxOptions,
          BuiltinOptions.UnsortedSegmentMinOptions, BuiltinOptions.UnsortedSegmentSumOptions,
          BuiltinOptions.ATan2Options, BuiltinOptions.SignOptions, BuiltinOptions.BitwiseXorOptions,
          BuiltinOptions.RightShiftOptions, BuiltinOptions.NonMaxSuppressionV4Options,
          BuiltinOptions.NonMaxSuppressionV5Options -> null;
      case BuiltinOptions.IfOptions -> {
        IfOptions o = table(op, new IfOptions(), opName);
        yield new OpOptions.If(subgraphAt.apply(o.thenSubgraphIndex()), subgraphAt.apply(o.elseSubgraphIndex()));
      }
      case BuiltinOptions.WhileOptions -> {
        WhileOptions o = table(op, new WhileOptions(), opName);
        yield new OpOptions.While(subgraphAt.apply(o.condSubgraphIndex()), subgraphAt.apply(o.bodySubgraphIndex()));
      }
      case BuiltinOptions.DynamicUpdateSliceOptions -> new OpOptions.DynamicUpdateSlice();
      case BuiltinOptions.BatchToSpaceNDOptions, BuiltinOptions.SpaceToBatchNDOptions, BuiltinOptions.LessOptions,
          BuiltinOptions.GreaterOptions, BuiltinOptions.GreaterEqualOptions, BuiltinOptions.LessEqualOptions,
          BuiltinOptions.SelectOptions, BuiltinOptions.EqualOptions, BuiltinOptions.NotEqualOptions,
          BuiltinOptions.PowOptions, BuiltinOptions.LogicalOrOptions, BuiltinOptions.LogicalAndOptions,
          BuiltinOptions.LogicalNotOptions, BuiltinOptions.FloorDivOptions, BuiltinOptions.ZerosLikeOptions,
          BuiltinOptions.FloorModOptions, BuiltinOptions.RangeOptions, BuiltinOptions.SquaredDifferenceOptions,
          BuiltinOptions.ReverseV2Options, BuiltinOptions.AddNOptions, BuiltinOptions.GatherNdOptions,
          BuiltinOptions.CosOptions, BuiltinOptions.RankOptions, BuiltinOptions.HardSwishOptions,
          BuiltinOptions.SelectV2Options, BuiltinOptions.BroadcastToOptions -> null;
      default -> throw ConversionException.builder("unsupported builtin options table (union tag " + tag + ")")
          .opType(opName)
          .build();
    };
    return options;
  }

  private static OpOptions conv2d(Conv2DOptions o, String opName) {
    requireDefaultBiasType(o.quantizedBiasType(), opName);
    return new OpOptions.Conv2D(padding(o.padding(), opName), o.strideW(), o.strideH(),
        act(o.fusedActivationFunction(), opName), o.dilationWFactor(), o.dilationHFactor());
  }

  private static OpOptions fullyConnected(FullyConnectedOptions o, String opName) {
    if (o.weightsFormat() != FullyConnectedOptionsWeightsFormat.DEFAULT) {
      throw ConversionException.builder("shuffled FULLY_CONNECTED weights (weights_format "
          + o.weightsFormat() + ") are not supported").opType(opName).build();
    }
    requireDefaultBiasType(o.quantizedBiasType(), opName);
    return new OpOptions.FullyConnected(act(o.fusedActivationFunction(), opName), o.keepNumDims(),
        o.asymmetricQuantizeInputs());
  }

  private static OpOptions mirrorPad(MirrorPadOptions o, String opName) {
    return switch (o.mode()) {
      case MirrorPadMode.REFLECT -> new OpOptions.MirrorPad(false);
      case MirrorPadMode.SYMMETRIC -> new OpOptions.MirrorPad(true);
      default -> throw ConversionException.builder("unknown MirrorPadMode " + o.mode()).opType(opName).build();
    };
  }

  /** litertj's IR has no field for it, and dropping it would change what a 16x8 kernel expects. */
  private static void requireDefaultBiasType(byte biasType, String opName) {
    if (biasType != TensorType.FLOAT32) {
      throw ConversionException.builder("quantized_bias_type " + biasType + " is not supported")
          .opType(opName)
          .build();
    }
  }

  private static <T extends com.google.flatbuffers.Table> T table(Operator op, T table, String opName) {
    if (op.builtinOptions(table) == null) {
      throw ConversionException.builder("builtin options table is missing").opType(opName).build();
    }
    return table;
  }

  static Activation act(byte code, String opName) {
    Activation[] values = Activation.values();
    if (code < 0 || code >= values.length) {
      throw ConversionException.builder("unknown fused activation " + code).opType(opName).build();
    }
    return values[code];
  }

  private static Padding padding(byte code, String opName) {
    Padding[] values = Padding.values();
    if (code < 0 || code >= values.length) {
      throw ConversionException.builder("unknown padding " + code).opType(opName).build();
    }
    return values[code];
  }

  static DataType type(byte code, String where) {
    try {
      return DataType.fromTfliteCode(code);
    } catch (IllegalArgumentException e) {
      throw new ConversionException("unsupported tensor type " + SchemaNames.tensorType(code) + " in " + where);
    }
  }
}
