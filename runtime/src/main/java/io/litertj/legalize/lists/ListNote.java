package io.litertj.legalize.lists;

import java.util.Arrays;

/**
 * What a dense list tensor does not say by itself, noted on it ({@code NodeContext.annotate}).
 *
 * @param pending  no write has given it an element shape yet, not even a rank: it is a zero
 *                 tensor of shape {@code [num_elements]} until its first write ({@link DenseLists})
 * @param declared the element shape the list was made with, which is what TensorFlow reports as
 *                 its element shape ({@code TensorListElementShape}) whatever is written later;
 *                 -1 for unknown sizes, null for an unknown rank
 */
record ListNote(boolean pending, int[] declared) {

  ListNote {
    declared = declared == null ? null : declared.clone();
  }

  @Override
  public int[] declared() {
    return declared == null ? null : declared.clone();
  }

  /** The same list once written. */
  ListNote written() {
    return new ListNote(false, declared);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListNote n && n.pending == pending && Arrays.equals(n.declared, declared);
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(pending) * 31 + Arrays.hashCode(declared);
  }

  @Override
  public String toString() {
    return "ListNote[pending=" + pending + ", declared=" + Arrays.toString(declared) + "]";
  }
}
