package io.litertj.legalize.nn;

import io.litertj.legalize.LegalizerTable;

/** The neural-network layer legalizers: convolutions (2-D and 3-D), pools, batch norm, resizes, LRN. */
public final class NnLegalizers {

  private NnLegalizers() {}

  /** Registers every legalizer of this package. */
  public static void register(LegalizerTable table) {
    ConvLegalizer.register(table);
    TransposeConvLegalizer.register(table);
    PoolLegalizer.register(table);
    BatchNormLegalizer.register(table);
    ResizeLegalizer.register(table);
    SpaceDepthLegalizer.register(table);
    SpaceBatchLegalizer.register(table);
    LrnLegalizer.register(table);
    Conv3DLegalizer.register(table);
    NonMaxSuppressionLegalizer.register(table);
  }
}
