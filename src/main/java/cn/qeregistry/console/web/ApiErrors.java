package cn.qeregistry.console.web;

import cn.qeregistry.exceptions.FollowUpRefused;
import cn.qeregistry.runs.JobRunner;
import cn.qeregistry.schedule.Schedules;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/** JSON errors for the API controllers: what was wrong, with the status a script can branch on. */
@RestControllerAdvice(annotations = ConsoleApi.class)
class ApiErrors {

    @ExceptionHandler({JobRunner.NoSuchExecution.class, NotFound.class, Schedules.UnknownSchedule.class})
    ResponseEntity<Map<String, Object>> notFound(RuntimeException e) {
        return body(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<Map<String, Object>> conflict(Refused e) {
        return body(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(OutOfScope.class)
    ResponseEntity<Map<String, Object>> forbidden(OutOfScope e) {
        return body(HttpStatus.FORBIDDEN, e.getMessage());
    }

    /** The exceptions feature's refusal of a status change, by its reason. */
    @ExceptionHandler(FollowUpRefused.class)
    ResponseEntity<Map<String, Object>> followUpRefused(FollowUpRefused e) {
        return body(switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_ALLOWED -> HttpStatus.CONFLICT;
        }, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return body(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("status", status.value(), "error",
                status.name().toLowerCase(), "message", String.valueOf(message)));
    }
}
