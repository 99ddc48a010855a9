package nl.bronsein.runtime.domain;

import nl.bronsein.runtime.api.NodeApi;

@NodeApi
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
