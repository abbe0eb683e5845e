package io.litertj.legalize.math;

import io.litertj.legalize.LegalizerTable;

/**
 * The math legalizers: elementwise arithmetic, comparisons and logic, activations, reductions,
 * casts, selects, matrix products and einsums.
 */
public final class MathLegalizers {

  private MathLegalizers() {}

  /** Registers every legalizer of this package. */
  public static void register(LegalizerTable table) {
    BinaryLegalizer.register(table);
    UnaryLegalizer.register(table);
    ComposedLegalizer.register(table);
    ReduceLegalizer.register(table);
    ArgMinMaxLegalizer.register(table);
    CastLegalizer.register(table);
    SelectLegalizer.register(table);
    AddNLegalizer.register(table);
    MatMulLegalizer.register(table);
    EinsumLegalizer.register(table);
    CumsumLegalizer.register(table);
    TopKLegalizer.register(table);
    SegmentLegalizer.register(table);
    BucketizeLegalizer.register(table);
  }
}
