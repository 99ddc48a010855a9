package nl.bronsein.schemas.view;

/** A pointer to an object at its owner, as views carry it. */
public record ObjectReferenceView(String owner, String objectType, String objectId) {
}
