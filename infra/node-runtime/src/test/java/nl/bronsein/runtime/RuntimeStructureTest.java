package nl.bronsein.runtime;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The runtime's concerns each live in their own package, and no two of them lean on each other: a cycle between two
 * packages (pull and history, outbox and notification, five of them at one time) meant neither could be read, tested or
 * changed alone.
 */
class RuntimeStructureTest {

    private final JavaClasses runtime = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.bronsein.runtime");

    @Test
    void noTwoConcernsDependOnEachOther() {
        slices().matching("nl.bronsein.runtime.(*)..").should().beFreeOfCycles().check(runtime);
    }

    /** The root package wires the concerns together; a concern that reached back into it would be a cycle the slices miss. */
    @Test
    void noConcernReachesBackIntoTheRootPackage() {
        noClasses().that().resideInAPackage("nl.bronsein.runtime.*..")
                .should().dependOnClassesThat().resideInAPackage("nl.bronsein.runtime")
                .check(runtime);
    }
}
