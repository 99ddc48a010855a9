package nl.bronsein.runtime.pull;

/** The owner answered and said no (or the pull may not be made at all): retrying will not help. */
public class PullRefusedException extends RuntimeException {

    private final int status;

    public PullRefusedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    /** The owner's HTTP status, or 0 when the pull was not made. */
    public int status() {
        return status;
    }
}
