package cn.qeregistry.console.runs;

import cn.qeregistry.console.web.Refused;
import cn.qeregistry.core.Feed;
import cn.qeregistry.runs.JobRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The runs pages: list, execution detail with live progress, confirmations and the actions themselves. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RunsController {

    static final List<String> STATUSES = List.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED",
            "ABANDONED", "UNKNOWN");

    private final RunQueries queries;
    private final RunActions actions;

    RunsController(RunQueries queries, RunActions actions) {
        this.queries = queries;
        this.actions = actions;
    }

    @GetMapping("/runs")
    String list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("runs", queries.list(new RunQueries.Filter(job, status, date), page));
        model.addAttribute("jobs", queries.jobNames());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("job", job);
        model.addAttribute("status", status);
        model.addAttribute("date", date);
        model.addAttribute("page", page);
        return "runs/list";
    }

    @GetMapping("/runs/{id}")
    String detail(@PathVariable long id, Model model) {
        describe(id, model);
        return "runs/detail";
    }

    /** The part of the execution page that htmx refreshes while the run is going. */
    @GetMapping("/runs/{id}/live")
    String live(@PathVariable long id, Model model) {
        describe(id, model);
        return "runs/detail :: live";
    }

    @GetMapping("/runs/{id}/{action:restart|stop|abandon|recover}")
    String confirm(@PathVariable long id, @PathVariable String action, Model model) {
        RunQueries.Run run = actions.run(id);
        RunActions.Action act = RunActions.Action.valueOf(action.toUpperCase(Locale.ROOT));
        model.addAttribute("run", run);
        model.addAttribute("action", action);
        model.addAttribute("allowed", actions.allowed(run, act));
        model.addAttribute("refusal", act == RunActions.Action.RECOVER ? actions.recoverRefusal(run) : null);
        model.addAttribute("again", act == RunActions.Action.RESTART ? actions.stepsToRunAgain(run) : List.of());
        return "runs/confirm";
    }

    @PostMapping("/runs/{id}/{action:restart|stop|abandon|recover}")
    String perform(@PathVariable long id, @PathVariable String action, RedirectAttributes redirect) {
        try {
            long shown = actions.perform(id, RunActions.Action.valueOf(action.toUpperCase(Locale.ROOT)));
            redirect.addFlashAttribute("done", action);
            return "redirect:/runs/" + shown;
        } catch (Refused e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/runs/" + id;
        }
    }

    @GetMapping("/runs/launch")
    String launchForm(Model model) {
        model.addAttribute("jobs", actions.jobNames());
        model.addAttribute("feeds", Arrays.stream(Feed.values()).map(Feed::code).toList());
        model.addAttribute("today", JobRunner.today());
        return "runs/launch";
    }

    @PostMapping("/runs/launch")
    String launch(@RequestParam String job, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                  @RequestParam(required = false) String feed, RedirectAttributes redirect) {
        try {
            return "redirect:/runs/" + actions.launch(job, date, feed);
        } catch (Refused | IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/runs/launch";
        }
    }

    private void describe(long id, Model model) {
        RunQueries.Run run = actions.run(id);
        List<RunQueries.StepRun> steps = queries.steps(id);
        LocalDateTime now = LocalDateTime.now();
        model.addAttribute("run", run);
        model.addAttribute("steps", steps);
        model.addAttribute("progress", steps.stream().filter(s -> "STARTED".equals(s.status()))
                .map(s -> StepProgress.of(s, expected(id, s), now)).toList());
        model.addAttribute("canRestart", actions.allowed(run, RunActions.Action.RESTART));
        model.addAttribute("canStop", actions.allowed(run, RunActions.Action.STOP));
        model.addAttribute("canAbandon", actions.allowed(run, RunActions.Action.ABANDON));
        model.addAttribute("canRecover", actions.allowed(run, RunActions.Action.RECOVER));
    }

    private Long expected(long executionId, RunQueries.StepRun step) {
        String feed = StepProgress.feedOf(step.name());
        return feed == null ? null : queries.expectedRows(executionId, feed);
    }
}
