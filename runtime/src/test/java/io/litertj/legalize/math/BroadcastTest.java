package io.litertj.legalize.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.litertj.ir.Shape;
import org.junit.jupiter.api.Test;

class BroadcastTest {

  @Test
  void alignsOnTheRightAndStretchesOnes() {
    assertEquals(Shape.of(2, 3, 4), Broadcast.pair(Shape.of(2, 1, 4), Shape.of(3, 1)));
    assertEquals(Shape.of(5), Broadcast.pair(Shape.scalar(), Shape.of(5)));
  }

  @Test
  void dynamicDimensionTakesTheStaticSizeUnlessThatIsOne() {
    assertEquals(Shape.of(-1, 4), Broadcast.pair(Shape.of(-1, 4), Shape.of(4)));
    assertEquals(Shape.of(3, 4), Broadcast.pair(Shape.of(-1, 4), Shape.of(3, 1)));
    assertEquals(Shape.of(-1, 4), Broadcast.pair(Shape.of(-1, 1), Shape.of(1, 4)));
    assertEquals(Shape.of(-1), Broadcast.pair(Shape.of(-1), Shape.of(-1)));
  }

  @Test
  void mismatchedStaticSizesDoNotBroadcast() {
    assertNull(Broadcast.pair(Shape.of(2, 3), Shape.of(4)));
  }

  @Test
  void expandsToMeansNoDimensionOfTheTargetGrows() {
    assertTrue(Broadcast.expandsTo(Shape.of(4), Shape.of(-1, 4)));
    assertFalse(Broadcast.expandsTo(Shape.of(3, 4), Shape.of(4)));
  }
}
