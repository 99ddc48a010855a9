package nl.bronsein.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import nl.bronsein.runtime.audit.ChainState;
import nl.bronsein.runtime.audit.ChainVerification;
import nl.bronsein.runtime.audit.ProcessingChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code verify-log}: verifies a node's processing log against its hash chain, in the node's database (read only: it
 * changes nothing, so it may run beside the node) and/or in an exported range, with the node runtime's own
 * {@link ProcessingChain}, so the tool and the node cannot disagree on what a link is.
 */
final class VerifyLogCommand {

    private final ReplayOptions.VerifyLog options;
    private final PrintStream out;

    VerifyLogCommand(ReplayOptions.VerifyLog options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run() {
        boolean intact = true;
        if (options.jdbcUrl() != null) {
            intact = report("database", database());
        }
        if (options.file() != null) {
            intact &= report("export " + options.file(), export());
        }
        return intact ? ReplayMain.EXIT_OK : ReplayMain.EXIT_REFUSED;
    }

    private boolean report(String what, ChainVerification verification) {
        out.println(what + ": " + verification);
        return verification.intact();
    }

    private ChainVerification database() {
        SingleConnectionDataSource database = new SingleConnectionDataSource(options.jdbcUrl(), options.user(),
                options.password() == null ? "" : options.password(), true);
        try {
            ProcessingChain chain = new ProcessingChain(JdbcClient.create(database));
            return options.headSeq() == null ? chain.verify()
                    : chain.verify(new ChainState(options.headSeq(), options.headHash()));
        } catch (DataAccessException e) {
            // the message names the URL and the SQL, never a record's content
            throw new ReplayException(ReplayMain.EXIT_KAFKA, "cannot read the processing log at " + options.jdbcUrl()
                    + " (" + rootCause(e) + ")");
        } finally {
            database.destroy();
        }
    }

    private ChainVerification export() {
        Path file = options.file();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return ProcessingChain.verifyExport(reader, JsonMapper.builder().build());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw ReplayException.input("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw ReplayException.input(file + ": " + ReplayException.oneLine(e.getMessage()));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return ReplayException.oneLine(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
}
