package cn.qeregistry.console.enterprises;

import cn.qeregistry.console.security.CurrentUser;
import cn.qeregistry.console.web.NotFound;
import cn.qeregistry.console.web.OutOfScope;
import cn.qeregistry.core.CreditCode;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Assembles an enterprise's full record for a page or the API, refusing firms outside the user's region. */
@Component
class EnterpriseRecord {

    record Full(Map<String, Object> enterprise, Map<String, Map<String, Object>> lineage,
                List<Map<String, Object>> history, List<Map<String, Object>> yearFacts, List<Map<String, Object>> tiers,
                List<Map<String, Object>> reviewResults, List<Map<String, Object>> exceptions) {
    }

    private final EnterpriseQueries queries;

    EnterpriseRecord(EnterpriseQueries queries) {
        this.queries = queries;
    }

    Full load(String rawUscc) {
        String uscc = CreditCode.normalise(rawUscc);
        Map<String, Object> enterprise = queries.enterprise(uscc)
                .orElseThrow(() -> new NotFound("no enterprise " + uscc));
        Object region = enterprise.get("region_code");
        if (!CurrentUser.scope().covers(region == null ? null : region.toString().trim())) {
            throw new OutOfScope("enterprise " + uscc + " is outside your region");
        }
        return new Full(enterprise, queries.lineage(uscc), queries.history(uscc), queries.yearFacts(uscc),
                queries.tiers(uscc), queries.reviewResults(uscc), queries.exceptions(uscc));
    }
}
