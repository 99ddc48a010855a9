package nl.bronsein.municipality;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * The child process of {@link H2CrashDurabilityTest}: opens an H2 database with the URL it is given and commits one
 * row after another, printing each id only once its commit has returned — the moment a node answers its caller. It
 * runs until it is killed.
 */
public final class H2CommitLoop {

    private H2CommitLoop() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args.length > 2 ? args[2] : "";
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO acknowledged (id) VALUES (?)")) {
            connection.setAutoCommit(false);
            for (long id = 1; ; id++) {
                insert.setLong(1, id);
                insert.executeUpdate();
                connection.commit();
                out.println(id);
            }
        }
    }
}
