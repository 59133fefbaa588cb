package cn.qeregistry.console.runs;

import cn.qeregistry.console.web.ConsoleApi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/runs}: the runs pages' powers for scripts. Launch and restart answer 202 with the new execution. */
@RestController
@ConsoleApi
@RequestMapping("/api/runs")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RunsApi {

    private final RunQueries queries;
    private final RunActions actions;

    RunsApi(RunQueries queries, RunActions actions) {
        this.queries = queries;
        this.actions = actions;
    }

    @GetMapping
    List<RunQueries.Run> list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                              @RequestParam(defaultValue = "0") int page) {
        return queries.list(new RunQueries.Filter(job, status, date), page);
    }

    /** An execution with its steps, what a restart would run again, and the progress of running steps. */
    record Detail(RunQueries.Run run, List<RunQueries.StepRun> steps, List<String> stepsToRunAgain,
                  List<StepProgress> progress) {
    }

    @GetMapping("/{id}")
    Detail detail(@PathVariable long id) {
        RunQueries.Run run = actions.run(id);
        List<RunQueries.StepRun> steps = queries.steps(id);
        LocalDateTime now = LocalDateTime.now();
        List<StepProgress> progress = steps.stream().filter(s -> "STARTED".equals(s.status())).map(s -> {
            String feed = StepProgress.feedOf(s.name());
            return StepProgress.of(s, feed == null ? null : queries.expectedRows(id, feed), now);
        }).toList();
        return new Detail(run, steps, actions.stepsToRunAgain(run), progress);
    }

    record LaunchRequest(String job, LocalDate date, String feed) {
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> launch(@RequestBody LaunchRequest request) {
        long id = actions.launch(request.job() == null ? "nightly" : request.job(), request.date(), request.feed());
        return accepted(id);
    }

    @PostMapping("/{id}/{action:restart|stop|abandon|recover}")
    ResponseEntity<Map<String, Object>> act(@PathVariable long id, @PathVariable String action) {
        return accepted(actions.perform(id, RunActions.Action.valueOf(action.toUpperCase(Locale.ROOT))));
    }

    private static ResponseEntity<Map<String, Object>> accepted(long id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/runs/" + id))
                .body(Map.of("id", id, "href", "/api/runs/" + id));
    }
}
