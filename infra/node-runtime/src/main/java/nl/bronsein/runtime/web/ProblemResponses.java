package nl.bronsein.runtime.web;

import nl.bronsein.runtime.audit.ProcessingLogUnavailableException;
import nl.bronsein.runtime.domain.FieldProblem;

import nl.bronsein.runtime.domain.InvalidRequestException;

import nl.bronsein.runtime.domain.ConcurrentChangeException;

import nl.bronsein.runtime.domain.IllegalTransitionException;

import nl.bronsein.runtime.domain.NotFoundException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every refusal as {@code application/problem+json}, naming each field and the reason, and never echoing the value
 * (it may be a BSN). Because the exceptions are handled here, Spring does not log them with their messages either.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    public static final URI INVALID_REQUEST = URI.create("https://bronsein.nl/problems/invalid-request");
    public static final URI CHANGED_MEANWHILE = URI.create("https://bronsein.nl/problems/changed-meanwhile");

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors().forEach(e -> problems.add(new FieldProblem(e.getObjectName(), e.getDefaultMessage())));
        return invalid(problems);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestLimits.TooLarge) {
                return problem(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, t.getMessage()));
            }
        }
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return invalid(List.of(new FieldProblem(path(unknown), "unknown field")));
        }
        if (cause instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
            return invalid(List.of(new FieldProblem(path(mapping), "wrong type or format")));
        }
        if (cause instanceof JacksonException) {
            return invalid(List.of(new FieldProblem("$", "malformed JSON")));
        }
        return invalid(List.of(new FieldProblem("$", "request body missing or unreadable")));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalidRequest(InvalidRequestException ex) {
        return invalid(ex.problems());
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<Object> illegalTransition(IllegalTransitionException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Illegal state transition");
        return problem(problem);
    }

    @ExceptionHandler(ConcurrentChangeException.class)
    ResponseEntity<Object> changedMeanwhile(ConcurrentChangeException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setType(CHANGED_MEANWHILE);
        problem.setTitle("Changed meanwhile");
        return problem(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Not found");
        return problem(problem);
    }

    /**
     * The registration's database is away (connection refused or cut, pool exhausted): nothing was written, and the
     * same request will succeed once it is back — 503 with a hint when to retry, not a 500 that reads as a bug. Only the
     * exception type is logged; its message can carry SQL with values in it.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            RecoverableDataAccessException.class, CannotCreateTransactionException.class,
            TransactionSystemException.class})
    ResponseEntity<Object> databaseUnavailable(Exception ex) {
        log.warn("Request refused, the database is unavailable: {}", ex.getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the node's registration is temporarily unavailable; nothing was changed, try again");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * The processing log could not be written: the processing was refused (fail closed) — nothing was served and
     * nothing changed, and the same request will succeed once the log can be written again.
     */
    @ExceptionHandler(ProcessingLogUnavailableException.class)
    ResponseEntity<Object> processingLogUnavailable(ProcessingLogUnavailableException ex) {
        log.warn("Request refused, its processing record could not be written: {}", ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the node cannot record this processing now, so it does not perform it; nothing was served or changed,"
                        + " try again");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static ResponseEntity<Object> invalid(List<FieldProblem> problems) {
        List<FieldProblem> sorted = problems.stream()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::reason)).toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                sorted.size() == 1 ? "1 field is invalid" : sorted.size() + " fields are invalid");
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", sorted);
        return problem(problem);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String path(DatabindException mapping) {
        StringBuilder path = new StringBuilder();
        for (var reference : mapping.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }
}
