package cn.qeregistry.console.dashboard;

import cn.qeregistry.console.runs.RunQueries;
import cn.qeregistry.console.security.CurrentUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.List;

/** The dashboard page and the trend data its chart script fetches (the CSP allows no inline script). */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardController {

    private final DashboardQueries queries;
    private final RunQueries runs;

    DashboardController(DashboardQueries queries, RunQueries runs) {
        this.queries = queries;
        this.runs = runs;
    }

    @GetMapping("/dashboard")
    String dashboard(Model model) {
        queries.lastNightly().flatMap(runs::run).ifPresent(run -> {
            model.addAttribute("nightly", run);
            model.addAttribute("steps", runs.steps(run.id()));
        });
        model.addAttribute("byCategory", queries.openByCategory(CurrentUser.scope()));
        model.addAttribute("byRegion", queries.openByRegion(CurrentUser.scope()));
        return "dashboard";
    }

    @GetMapping("/dashboard/trend")
    @ResponseBody
    List<DashboardQueries.Night> trend() {
        return queries.trend(CurrentUser.scope());
    }
}
