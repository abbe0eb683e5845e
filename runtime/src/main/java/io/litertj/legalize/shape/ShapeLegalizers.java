package io.litertj.legalize.shape;

import io.litertj.legalize.LegalizerTable;

/**
 * The shape-manipulation legalizers: reshapes, slices, gathers, concatenations, paddings and the
 * shape queries whose values fold through them.
 */
public final class ShapeLegalizers {

  private ShapeLegalizers() {}

  /** Registers every legalizer of this package. */
  public static void register(LegalizerTable table) {
    ReshapeLegalizer.register(table);
    SqueezeExpandLegalizer.register(table);
    TransposeLegalizer.register(table);
    PadLegalizer.register(table);
    ConcatLegalizer.register(table);
    PackLegalizer.register(table);
    StridedSliceLegalizer.register(table);
    SliceLegalizer.register(table);
    GatherLegalizer.register(table);
    ShapeQueryLegalizer.register(table);
    FillLegalizer.register(table);
    TileLegalizer.register(table);
    RangeLegalizer.register(table);
    SplitLegalizer.register(table);
    ReverseLegalizer.register(table);
    BandPartLegalizer.register(table);
    NdIndexLegalizer.register(table);
    OneHotLegalizer.register(table);
    MatrixDiagLegalizer.register(table);
    WhereLegalizer.register(table);
    SparseToDenseLegalizer.register(table);
    UniqueLegalizer.register(table);
  }
}
