package cn.qeregistry;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Code is organised by feature; features may not form cycles, and the shared kernel depends on no feature. */
class ModuleBoundariesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.qeregistry");

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("cn.qeregistry.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void sharedKernelDependsOnNoFeature() {
        noClasses().that().resideInAnyPackage("cn.qeregistry.core..", "cn.qeregistry.platform..")
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "cn.qeregistry.core..", "cn.qeregistry.platform..", "java..", "javax..", "org.springframework..",
                        "io.zonky..", "org.yaml..", "org.slf4j..", "jakarta..", "tools.jackson..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineEntryKnowsTheCommandLine() {
        noClasses().that().resideOutsideOfPackages("cn.qeregistry.cli..", "cn.qeregistry")
                .should().dependOnClassesThat().resideInAPackage("cn.qeregistry.cli..")
                .check(classes);
    }
}
