package nl.bronsein.runtime.config;

/**
 * A node setting that is missing or wrong, found at start-up. Its message is one line that starts with the property
 * (e.g. {@code bronsein.node.participant-id urn:nld:kvk:99999999 is not in the participant list file:/…}); the
 * {@link #action()} says what to do about it. {@link NodeConfigurationFailureAnalyzer} prints both when the node
 * refuses to start.
 */
public class InvalidNodeConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String action;

    /**
     * @param property the property at fault, as an operator writes it, e.g. {@code bronsein.pull.policies[0].object-type}
     * @param value    its value as set (a location, an identifier), or null when it is not set or not worth repeating
     * @param problem  what is wrong, continuing the sentence after the property and its value
     * @param action   what to do about it
     */
    public InvalidNodeConfigurationException(String property, Object value, String problem, String action) {
        this(property, value, problem, action, null);
    }

    public InvalidNodeConfigurationException(String property, Object value, String problem, String action,
                                             Throwable cause) {
        super(property + (value == null ? "" : " " + value) + " " + problem, cause);
        this.property = property;
        this.action = action;
    }

    public String property() {
        return property;
    }

    public String action() {
        return action;
    }
}
