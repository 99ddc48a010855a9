package nl.bronsein.schemas;

/** A notification body that this node cannot read: not single-object encoded, or written with a schema it does not know. */
public class UndecodableNotificationException extends RuntimeException {

    public UndecodableNotificationException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public UndecodableNotificationException(String reason) {
        super(reason);
    }
}
