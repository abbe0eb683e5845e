package io.litertj.ir;

/**
 * The builtin options of an operator, one record per LiteRT options table. {@link #unionType()} is
 * the table's tag in LiteRT's {@code BuiltinOptions} union. Operators without options carry
 * {@code null}.
 */
public sealed interface OpOptions {

  int unionType();

  /**
   * The options LiteRT's exporter writes for a plain elementwise op (fused activation NONE), or
   * null for ops that take none; shared by every front end that emits such ops.
   */
  static OpOptions plain(BuiltinOp op) {
    return switch (op) {
      case ADD -> new Add(Activation.NONE);
      case SUB -> new Sub(Activation.NONE);
      case MUL -> new Mul(Activation.NONE);
      case DIV -> new Div(Activation.NONE);
      case MAXIMUM, MINIMUM -> new MaximumMinimum();
      case EXP -> new Exp();
      case NEG -> new Neg();
      case ABS -> new Abs();
      case SQUARE -> new Square();
      case LOG_SOFTMAX -> new LogSoftmax();
      case SOFTMAX -> new Softmax(1f);
      default -> null;
    };
  }

  /**
   * Options that name other subgraphs of the model (control flow). They hold the subgraphs
   * themselves, not indices: the writer numbers them, and a copy of the model swaps them.
   */
  interface WithSubgraphs {
    /** The subgraphs this operator runs, in the order of {@link #withSubgraphs}. */
    java.util.List<Subgraph> subgraphs();

    /** The same options naming {@code replacements} instead, one per {@link #subgraphs()} entry. */
    OpOptions withSubgraphs(java.util.List<Subgraph> replacements);
  }

  /** Options whose only field is a fused activation (ADD, SUB, MUL, DIV). */
  interface WithActivation {
    Activation activation();
  }

  record Conv2D(Padding padding, int strideW, int strideH, Activation activation, int dilationW, int dilationH)
      implements OpOptions, WithActivation {
    public int unionType() {
      return 1;
    }

    public Conv2D withActivation(Activation a) {
      return new Conv2D(padding, strideW, strideH, a, dilationW, dilationH);
    }
  }

  record DepthwiseConv2D(Padding padding, int strideW, int strideH, int depthMultiplier, Activation activation,
      int dilationW, int dilationH) implements OpOptions, WithActivation {
    public int unionType() {
      return 2;
    }

    public DepthwiseConv2D withActivation(Activation a) {
      return new DepthwiseConv2D(padding, strideW, strideH, depthMultiplier, a, dilationW, dilationH);
    }
  }

  record Pool2D(Padding padding, int strideW, int strideH, int filterW, int filterH, Activation activation)
      implements OpOptions, WithActivation {
    public int unionType() {
      return 5;
    }
  }

  record FullyConnected(Activation activation, boolean keepNumDims, boolean asymmetricQuantizeInputs)
      implements OpOptions, WithActivation {
    public int unionType() {
      return 8;
    }

    public FullyConnected withActivation(Activation a) {
      return new FullyConnected(a, keepNumDims, asymmetricQuantizeInputs);
    }
  }

  record Softmax(float beta) implements OpOptions {
    public int unionType() {
      return 9;
    }
  }

  record Concatenation(int axis, Activation activation) implements OpOptions, WithActivation {
    public int unionType() {
      return 10;
    }
  }

  /** {@code potScaleInt16}: int16 kernels only; false allows any scales (16x8 quantization). */
  record Add(Activation activation, boolean potScaleInt16) implements OpOptions, WithActivation {
    /** LiteRT's default, {@code pot_scale_int16 = true}. */
    public Add(Activation activation) {
      this(activation, true);
    }

    public int unionType() {
      return 11;
    }
  }

  record L2Norm(Activation activation) implements OpOptions, WithActivation {
    public int unionType() {
      return 12;
    }
  }

  record ResizeBilinear(boolean alignCorners, boolean halfPixelCenters) implements OpOptions {
    public int unionType() {
      return 15;
    }
  }

  record Reshape(int[] newShape) implements OpOptions {
    public Reshape {
      newShape = newShape.clone();
    }

    @Override
    public int[] newShape() {
      return newShape.clone();
    }

