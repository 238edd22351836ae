package dev.editgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The science (model, edit, bench) stays a plain library: no engine, report, CLI or JUnit. */
class ArchitectureTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.editgate");

  @Test
  void scienceDoesNotDependOnTheEngine() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.editgate.model..", "dev.editgate.edit..", "dev.editgate.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.editgate.engine..", "dev.editgate.report..", "dev.editgate.cli..",
            "dev.editgate.scenario..", "org.junit..", "io.qameta..")
        .check(CLASSES);
  }

  @Test
  void modelDoesNotDependOnEditorsOrBenchmarks() {
    noClasses()
        .that()
        .resideInAPackage("dev.editgate.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.editgate.edit..", "dev.editgate.bench..")
        .check(CLASSES);
  }
}
