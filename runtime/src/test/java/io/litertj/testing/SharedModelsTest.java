package io.litertj.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class SharedModelsTest {
  @TempDir Path temp;
  private String saved;

  @BeforeEach
  void saveProperty() {
    saved = System.getProperty(SharedModels.PROPERTY);
  }

  @AfterEach
  void restoreProperty() {
    if (saved == null) {
      System.clearProperty(SharedModels.PROPERTY);
    } else {
      System.setProperty(SharedModels.PROPERTY, saved);
    }
  }

  @Test
  void skipsWithAClearMessageWhereTheModelsAreAbsent() {
    System.setProperty(SharedModels.PROPERTY, temp.resolve("nowhere").toString());
    assertFalse(SharedModels.present());
    TestAbortedException e = assertThrows(TestAbortedException.class, SharedModels::require);
    assertEquals("Assumption failed: ../shared/models is absent: skipping "
        + "SharedModelsTest.skipsWithAClearMessageWhereTheModelsAreAbsent", e.getMessage());
  }

  @Test
  void skipsWhenOneModelIsAbsent() {
    System.setProperty(SharedModels.PROPERTY, temp.toString());
    TestAbortedException e = assertThrows(TestAbortedException.class, () -> SharedModels.path("no_such_model"));
    assertEquals("Assumption failed: ../shared/models/no_such_model is absent: skipping "
        + "SharedModelsTest.skipsWhenOneModelIsAbsent", e.getMessage());
  }

  @Test
  void thePropertyOverridesTheSearch() throws Exception {
    Files.createDirectories(temp.resolve("m"));
    System.setProperty(SharedModels.PROPERTY, temp.toString());
    assertEquals(temp.resolve("m").toAbsolutePath(), SharedModels.path("m").toAbsolutePath());
  }

  @Test
  void findsTheTeamsModelsFromTheModuleDirectory() {
    System.clearProperty(SharedModels.PROPERTY);
    Path root = SharedModels.require();
    assertTrue(Files.isRegularFile(root.resolve("MANIFEST.md")), root.toString());
  }
}
