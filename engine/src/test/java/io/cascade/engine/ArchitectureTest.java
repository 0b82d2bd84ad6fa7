package io.cascade.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine's packages form a DAG, and Camunda's internals and Drools stay inside their adapters. */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cascade.engine");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.cascade.engine.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void subpackagesAreFreeOfCycles() {
        slices().matching("io.cascade.engine.(**)").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void onlyTheCamundaAdapterUsesCamundaInternals() {
        noClasses().that().resideOutsideOfPackage("io.cascade.engine.camunda..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..")
                .check(ENGINE);
    }

    @Test
    void onlyTheRulesAdapterUsesDrools() {
        noClasses().that().resideOutsideOfPackage("io.cascade.engine.trigger..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
                .check(ENGINE);
    }
}
