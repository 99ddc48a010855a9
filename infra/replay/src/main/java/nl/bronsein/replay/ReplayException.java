package nl.bronsein.replay;

/** Why a command could not do its work: a one-line message for the user and the exit code that goes with it. */
final class ReplayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    ReplayException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    ReplayException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** Bad input: a file, a line, a topic or a group that does not exist. */
    static ReplayException input(String message) {
        return new ReplayException(ReplayMain.EXIT_USAGE, message);
    }

    /** Collapses a message to one line. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
