package nl.bronsein.identityprovider;

import java.util.List;

/**
 * The kinds of participant, each with a development user per staff role it uses (the roles of node-runtime's
 * {@code StaffRole}; this module does not depend on the runtime, so the names are repeated here). The usernames are
 * Dutch, as the staff who would type them: {@code gp.huisarts}, {@code gemeente.intake}, {@code aanbieder.planner}.
 */
enum NodeKind {
    GP_PRACTICE("gp", List.of(
            new Seat("huisarts", "GP", "Anna Linde (huisarts)"),
            new Seat("assistent", "PRACTICE_ASSISTANT", "Bram de Wit (doktersassistent)"),
            new Seat("beheer", "NODE_ADMIN", "Carla Smit (functioneel beheer)"),
            new Seat("privacy", "PRIVACY_OFFICER", "Daan Visser (privacy officer)"))),
    MUNICIPALITY("gemeente", List.of(
            new Seat("intake", "INTAKE_OFFICER", "Eva Bakker (Wmo-consulent)"),
            new Seat("wijkteam", "WIJKTEAM_MEMBER", "Frank Mulder (wijkteam)"),
            new Seat("catalogus", "CATALOGUE_EDITOR", "Greet Bos (contractbeheer)"),
            new Seat("beheer", "NODE_ADMIN", "Hans Kok (functioneel beheer)"),
            new Seat("privacy", "PRIVACY_OFFICER", "Ineke Jansen (privacy officer)"))),
    PROVIDER("aanbieder", List.of(
            new Seat("planner", "PROVIDER_PLANNER", "Joris Peters (planner)"),
            new Seat("beheer", "NODE_ADMIN", "Karin Dekker (functioneel beheer)"),
            new Seat("privacy", "PRIVACY_OFFICER", "Lars Vos (privacy officer)")));

    /** One development user of a node: the part of its username after the prefix, its one role, a made-up name. */
    record Seat(String name, String role, String displayName) {
    }

    private final String usernamePrefix;
    private final List<Seat> seats;

    NodeKind(String usernamePrefix, List<Seat> seats) {
        this.usernamePrefix = usernamePrefix;
        this.seats = seats;
    }

    /** {@code gp.huisarts}: readable, and stable across starts, so a developer's browser remembers it. */
    String username(Seat seat) {
        return usernamePrefix + "." + seat.name();
    }

    List<Seat> seats() {
        return seats;
    }
}
