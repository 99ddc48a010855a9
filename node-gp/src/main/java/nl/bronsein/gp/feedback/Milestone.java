package nl.bronsein.gp.feedback;

/**
 * What GPs ask to hear back (seed 000: arrived, picked up, indication, which provider, care started, conclusion), each
 * with the Dutch words the practice uses. GPs work in 10-minute blocks: a milestone is a fact with a time and a
 * source, not a report.
 */
public enum Milestone {
    ARRIVED("aangekomen"),
    PICKED_UP("opgepakt"),
    INDICATION_GRANTED("indicatie afgegeven"),
    INDICATION_DECLINED("afgewezen"),
    REDIRECTED("doorverwezen naar algemene voorziening"),
    PROVIDER_ASSIGNED("toegewezen aan aanbieder"),
    ACCEPTED_BY_PROVIDER("aangenomen door aanbieder"),
    DECLINED_BY_PROVIDER("geweigerd door aanbieder"),
    CARE_STARTED("zorg gestart"),
    CARE_ENDED("zorg beëindigd"),
    CONCLUDED("afgerond"),
    RETURNED("teruggestuurd"),
    CLOSED_WITHOUT_DECISION("gesloten zonder besluit");

    private final String dutch;

    Milestone(String dutch) {
        this.dutch = dutch;
    }

    public String dutch() {
        return dutch;
    }
}
