package nl.bronsein.runtime.web;

/**
 * Paths the staff door serves besides the staff API and the actuator: the staff pages', when the node has them (a bean
 * of the pages' concern). Without such a bean the staff door has nothing else, and anything else is 404.
 */
@FunctionalInterface
public interface StaffDoorPaths {

    /** @param path the request's path as the container mapped it */
    boolean serves(String path);
}
