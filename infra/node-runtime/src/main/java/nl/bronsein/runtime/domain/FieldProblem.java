package nl.bronsein.runtime.domain;

import nl.bronsein.runtime.api.NodeApi;

/** One reason a request was refused: the field (as a JSON path such as {@code citizen.bsn}) and why. Never the value. */
@NodeApi
public record FieldProblem(String field, String reason) {
}
