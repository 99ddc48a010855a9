package nl.bronsein.runtime.pull;

import java.util.Optional;

import nl.bronsein.runtime.api.NodeApi;


/** The owner answered and said no (or the pull may not be made at all): retrying will not help. */
@NodeApi
public class PullRefusedException extends RuntimeException {

    private final int status;
    private final Withdrawal withdrawal;

    public PullRefusedException(int status, String reason) {
        this(status, reason, null);
    }

    public PullRefusedException(int status, String reason, Withdrawal withdrawal) {
        super(reason);
        this.status = status;
        this.withdrawal = withdrawal;
    }

    /** The owner's HTTP status, or 0 when the pull was not made. */
    public int status() {
        return status;
    }

    /** The withdrawal at the source that the owner stated as its reason, if that was its reason. */
    public Optional<Withdrawal> withdrawal() {
        return Optional.ofNullable(withdrawal);
    }
}