    public int unionType() {
      return 17;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reshape r && java.util.Arrays.equals(newShape, r.newShape);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(newShape);
    }
  }

  record SpaceToDepth(int blockSize) implements OpOptions {
    public int unionType() {
      return 19;
    }
  }

  record Mul(Activation activation) implements OpOptions, WithActivation {
    public int unionType() {
      return 21;
    }
  }

  record Pad() implements OpOptions {
    public int unionType() {
      return 22;
    }
  }

  record Gather(int axis, int batchDims) implements OpOptions {
    public int unionType() {
      return 23;
    }
  }

  record Transpose() implements OpOptions {
    public int unionType() {
      return 26;
    }
  }

  record Reducer(boolean keepDims) implements OpOptions {
    public int unionType() {
      return 27;
    }
  }

  /** {@code potScaleInt16}: int16 kernels only; false allows any scales (16x8 quantization). */
  record Sub(Activation activation, boolean potScaleInt16) implements OpOptions, WithActivation {
    /** LiteRT's default, {@code pot_scale_int16 = true}. */
    public Sub(Activation activation) {
      this(activation, true);
    }

    public int unionType() {
      return 28;
    }
  }

  record Div(Activation activation) implements OpOptions, WithActivation {
    public int unionType() {
      return 29;
    }
  }

  record Squeeze(int[] squeezeDims) implements OpOptions {
    public Squeeze {
      squeezeDims = squeezeDims.clone();
    }

    @Override
    public int[] squeezeDims() {
      return squeezeDims.clone();
    }

    public int unionType() {
      return 30;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Squeeze s && java.util.Arrays.equals(squeezeDims, s.squeezeDims);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(squeezeDims);
    }
  }

  record SequenceRnn(boolean timeMajor, Activation activation, boolean asymmetricQuantizeInputs)
      implements OpOptions, WithActivation {
    public int unionType() {
      return 31;
    }
  }

  record StridedSlice(int beginMask, int endMask, int ellipsisMask, int newAxisMask, int shrinkAxisMask,
      boolean offset) implements OpOptions {
    public int unionType() {
      return 32;
    }
  }

  record Exp() implements OpOptions {
    public int unionType() {
      return 33;
    }
  }

  record Split(int numSplits) implements OpOptions {
    public int unionType() {
      return 35;
    }
  }

  record LogSoftmax() implements OpOptions {
    public int unionType() {
      return 36;
    }
  }

  record Cast(DataType inType, DataType outType) implements OpOptions {
    public int unionType() {
      return 37;
    }
  }

  record Dequantize() implements OpOptions {
    public int unionType() {
      return 38;
    }
  }

  record MaximumMinimum() implements OpOptions {
    public int unionType() {
      return 39;
    }
  }

  record ArgMax(DataType outputType) implements OpOptions {
    public int unionType() {
      return 40;
    }
  }

  record Neg() implements OpOptions {
    public int unionType() {
      return 42;
    }
  }

  record PadV2() implements OpOptions {
    public int unionType() {
      return 43;
    }
  }

  record Slice() implements OpOptions {
    public int unionType() {
      return 48;
    }
  }

  record TransposeConv(Padding padding, int strideW, int strideH, Activation activation)
      implements OpOptions, WithActivation {
    public int unionType() {
      return 49;
    }
  }

  record Tile() implements OpOptions {
    public int unionType() {
      return 51;
    }
  }

  record ExpandDims() implements OpOptions {
    public int unionType() {
      return 52;
    }
  }

  record ShapeOp(DataType outType) implements OpOptions {
    public int unionType() {
      return 55;
    }
  }

  record ArgMin(DataType outputType) implements OpOptions {
    public int unionType() {
      return 57;
    }
  }

  record Pack(int valuesCount, int axis) implements OpOptions {
    public int unionType() {
      return 59;
    }
  }

  record Unpack(int num, int axis) implements OpOptions {
    public int unionType() {
      return 64;
    }
  }

  record Square() implements OpOptions {
    public int unionType() {
      return 66;
    }
  }

  record Fill() implements OpOptions {
    public int unionType() {
      return 68;
    }
  }

  record UnidirectionalSequenceLstm(Activation activation, float cellClip, float projClip, boolean timeMajor,
      boolean asymmetricQuantizeInputs, boolean diagonalRecurrentTensors) implements OpOptions, WithActivation {
    public int unionType() {
      return 71;
    }
  }

