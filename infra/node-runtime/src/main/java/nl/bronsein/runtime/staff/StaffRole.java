package nl.bronsein.runtime.staff;

import nl.bronsein.runtime.api.NodeApi;

/**
 * The tasks staff perform through a node's staff API, as roles in the organisation's tokens (claim {@code roles}).
 * Every endpoint names the roles whose task needs it; nobody sees more than the task needs (seed 003).
 */
@NodeApi
public enum StaffRole {
    /** Huisarts: refers, corrects the referral, withdraws it. */
    GP,
    /** Doktersassistent / POH: records referrals and consent, keeps the contact person current, follows progress. */
    PRACTICE_ASSISTANT,
    /** Intake officer (Wmo-loket): decides, assigns a provider, returns a referral to the right municipality. */
    INTAKE_OFFICER,
    /** Wijkteam member: picks a case up, follows it, concludes it. */
    WIJKTEAM_MEMBER,
    /** Provider's planner: accepts or declines assignments, reports care started and ended. */
    PROVIDER_PLANNER,
    /** Functioneel beheer: the node's contact points, its rewind and rebuild, its actuator endpoints. */
    NODE_ADMIN,
    /**
     * A municipality's contract manager (sociale kaart): publishes, corrects and retires the catalogue's services. Not
     * {@link #NODE_ADMIN}: which providers are contracted and how long one waits is the municipality's policy and
     * contracts, kept by other people than those who run the node, and a wrong entry misdirects referrals.
     */
    CATALOGUE_EDITOR,
    /**
     * The node's privacy officer (functionaris gegevensbescherming): reads and exports the processing log, on every kind
     * of node. Not {@link #NODE_ADMIN}: who looked up which citizen is for the one who oversees compliance, not for who
     * runs the node; and the officer reads no referral, case or assignment itself.
     */
    PRIVACY_OFFICER;

    /**
     * The authorities for the role names a token's roles claim carries: only roles this network knows, anything else in
     * the claim is ignored. One reading for the staff API's bearer tokens and the staff pages' ID tokens.
     */
    public static java.util.List<org.springframework.security.core.GrantedAuthority> authorities(java.util.List<String> claim) {
        if (claim == null) {
            return java.util.List.of();
        }
        return claim.stream()
                .filter(value -> java.util.Arrays.stream(values()).anyMatch(r -> r.name().equals(value)))
                .map(value -> (org.springframework.security.core.GrantedAuthority)
                        new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_" + value))
                .toList();
    }
}
