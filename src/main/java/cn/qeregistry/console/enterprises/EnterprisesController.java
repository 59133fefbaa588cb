package cn.qeregistry.console.enterprises;

import cn.qeregistry.console.security.CurrentUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** Search by credit code or name, and the master record with lineage, history, facts, tiers, results, exceptions. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class EnterprisesController {

    /** The per-year facts shown, in order. */
    public static final List<String> FACT_COLUMNS = List.of("fiscal_year", "revenue", "main_business_revenue",
            "rd_expense", "total_assets", "total_liabilities", "tax_paid", "tax_credit_grade", "equity_financing",
            "listing_status");

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
        model.addAttribute("factColumns", FACT_COLUMNS);
        return "enterprises/detail";
    }
}
