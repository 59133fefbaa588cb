package cn.qeregistry.console.schedules;

import cn.qeregistry.runs.JobRunner;
import cn.qeregistry.schedule.Schedules;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schedules page: every Quartz trigger with its next and previous fire time, and the schedules of
 * {@code jobs/schedules.yml} with pause / resume (ADMIN) and run now for a business date (OPERATOR).
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SchedulesController {

    private final ScheduleQueries queries;
    private final Schedules schedules;
    private final ScheduleActions actions;

    SchedulesController(ScheduleQueries queries, Schedules schedules, ScheduleActions actions) {
        this.queries = queries;
        this.schedules = schedules;
        this.actions = actions;
    }

    @GetMapping("/schedules")
    String schedules(Model model) {
        model.addAttribute("triggers", queries.triggers(JobRunner.ZONE));
        List<Schedules.Schedule> list = schedules.list();
        Map<String, LocalDateTime> nextFires = new HashMap<>();
        list.stream().filter(s -> s.nextFireTime() != null)
                .forEach(s -> nextFires.put(s.job(), LocalDateTime.ofInstant(s.nextFireTime(), JobRunner.ZONE)));
        model.addAttribute("schedules", list);
        model.addAttribute("nextFires", nextFires);
        model.addAttribute("today", JobRunner.today());
        return "schedules";
    }

    @PostMapping("/schedules/{job}/{action:pause|resume}")
    String pauseOrResume(@PathVariable String job, @PathVariable String action, RedirectAttributes redirect) {
        try {
            if (action.equals("pause")) {
                actions.pause(job);
            } else {
                actions.resume(job);
            }
            redirect.addFlashAttribute("messageKey", action.equals("pause") ? "schedule.paused" : "schedule.resumed");
            redirect.addFlashAttribute("messageArg", job);
        } catch (Schedules.UnknownSchedule e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/schedules";
    }

    @PostMapping("/schedules/{job}/run")
    String runNow(@PathVariable String job, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                  RedirectAttributes redirect) {
        try {
            boolean server = actions.runNow(job, date);
            redirect.addFlashAttribute("messageKey", server ? "schedule.queued" : "schedule.noServer");
            redirect.addFlashAttribute("messageArg", job + " " + date);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/schedules";
    }
}
