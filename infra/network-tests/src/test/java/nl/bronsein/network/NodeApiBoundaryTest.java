package nl.bronsein.network;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.outbox.Relay;

/**
 * A node module holds its domain and reaches the runtime only through the types marked {@link NodeApi}: the runtime
 * may change its insides (it did, splitting one 471-line configuration into one per concern) without a node noticing.
 * Here, where all three nodes are on the class path, every class of their main code is checked.
 */
class NodeApiBoundaryTest {

    private static final String[] NODES = {"nl.bronsein.gp..", "nl.bronsein.municipality..", "nl.bronsein.provider.."};

    @Test
    void nodesUseOnlyTheRuntimesNodeApi() {
        JavaClasses nodes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.bronsein.gp", "nl.bronsein.municipality", "nl.bronsein.provider");
        assertThat(nodes.size()).as("node classes found to check").isGreaterThan(50);
        reachesPastTheApi(NODES).check(nodes);
    }

    /** The rule can fail: a class that starts the relay itself is caught, and named. */
    @Test
    void aClassReachingPastTheApiIsCaught() {
        JavaClasses offender = new ClassFileImporter().importClasses(StartsTheRelay.class);
        EvaluationResult result = reachesPastTheApi(StartsTheRelay.class.getPackageName() + "..").evaluate(offender);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
                .contains(StartsTheRelay.class.getSimpleName()).contains(Relay.class.getName()));
    }

    private static ArchRule reachesPastTheApi(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat(RUNTIME_OUTSIDE_THE_API)
                .because("a node reaches the runtime only through the types marked @NodeApi");
    }

    private static final DescribedPredicate<JavaClass> RUNTIME_OUTSIDE_THE_API = DescribedPredicate.describe(
            "are runtime types not marked @NodeApi",
            type -> type.getPackageName().startsWith("nl.bronsein.runtime") && !inTheApi(type));

    /** A nested type (a {@code Relevance} outcome) belongs to the API with the type it is declared in. */
    private static boolean inTheApi(JavaClass type) {
        if (type.isEquivalentTo(NodeApi.class) || type.isAnnotatedWith(NodeApi.class)) {
            return true;
        }
        Optional<JavaClass> enclosing = type.getEnclosingClass();
        return enclosing.isPresent() && inTheApi(enclosing.get());
    }

    /** What a node must not do: use the runtime's relay (no @NodeApi) directly. */
    static final class StartsTheRelay {

        void start(Relay relay) {
            relay.start();
        }
    }
}
