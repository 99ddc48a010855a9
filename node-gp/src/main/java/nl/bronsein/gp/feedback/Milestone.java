package nl.bronsein.gp.feedback;

/**
 * What GPs ask to hear back (seed 000): each milestone with the Dutch word the practice uses. Later steps (indication,
 * provider, care started, conclusion) join as the municipality's and provider's lifecycles reach them.
 */
public enum Milestone {
    ARRIVED("aangekomen"),
    PICKED_UP("opgepakt");

    private final String dutch;

    Milestone(String dutch) {
        this.dutch = dutch;
    }

    public String dutch() {
        return dutch;
    }
}
