package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The commands the repository's Markdown files tell a user to type, checked for the mistakes a new user ran into:
 * a module built on its own with {@code -f module/pom.xml} fails on a machine whose local Maven repository lacks the
 * project's other modules (the top-level {@code -pl module -am} builds them), and the replay tool's {@code rewind
 * --node} without {@code --token} is refused with 401 by every node.
 */
class DocumentedCommandsTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent().getParent();

    @Test
    void mavenCommandsRunFromTheTopLevel() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Command command : documentedCommands()) {
            if (command.text().matches(".*\\./mvnw\\b.*\\s-f\\s.*")) {
                offending.add(command.toString());
            }
        }
        assertThat(offending).as("./mvnw commands with -f (use -pl <module> [-am] from the repository root)").isEmpty();
    }

    @Test
    void aRewindThroughANodeCarriesAStaffToken() throws IOException {
        List<Command> rewinds = documentedCommands().stream()
                .filter(command -> command.text().matches(".*replay\\.jar rewind .*--node .*")).toList();
        assertThat(rewinds).as("the replay README's example of rewind --node").isNotEmpty();
        assertThat(rewinds).allSatisfy(command -> assertThat(command.text()).as("%s", command).contains("--token "));
    }

    /** A command line from a Markdown file, with its continuation lines joined. */
    record Command(Path file, int line, String text) {
        @Override
        public String toString() {
            return REPOSITORY.relativize(file) + ":" + line + ": " + text;
        }
    }

    private static List<Command> documentedCommands() throws IOException {
        assertThat(REPOSITORY.resolve("network")).as("run from infra/local-network").isRegularFile();
        List<Command> commands = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".md"))
                    .filter(DocumentedCommandsTest::ownFile).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    int first = i;
                    StringBuilder text = new StringBuilder(lines.get(i).strip());
                    while (text.toString().endsWith("\\") && i + 1 < lines.size()) {
                        text.setLength(text.length() - 1);
                        text.append(' ').append(lines.get(++i).strip());
                    }
                    commands.add(new Command(file, first + 1, text.toString()));
                }
            }
        }
        return commands;
    }

    /** Not in a build output, a dependency folder or git's own files. */
    private static boolean ownFile(Path path) {
        for (Path part : REPOSITORY.relativize(path)) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
