package io.litertj.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
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
import java.util.function.ToIntFunction;

/** Writes an {@link OpOptions} record as its {@code BuiltinOptions} table. */
final class OptionsWriter {

  private OptionsWriter() {}

  /**
   * The offset of the options table; its union tag is {@code options.unionType()}.
   * {@code subgraphIndex} numbers the subgraphs that control-flow options name.
   */
  static int write(FlatBufferBuilder b, OpOptions options, ToIntFunction<Subgraph> subgraphIndex) {
    if (options instanceof OpOptions.If o) {
      return IfOptions.createIfOptions(b, subgraphIndex.applyAsInt(o.thenBranch()),
          subgraphIndex.applyAsInt(o.elseBranch()));
    }
    if (options instanceof OpOptions.While o) {
      return WhileOptions.createWhileOptions(b, subgraphIndex.applyAsInt(o.cond()),
          subgraphIndex.applyAsInt(o.body()));
    }
    if (options instanceof OpOptions.Conv2D o) {
      return Conv2DOptions.createConv2DOptions(b, padding(o.padding()), o.strideW(), o.strideH(),
          act(o.activation()), o.dilationW(), o.dilationH(), TensorType.FLOAT32);
    }
    if (options instanceof OpOptions.DepthwiseConv2D o) {
      return DepthwiseConv2DOptions.createDepthwiseConv2DOptions(b, padding(o.padding()), o.strideW(),
          o.strideH(), o.depthMultiplier(), act(o.activation()), o.dilationW(), o.dilationH());
    }
    if (options instanceof OpOptions.Pool2D o) {
      return Pool2DOptions.createPool2DOptions(b, padding(o.padding()), o.strideW(), o.strideH(), o.filterW(),
          o.filterH(), act(o.activation()));
    }
    if (options instanceof OpOptions.FullyConnected o) {
      return FullyConnectedOptions.createFullyConnectedOptions(b, act(o.activation()),
          FullyConnectedOptionsWeightsFormat.DEFAULT, o.keepNumDims(), o.asymmetricQuantizeInputs(),
          TensorType.FLOAT32);
    }
    if (options instanceof OpOptions.Softmax o) {
      return SoftmaxOptions.createSoftmaxOptions(b, o.beta());
    }
    if (options instanceof OpOptions.Concatenation o) {
      return ConcatenationOptions.createConcatenationOptions(b, o.axis(), act(o.activation()));
    }
    if (options instanceof OpOptions.Add o) {
      return AddOptions.createAddOptions(b, act(o.activation()), o.potScaleInt16());
    }
    if (options instanceof OpOptions.L2Norm o) {
      return L2NormOptions.createL2NormOptions(b, act(o.activation()));
    }
    if (options instanceof OpOptions.ResizeBilinear o) {
      return ResizeBilinearOptions.createResizeBilinearOptions(b, o.alignCorners(), o.halfPixelCenters());
    }
    if (options instanceof OpOptions.Reshape o) {
      return ReshapeOptions.createReshapeOptions(b, ReshapeOptions.createNewShapeVector(b, o.newShape()));
    }
    if (options instanceof OpOptions.SpaceToDepth o) {
      return SpaceToDepthOptions.createSpaceToDepthOptions(b, o.blockSize());
    }
    if (options instanceof OpOptions.Mul o) {
      return MulOptions.createMulOptions(b, act(o.activation()));
    }
    if (options instanceof OpOptions.Gather o) {
      return GatherOptions.createGatherOptions(b, o.axis(), o.batchDims());
    }
    if (options instanceof OpOptions.Reducer o) {
      return ReducerOptions.createReducerOptions(b, o.keepDims());
    }
    if (options instanceof OpOptions.Sub o) {
      return SubOptions.createSubOptions(b, act(o.activation()), o.potScaleInt16());
    }
    if (options instanceof OpOptions.Div o) {
      return DivOptions.createDivOptions(b, act(o.activation()));
    }
    if (options instanceof OpOptions.Squeeze o) {
      return SqueezeOptions.createSqueezeOptions(b, SqueezeOptions.createSqueezeDimsVector(b, o.squeezeDims()));
    }
    if (options instanceof OpOptions.SequenceRnn o) {
      return SequenceRNNOptions.createSequenceRNNOptions(b, o.timeMajor(), act(o.activation()),
          o.asymmetricQuantizeInputs());
    }
    if (options instanceof OpOptions.StridedSlice o) {
      return StridedSliceOptions.createStridedSliceOptions(b, o.beginMask(), o.endMask(), o.ellipsisMask(),
          o.newAxisMask(), o.shrinkAxisMask(), o.offset());
    }
    if (options instanceof OpOptions.Split o) {
      return SplitOptions.createSplitOptions(b, o.numSplits());
    }
    if (options instanceof OpOptions.Cast o) {
      return CastOptions.createCastOptions(b, type(o.inType()), type(o.outType()));
    }
    if (options instanceof OpOptions.ArgMax o) {
      return ArgMaxOptions.createArgMaxOptions(b, type(o.outputType()));
    }
    if (options instanceof OpOptions.ArgMin o) {
      return ArgMinOptions.createArgMinOptions(b, type(o.outputType()));
    }
    if (options instanceof OpOptions.TransposeConv o) {
      return TransposeConvOptions.createTransposeConvOptions(b, padding(o.padding()), o.strideW(), o.strideH(),
          act(o.activation()), TensorType.FLOAT32);
    }
    if (options instanceof OpOptions.ShapeOp o) {
      return ShapeOptions.createShapeOptions(b, type(o.outType()));
    }
    if (options instanceof OpOptions.Pack o) {
      return PackOptions.createPackOptions(b, o.valuesCount(), o.axis());
    }
    if (options instanceof OpOptions.Unpack o) {
      return UnpackOptions.createUnpackOptions(b, o.num(), o.axis());
    }
    if (options instanceof OpOptions.UnidirectionalSequenceLstm o) {
      return UnidirectionalSequenceLSTMOptions.createUnidirectionalSequenceLSTMOptions(b, act(o.activation()),
          o.cellClip(), o.projClip(), o.timeMajor(), o.asymmetricQuantizeInputs(), o.diagonalRecurrentTensors());
    }
    if (options instanceof OpOptions.ResizeNearestNeighbor o) {
      return ResizeNearestNeighborOptions.createResizeNearestNeighborOptions(b, o.alignCorners(),
          o.halfPixelCenters());
    }
    if (options instanceof OpOptions.LeakyRelu o) {
      return LeakyReluOptions.createLeakyReluOptions(b, o.alpha());
    }
    if (options instanceof OpOptions.MirrorPad o) {
      return MirrorPadOptions.createMirrorPadOptions(b, o.symmetric() ? MirrorPadMode.SYMMETRIC : MirrorPadMode.REFLECT);
    }
    if (options instanceof OpOptions.SplitV o) {
      return SplitVOptions.createSplitVOptions(b, o.numSplits());
    }
    if (options instanceof OpOptions.DepthToSpace o) {
      return DepthToSpaceOptions.createDepthToSpaceOptions(b, o.blockSize());
    }
    if (options instanceof OpOptions.BatchMatMul o) {
      return BatchMatMulOptions.createBatchMatMulOptions(b, o.adjX(), o.adjY(), o.asymmetricQuantizeInputs());
    }
    if (options instanceof OpOptions.Cumsum o) {
      return CumsumOptions.createCumsumOptions(b, o.exclusive(), o.reverse());
    }
    if (options instanceof OpOptions.Gelu o) {
      return GeluOptions.createGeluOptions(b, o.approximate());
    }
    if (options instanceof OpOptions.LocalResponseNormalization o) {
      return io.litertj.tflite.schema.LocalResponseNormalizationOptions.createLocalResponseNormalizationOptions(b,
          o.radius(), o.bias(), o.alpha(), o.beta());
    }
    if (options instanceof OpOptions.Conv3D o) {
      return io.litertj.tflite.schema.Conv3DOptions.createConv3DOptions(b, padding(o.padding()), o.strideD(),
          o.strideW(), o.strideH(), act(o.activation()), o.dilationD(), o.dilationW(), o.dilationH());
    }
    if (options instanceof OpOptions.SparseToDense o) {
      return io.litertj.tflite.schema.SparseToDenseOptions.createSparseToDenseOptions(b, o.validateIndices());
    }
    if (options instanceof OpOptions.Unique o) {
      return io.litertj.tflite.schema.UniqueOptions.createUniqueOptions(b, type(o.idxOutType()));
    }
    if (options instanceof OpOptions.OneHot o) {
      return io.litertj.tflite.schema.OneHotOptions.createOneHotOptions(b, o.axis());
    }
    if (options instanceof OpOptions.ReverseSequence o) {
      return io.litertj.tflite.schema.ReverseSequenceOptions.createReverseSequenceOptions(b, o.seqDim(), o.batchDim());
    }
    if (options instanceof OpOptions.Bucketize o) {
      int boundaries = io.litertj.tflite.schema.BucketizeOptions.createBoundariesVector(b, o.boundaries());
      return io.litertj.tflite.schema.BucketizeOptions.createBucketizeOptions(b, boundaries);
    }
    if (options instanceof OpOptions.Pad || options instanceof OpOptions.Transpose
        || options instanceof OpOptions.Exp || options instanceof OpOptions.LogSoftmax
        || options instanceof OpOptions.Dequantize || options instanceof OpOptions.MaximumMinimum
        || options instanceof OpOptions.Neg || options instanceof OpOptions.PadV2
        || options instanceof OpOptions.Slice || options instanceof OpOptions.Tile
        || options instanceof OpOptions.ExpandDims || options instanceof OpOptions.Square
        || options instanceof OpOptions.Fill || options instanceof OpOptions.Abs
        || options instanceof OpOptions.Quantize || options instanceof OpOptions.DynamicUpdateSlice) {
      // Tables without fields: the union tag alone carries the information.
      b.startTable(0);
      return b.endTable();
    }
    throw new ConversionException("no LiteRT options table for " + options.getClass().getSimpleName()
        + " (union tag " + options.unionType() + ")");
  }

  private static byte act(Activation activation) {
    return (byte) activation.ordinal();
  }

  private static byte padding(Padding padding) {
    return (byte) padding.ordinal();
  }

  private static byte type(DataType type) {
    return (byte) type.tfliteCode();
  }
}
