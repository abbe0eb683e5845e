package io.litertj.legalize.lists;

import io.litertj.ir.DataType;

/**
 * The note on a list whose element shape (not even its rank) is known yet: TensorListReserve with
 * an unknown element shape, before anything is written. Such a list is a zero tensor of shape
 * {@code [num_elements]}; the first write gives it its element shape ({@link DenseLists}).
 *
 * @param elementType the elements' type
 */
record PendingList(DataType elementType) {}
