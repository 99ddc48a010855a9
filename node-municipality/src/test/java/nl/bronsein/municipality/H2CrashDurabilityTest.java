package nl.bronsein.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * A change a node acknowledged is still there after the node is killed with SIGKILL, on the embedded H2 database it
 * uses by default. With H2's default write delay (500 ms) the municipality lost its last three committed changes to a
 * {@code kill -9}, after the relay had already put them on Kafka: it then reused their sequence numbers for other
 * events and the GP was left with notifications about cases that no longer existed (issue 15).
 *
 * <p>A child JVM opens the database with a node's own default URL (read from the node's defaults file, not copied)
 * and commits rows, printing each id once its commit has returned; it is killed with SIGKILL right after one is
 * printed, and every printed id must be in the database when it is opened again. The GP's and provider's defaults are
 * read from their modules' sources: the three nodes must give the same guarantee.
 */
class H2CrashDurabilityTest {

    /** Enough commits that the child is past start-up and committing at full speed when it is killed. */
    private static final int KILL_AFTER = 300;

    @ParameterizedTest
    @ValueSource(strings = {"classpath:municipality-node.yml", "../node-gp/src/main/resources/gp-node.yml",
            "../node-provider/src/main/resources/provider-node.yml"})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void everyAcknowledgedCommitSurvivesKillMinus9(String defaults, @TempDir Path dataDir) throws Exception {
        Properties node = nodeDefaults(defaults);
        String url = resolve(node.getProperty("spring.datasource.url"), dataDir);
        String user = node.getProperty("spring.datasource.username");
        String password = node.getProperty("spring.datasource.password", "");
        assertThat(url).as("the node's default database").startsWith("jdbc:h2:file:" + dataDir);
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE acknowledged (id BIGINT PRIMARY KEY)");
        }

        Path stderr = dataDir.resolve("child.err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), H2CommitLoop.class.getName(), url, user, password)
                .redirectError(stderr.toFile())
                .start();
        List<Long> acknowledged = new ArrayList<>();
        long begin = System.nanoTime();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                acknowledged.add(Long.parseLong(line));
                if (acknowledged.size() == KILL_AFTER) {
                    // SIGKILL through the handle: Process.destroyForcibly() also closes our end of the pipe, and
                    // the ids the child printed before it died would be lost to the test instead of the database
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // 128 + 9: the child died of SIGKILL, not of an error it could have cleaned up after
        assertThat(child.exitValue()).as("exit code of the child; its stderr: %s", Files.readString(stderr)).isEqualTo(137);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER);

        Set<Long> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM acknowledged")) {
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
        }
        List<Long> lost = acknowledged.stream().filter(id -> !stored.contains(id)).toList();
        System.out.printf("H2 crash: %s, %d commits acknowledged in %.2f s before kill -9, %d lost (%s)%n",
                defaults, acknowledged.size(), seconds, lost.size(), url);
        assertThat(lost.size()).as("commits acknowledged before kill -9 but gone after reopening %s (of %d; the first: %s)",
                url, acknowledged.size(), lost.stream().limit(5).toList()).isZero();
    }

    private static Properties nodeDefaults(String location) {
        Resource resource = location.startsWith("classpath:")
                ? new ClassPathResource(location.substring("classpath:".length()))
                : new FileSystemResource(location);
        assertThat(resource.exists()).as(location).isTrue();
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(resource);
        return yaml.getObject();
    }

    /** Resolves {@code ${bronsein.data-dir:...}} as the node does when the operator sets the data directory. */
    private static String resolve(String url, Path dataDir) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("bronsein.data-dir", dataDir.toString())));
        return environment.resolveRequiredPlaceholders(url);
    }
}
