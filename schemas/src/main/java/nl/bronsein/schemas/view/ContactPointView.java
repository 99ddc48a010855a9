package nl.bronsein.schemas.view;

/** A function-level contact point (a desk, a team), never a person's own number. */
public record ContactPointView(String name, String phone, String email) {
}
