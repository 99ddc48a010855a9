package nl.bronsein.schemas.view;

/**
 * What every view of an object says about itself: which object, which version, whose. A consumer checks these against
 * the notification it pulled for before it keeps anything.
 */
public interface SharedView {

    String objectId();

    int version();

    String owner();
}
