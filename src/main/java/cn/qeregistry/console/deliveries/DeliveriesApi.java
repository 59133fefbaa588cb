package cn.qeregistry.console.deliveries;

import cn.qeregistry.console.web.ConsoleApi;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/deliveries}: what arrived per feed (metadata only: no firm's data, so not region-filtered). */
@RestController
@ConsoleApi
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DeliveriesApi {

    private final DeliveryQueries queries;

    DeliveriesApi(DeliveryQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/deliveries")
    List<DeliveryQueries.Delivery> list(@RequestParam(required = false) String feed,
                                        @RequestParam(required = false) String status,
                                        @RequestParam(defaultValue = "0") int page) {
        return queries.list(feed, status, page);
    }
}
