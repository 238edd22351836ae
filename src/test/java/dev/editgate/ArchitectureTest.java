package dev.editgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The science (model, edit, bench) stays a plain library: no engine, report, CLI or JUnit; the
 * statistics of verdicts ({@code stats}) depend on nothing but the JDK.
 */
class ArchitectureTest {
    static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.editgate");

    /**
     * One exception: editors expand variables in hyperparameter values with the suites' own {@code
     * scenario.Variables} (one syntax, one implementation), handed to them by the engine.
     */
    @Test
    void scienceDoesNotDependOnTheEngine() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.editgate.model..",
                        "dev.editgate.edit..",
                        "dev.editgate.bench..",
                        "dev.editgate.text..")
                .should()
                .dependOnClassesThat(
                        JavaClass.Predicates.resideInAnyPackage(
                                        "dev.editgate.engine..",
                                        "dev.editgate.report..",
                                        "dev.editgate.cli..",
                                        "dev.editgate.scenario..",
                                        "org.junit..",
                                        "io.qameta..")
                                .and(
                                        DescribedPredicate.not(
                                                JavaClass.Predicates.equivalentTo(
                                                        dev.editgate.scenario.Variables.class))))
                .check(CLASSES);
    }

    /** Statistics of verdicts are plain numerics that every layer may use: only the JDK below. */
    @Test
    void statisticsDependOnlyOnTheJdk() {
        classes()
                .that()
                .resideInAPackage("dev.editgate.stats..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.editgate.stats..")
                .check(CLASSES);
    }

    /**
     * Family packages depend on {@code model} and {@code model.gguf}; those find them through
     * ServiceLoader ({@link dev.editgate.model.Families}, {@code GgufArchitecture}), never by
     * import: no cycle.
     */
    @Test
    void theModelPackageDoesNotImportItsFamilies() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.editgate.model", "dev.editgate.model.gguf")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.editgate.model.llama..",
                        "dev.editgate.model.gpt2..",
                        "dev.editgate.model.gptj..",
                        "dev.editgate.model.neox..",
                        "dev.editgate.model.gemma3..")
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

    /**
     * DJL's {@code NDArray.mul(Number)} (and div, pow, maximum, minimum) wraps the number in a
     * tensor over a Java direct buffer and closes it right after the op; autograd saves that
     * operand for the backward pass, which then reads memory the JVM has freed (intermittent NaN
     * gradients). Model and editor code goes through {@link dev.editgate.model.nn.Scalars}, whose
     * scalars own their memory.
     */
    @Test
    void noDjlScalarOperandsWhereGradientsFlow() {
        var rule =
                noClasses()
                        .that()
                        .resideInAnyPackage(
                                "dev.editgate.model..",
                                "dev.editgate.edit..",
                                "dev.editgate.bench.edits..")
                        .and()
                        .doNotHaveFullyQualifiedName("dev.editgate.model.nn.Scalars")
                        .should()
                        .callMethod(ai.djl.ndarray.NDArray.class, "mul", Number.class)
                        .orShould()
                        .callMethod(ai.djl.ndarray.NDArray.class, "div", Number.class)
                        .orShould()
                        .callMethod(ai.djl.ndarray.NDArray.class, "pow", Number.class)
                        .orShould()
                        .callMethod(ai.djl.ndarray.NDArray.class, "maximum", Number.class)
                        .orShould()
                        .callMethod(ai.djl.ndarray.NDArray.class, "minimum", Number.class);
        rule.check(CLASSES);
    }
}
