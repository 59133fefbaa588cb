package cn.qeregistry.console.enterprises;

import cn.qeregistry.console.web.ConsoleApi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/enterprises/{uscc}}: the master record and all attached to it, region-scoped. */
@RestController
@ConsoleApi
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class EnterprisesApi {

    private final EnterpriseRecord records;

    EnterprisesApi(EnterpriseRecord records) {
        this.records = records;
    }

    @GetMapping("/api/enterprises/{uscc}")
    EnterpriseRecord.Full get(@PathVariable String uscc) {
        return records.load(uscc);
    }
}
