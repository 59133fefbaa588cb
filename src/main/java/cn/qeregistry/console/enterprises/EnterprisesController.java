package cn.qeregistry.console.enterprises;

import cn.qeregistry.console.security.CurrentUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Search by credit code or name, and the master record with lineage, history, facts, tiers, results, exceptions. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class EnterprisesController {

    private final EnterpriseQueries queries;
    private final EnterpriseRecord records;

    EnterprisesController(EnterpriseQueries queries, EnterpriseRecord records) {
        this.queries = queries;
        this.records = records;
    }

    @GetMapping("/enterprises")
    String search(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("hits", queries.search(q, CurrentUser.scope()));
        model.addAttribute("limit", EnterpriseQueries.LIMIT);
        return "enterprises/search";
    }

    @GetMapping("/enterprises/{uscc}")
    String detail(@PathVariable String uscc, Model model) {
        model.addAttribute("record", records.load(uscc));
        return "enterprises/detail";
    }
}
