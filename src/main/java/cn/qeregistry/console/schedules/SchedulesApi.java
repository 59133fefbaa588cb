package cn.qeregistry.console.schedules;

import cn.qeregistry.console.web.ConsoleApi;
import cn.qeregistry.schedule.Schedules;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code /api/schedules}: list (STAFF), pause / resume (ADMIN), run now (OPERATOR; answers 202). */
@RestController
@ConsoleApi
@RequestMapping("/api/schedules")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SchedulesApi {

    private final Schedules schedules;
    private final ScheduleActions actions;

    SchedulesApi(Schedules schedules, ScheduleActions actions) {
        this.schedules = schedules;
        this.actions = actions;
    }

    @GetMapping
    List<Schedules.Schedule> list() {
        return schedules.list();
    }

    @PostMapping("/{job}/pause")
    Map<String, Object> pause(@PathVariable String job) {
        actions.pause(job);
        return Map.of("job", job, "state", "PAUSED");
    }

    @PostMapping("/{job}/resume")
    Map<String, Object> resume(@PathVariable String job) {
        actions.resume(job);
        return Map.of("job", job, "state", "RESUMED");
    }

    record RunNow(LocalDate date) {
    }

    @PostMapping("/{job}/run")
    ResponseEntity<Map<String, Object>> runNow(@PathVariable String job, @RequestBody RunNow request) {
        boolean server = actions.runNow(job, request.date());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("job", job, "date", request.date().toString(), "queued", true, "serverRunning", server));
    }
}
