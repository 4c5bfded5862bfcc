package dev.tideflow.kit.rest;

import jakarta.ws.rs.core.Response;

import java.util.List;

/** Thrown by services to answer with a specific problem (404 for an unknown id, 409, 412, …). */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(Response.Status.CONFLICT, detail));
    }

    public static ProblemException invalid(String detail, List<String> errors) {
        return new ProblemException(Problem.invalid(detail, errors));
    }

    public Problem problem() {
        return problem;
    }
}