  record ResizeNearestNeighbor(boolean alignCorners, boolean halfPixelCenters) implements OpOptions {
    public int unionType() {
      return 74;
    }
  }

  record LeakyRelu(float alpha) implements OpOptions {
    public int unionType() {
      return 75;
    }
  }

  record MirrorPad(boolean symmetric) implements OpOptions {
    public int unionType() {
      return 77;
    }
  }

  record Abs() implements OpOptions {
    public int unionType() {
      return 78;
    }
  }

  record SplitV(int numSplits) implements OpOptions {
    public int unionType() {
      return 79;
    }
  }

  record Quantize() implements OpOptions {
    public int unionType() {
      return 89;
    }
  }

  /** IF: runs {@code thenBranch} when the boolean input 0 is true, else {@code elseBranch}, on the other inputs. */
  record If(Subgraph thenBranch, Subgraph elseBranch) implements OpOptions, WithSubgraphs {
    public If {
      java.util.Objects.requireNonNull(thenBranch, "thenBranch");
      java.util.Objects.requireNonNull(elseBranch, "elseBranch");
    }

    public int unionType() {
      return 92;
    }

    public java.util.List<Subgraph> subgraphs() {
      return java.util.List.of(thenBranch, elseBranch);
    }

    public If withSubgraphs(java.util.List<Subgraph> replacements) {
      return new If(replacements.get(0), replacements.get(1));
    }
  }

  /** WHILE: runs {@code body} on the loop values for as long as {@code cond} returns true on them. */
  record While(Subgraph cond, Subgraph body) implements OpOptions, WithSubgraphs {
    public While {
      java.util.Objects.requireNonNull(cond, "cond");
      java.util.Objects.requireNonNull(body, "body");
    }

    public int unionType() {
      return 93;
    }

    public java.util.List<Subgraph> subgraphs() {
      return java.util.List.of(cond, body);
    }

    public While withSubgraphs(java.util.List<Subgraph> replacements) {
      return new While(replacements.get(0), replacements.get(1));
    }
  }

  record DepthToSpace(int blockSize) implements OpOptions {
    public int unionType() {
      return 94;
    }
  }

  record BatchMatMul(boolean adjX, boolean adjY, boolean asymmetricQuantizeInputs) implements OpOptions {
    public int unionType() {
      return 101;
    }
  }

  record Cumsum(boolean exclusive, boolean reverse) implements OpOptions {
    public int unionType() {
      return 102;
    }
  }

  record Gelu(boolean approximate) implements OpOptions {
    public int unionType() {
      return 116;
    }
  }

  record LocalResponseNormalization(int radius, float bias, float alpha, float beta) implements OpOptions {
    public int unionType() {
      return 13;
    }
  }

  record OneHot(int axis) implements OpOptions {
    public int unionType() {
      return 61;
    }
  }

  record ReverseSequence(int seqDim, int batchDim) implements OpOptions {
    public int unionType() {
      return 87;
    }
  }

  /** The sorted bucket boundaries; the array is never written to. */
  record Bucketize(float[] boundaries) implements OpOptions {
    public Bucketize {
      boundaries = boundaries.clone();
    }

    @Override
    public float[] boundaries() {
      return boundaries.clone();
    }

    public int unionType() {
      return 115;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bucketize b && java.util.Arrays.equals(boundaries, b.boundaries);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(boundaries);
    }

    @Override
    public String toString() {
      return "Bucketize[boundaries=" + java.util.Arrays.toString(boundaries) + "]";
    }
  }

  record DynamicUpdateSlice() implements OpOptions {
    public int unionType() {
      return 117;
    }
  }

  record Conv3D(Padding padding, int strideD, int strideW, int strideH, Activation activation, int dilationD,
      int dilationW, int dilationH) implements OpOptions, WithActivation {
    public int unionType() {
      return 106;
    }
  }

  record SparseToDense(boolean validateIndices) implements OpOptions {
    public int unionType() {
      return 50;
    }
  }

  record Unique(DataType idxOutType) implements OpOptions {
    public int unionType() {
      return 80;
    }
  }
}
