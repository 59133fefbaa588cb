package cn.qeregistry.console.exceptions;

import cn.qeregistry.console.security.CurrentUser;
import cn.qeregistry.console.web.ConsoleApi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/exceptions}: the register with the page's filters, narrowed to the caller's region. */
@RestController
@ConsoleApi
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ExceptionsApi {

    private final ExceptionQueries queries;

    ExceptionsApi(ExceptionQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/exceptions")
    List<ExceptionQueries.Item> list(@RequestParam(required = false) String region,
                                     @RequestParam(required = false) String status,
                                     @RequestParam(required = false) String category,
                                     @RequestParam(required = false) String tier,
                                     @RequestParam(defaultValue = "0") int page) {
        return queries.list(new ExceptionQueries.Filter(CurrentUser.scope().narrow(region), status, category, tier), page);
    }
}
