package dev.tideflow.kit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.tideflow.contracts.ContractViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Turns every error a REST call can meet into RFC 9457 problem+json. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response contract(ContractViolationException e) {
        return Problem.invalid("the request does not match the schema", e.violations()).toResponse();
    }

    @ServerExceptionMapper
    public Response constraints(ConstraintViolationException e) {
        List<String> errors = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe)
                .sorted()
                .toList();
        return Problem.invalid("the request is not valid", errors).toResponse();
    }

    /** Quarkus maps this subtype itself (as plain JSON) unless a mapper names it exactly. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String where = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? " at '" + m.getPath().get(m.getPath().size() - 1).getFieldName() + "'"
                : "";
        return Problem.invalid("the request body is not valid JSON for this endpoint" + where,
                List.of(e.getOriginalMessage())).toResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(Response.Status.FORBIDDEN, "your token does not carry a role allowed here").toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.error("request failed", e);
        }
        return Problem.of(status, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error while serving a request", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "unexpected error; see the service log")
                .toResponse();
    }

    private static Response unauthenticated() {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                        "a valid bearer token is required").toResponse())
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    private static String describe(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // Drop the method and parameter prefix ("create.body.minReplicas" -> "minReplicas").
        String[] parts = path.split("\\.");
        String field = parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
        return field + ": " + v.getMessage();
    }
}
