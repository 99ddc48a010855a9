package nl.bronsein.replay;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import nl.bronsein.replay.CommandLine.UsageException;

/**
 * {@code java -jar replay.jar dump|publish|rewind [options]}: see {@link CommandLine#USAGE}.
 *
 * <p>Exit codes: 0 done (and after --help), 1 refused (the consumer group to rewind is in use), 2 bad arguments or
 * input (an option, a file, a line, a topic), 3 Kafka failed or cannot be reached. Every failure is one line on
 * standard error, never a stack trace.
 */
public final class ReplayMain {

    static final int EXIT_OK = 0;
    static final int EXIT_REFUSED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_KAFKA = 3;

    private ReplayMain() {
    }

    public static void main(String[] args) {
        // JSON is UTF-8, whatever the platform's default
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command; prints results on {@code out}, messages on {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine.Command command;
        try {
            command = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("replay: " + e.getMessage());
            return EXIT_USAGE;
        }
        try {
            int code;
            if (command instanceof CommandLine.Dump dump) {
                code = new DumpCommand(dump, out, err).run();
            } else if (command instanceof CommandLine.Publish publish) {
                code = new PublishCommand(publish, err).run();
            } else if (command instanceof CommandLine.Rewind rewind) {
                code = new RewindCommand(rewind, out, err).run();
            } else if (command instanceof CommandLine.NodeRewind nodeRewind) {
                code = new NodeRewindCommand(nodeRewind, out).run();
            } else {
                out.println(((CommandLine.Help) command).text());
                code = EXIT_OK;
            }
            out.flush();
            return code;
        } catch (ReplayException e) {
            out.flush();
            err.println("replay: " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            out.flush();
            err.println("replay: unexpected failure: " + ReplayException.oneLine(String.valueOf(e)));
            return EXIT_KAFKA;
        }
    }
}
