package nl.bronsein.runtime.domain;

/** One reason a request was refused: the field (as a JSON path such as {@code citizen.bsn}) and why. Never the value. */
public record FieldProblem(String field, String reason) {
}
