package io.powercut.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering ARCHITECTURE.md states, checked on the compiled main classes of every module (test
 * classes are not imported: tests may reach across). Dependencies flow one way, up the module list;
 * no two packages depend on each other, even through others; JUnit stays out of production.
 */
class LayeringTest {
  /** A module and the packages it owns, bottom to top. */
  private record Module(String dir, String... packages) {}

  private static final List<Module> MODULES =
      List.of(
          new Module("property", "io.powercut.property"),
          new Module("property-junit", "io.powercut.property.junit.."),
          new Module("fault-device", "io.powercut.device.."),
          new Module("fault-fs", "io.powercut.fs.."),
          new Module(
              "reference-engine",
              "io.powercut.pdata..",
              "io.powercut.thin",
              "io.powercut.thin.check..",
              "io.powercut.thin.xml..",
              "io.powercut.thin.tools.."),
          new Module("thin-target", "io.powercut.thin.target.."),
          new Module("model-checker", "io.powercut.checker.."),
          new Module("engine-h2", "io.powercut.engine.h2"),
          new Module("engine-h2-v1", "io.powercut.engine.h2.v1.."),
          new Module("engine-lucene", "io.powercut.engine.lucene.."),
          new Module("fuzz", "io.powercut.fuzz.."),
          new Module("reports", "io.powercut.reports.."),
          new Module("cli", "io.powercut.cli.."));

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() throws URISyntaxException {
    Path testClasses =
        Path.of(LayeringTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path root = testClasses.getParent().getParent().getParent();
    List<Path> dirs = new ArrayList<>();
    for (Module m : MODULES) {
      Path dir = root.resolve(m.dir()).resolve("target/classes");
      assertTrue(Files.isDirectory(dir), "no compiled main classes at " + dir);
      dirs.add(dir);
    }
    classes = new ClassFileImporter().importPaths(dirs);
  }

  @Test
  void everyModuleIsImported() {
    for (Module m : MODULES) {
      for (String pkg : m.packages()) {
        String prefix = pkg.replace("..", "");
        assertTrue(
            classes.stream().anyMatch(c -> c.getPackageName().startsWith(prefix)),
            "no class of " + m.dir() + " in " + pkg);
      }
    }
  }

  @Test
  void noModuleImportsAModuleAboveIt() {
    for (int i = 0; i < MODULES.size() - 1; i++) {
      String[] above =
          MODULES.subList(i + 1, MODULES.size()).stream()
              .flatMap(m -> Arrays.stream(m.packages()))
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAnyPackage(MODULES.get(i).packages())
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(above)
          .because(MODULES.get(i).dir() + " sits below " + String.join(", ", above))
          .check(classes);
    }
  }

  @Test
  void persistentDataKnowsNothingOfThin() {
    noClasses()
        .that()
        .resideInAPackage("io.powercut.pdata..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.powercut.thin..")
        .because("pdata is generic persistent data, as thin-provisioning-tools' src/pdata")
        .check(classes);
  }

  @Test
  void theResultsFormatSitsBelowTheCampaigns() {
    noClasses()
        .that()
        .resideInAPackage("io.powercut.checker.results..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.powercut.checker", "io.powercut.checker.thin..")
        .because("every command writes the results format, so it must not point up")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.powercut.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void junitStaysOutOfProduction() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.powercut.property.junit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.junit..")
        .because("JUnit belongs on the test classpath only")
        .check(classes);
  }
}
