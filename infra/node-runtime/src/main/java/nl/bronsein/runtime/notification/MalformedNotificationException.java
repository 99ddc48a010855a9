package nl.bronsein.runtime.notification;

/** A record on a notification topic that is not a well-formed notification; the message is safe to log and store. */
public class MalformedNotificationException extends RuntimeException {

    public MalformedNotificationException(String reason) {
        super(reason);
    }
}
