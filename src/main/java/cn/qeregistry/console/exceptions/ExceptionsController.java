package cn.qeregistry.console.exceptions;

import cn.qeregistry.console.security.CurrentUser;
import cn.qeregistry.console.web.NotFound;
import cn.qeregistry.console.web.OutOfScope;
import cn.qeregistry.core.Tier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Arrays;

/**
 * The exception register: list with filters and one item with its follow-up history. Read-only here;
 * status changes and downloads are added where the exceptions feature's service is wired in
 * (POST /exceptions/{id}/status, GET /exceptions/download), next to these views.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ExceptionsController {

    private final ExceptionQueries queries;

    ExceptionsController(ExceptionQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/exceptions")
    String list(@RequestParam(required = false) String region, @RequestParam(required = false) String status,
                @RequestParam(required = false) String category, @RequestParam(required = false) String tier,
                @RequestParam(defaultValue = "0") int page, Model model) {
        ExceptionQueries.Filter filter = new ExceptionQueries.Filter(CurrentUser.scope().narrow(region), status, category, tier);
        model.addAttribute("items", queries.list(filter, page));
        model.addAttribute("total", queries.count(filter));
        model.addAttribute("region", filter.region().code());
        model.addAttribute("status", status);
        model.addAttribute("category", category);
        model.addAttribute("tier", tier);
        model.addAttribute("page", page);
        model.addAttribute("statuses", ExceptionQueries.STATUSES);
        model.addAttribute("categories", ExceptionQueries.CATEGORIES);
        model.addAttribute("tiers", Arrays.stream(Tier.values()).map(Enum::name).toList());
        return "exceptions/list";
    }

    @GetMapping("/exceptions/{id}")
    String detail(@PathVariable long id, Model model) {
        ExceptionQueries.Item item = queries.find(id).orElseThrow(() -> new NotFound("no exception " + id));
        if (!CurrentUser.scope().covers(item.regionCode())) {
            throw new OutOfScope("exception " + id + " is outside your region");
        }
        model.addAttribute("item", item);
        model.addAttribute("followUps", queries.followUps(id));
        return "exceptions/detail";
    }
}
