package nl.bronsein.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test of a node's service with real transactions: the service and the node classes it needs ({@link #classes}) on
 * the runtime's {@link NodeServiceSlice}, the node's own defaults file and identity set in {@link #properties}, e.g.
 * <pre>
 * &#64;NodeServiceSliceTest(classes = {CaseService.class, CaseRepository.class, CaseSource.class}, properties = {
 *         "spring.config.name=municipality-node", "bronsein.node.participant-id=" + SliceNetwork.MUNICIPALITY})
 * </pre>
 * The defaults file is the node's real one, so the migrations and the pull policy (whom the outbox addresses) are the
 * node's own. The tests of a class share one context and one database; a test judges what its own step did.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(NodeServiceSlice.class)
@ContextConfiguration(initializers = SliceNetwork.class)
public @interface NodeServiceSliceTest {

    /** The node's own beans: the service, its repositories, the node's shared-object sources its outbox consults. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
    Class<?>[] classes();

    /** {@code spring.config.name} (the node's defaults file) and {@code bronsein.node.participant-id} (a {@link SliceNetwork} member). */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties();
}
