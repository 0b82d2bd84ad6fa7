package io.cascade.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine's adapter rule, over the whole server: the API reaches Camunda's internals only through it. */
class ServerArchitectureTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cascade");

    @Test
    void onlyTheCamundaAdapterUsesCamundaInternals() {
        noClasses().that().resideOutsideOfPackage("io.cascade.engine.camunda..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..")
                .check(SERVER);
    }

    @Test
    void onlyTheRulesAdapterUsesDrools() {
        noClasses().that().resideOutsideOfPackage("io.cascade.engine.trigger..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
                .check(SERVER);
    }
}
