package io.litertj.legalize.lists;

import io.litertj.legalize.LegalizerTable;

/** Element lists (TensorList, TensorArray) on dense tensors: see {@link DenseLists}. */
public final class ListLegalizers {

  private ListLegalizers() {}

  /** Registers every legalizer of this package. */
  public static void register(LegalizerTable table) {
    TensorListLegalizers.register(table);
    TensorArrayLegalizers.register(table);
  }
}
