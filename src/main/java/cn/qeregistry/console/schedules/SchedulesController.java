package cn.qeregistry.console.schedules;

import cn.qeregistry.runs.JobRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The schedules page: triggers with their next and previous fire times. Read-only here; pause, resume
 * and run-now (ADMIN) are added where the schedule feature's service is wired in
 * (POST /schedules/{group}/{name}/pause|resume|run).
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SchedulesController {

    private final ScheduleQueries queries;

    SchedulesController(ScheduleQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/schedules")
    String schedules(Model model) {
        model.addAttribute("triggers", queries.triggers(JobRunner.ZONE));
        return "schedules";
    }
}
