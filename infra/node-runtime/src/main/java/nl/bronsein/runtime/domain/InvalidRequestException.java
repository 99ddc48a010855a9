package nl.bronsein.runtime.domain;

import java.util.List;

import nl.bronsein.runtime.api.NodeApi;

/** Input that passed the syntax checks but not the domain's, e.g. an addressee that is not a listed municipality. */
@NodeApi
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.size() + " invalid field(s)");
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(String field, String reason) {
        this(List.of(new FieldProblem(field, reason)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
