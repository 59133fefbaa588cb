package cn.qeregistry.console.exceptions;

import cn.qeregistry.console.security.CurrentUser;
import cn.qeregistry.console.web.ConsoleApi;
import cn.qeregistry.console.web.NotFound;
import cn.qeregistry.console.web.OutOfScope;
import cn.qeregistry.exceptions.ExceptionItem;
import cn.qeregistry.exceptions.ExceptionRegister;
import cn.qeregistry.exceptions.FollowUpEntry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code /api/exceptions}: the register with the page's filters (narrowed to the caller's region), one
 * item with its follow-up history, and a status change. Refusals: 404 no item, 403 other region,
 * 409 transition not allowed or note missing (see {@code ApiErrors}).
 */
@RestController
@ConsoleApi
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ExceptionsApi {

    private final ExceptionRegister register;
    private final FollowUps followUps;

    ExceptionsApi(ExceptionRegister register, FollowUps followUps) {
        this.register = register;
        this.followUps = followUps;
    }

    @GetMapping("/api/exceptions")
    List<ExceptionItem> list(@RequestParam(required = false) String region,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) String category,
                             @RequestParam(required = false) String tier,
                             @RequestParam(required = false) Long run,
                             @RequestParam(defaultValue = "0") int page) {
        return register.list(RegisterFilter.of(region, status, category, tier, run),
                Math.max(page, 0) * ExceptionsController.PAGE, ExceptionsController.PAGE);
    }

    record Detail(ExceptionItem item, List<FollowUpEntry> history) {
    }

    @GetMapping("/api/exceptions/{id}")
    Detail detail(@PathVariable long id) {
        ExceptionItem item = register.find(id).orElseThrow(() -> new NotFound("no exception " + id));
        if (!CurrentUser.scope().covers(item.regionCode())) {
            throw new OutOfScope("exception " + id + " is outside your region");
        }
        return new Detail(item, register.history(id));
    }

    record StatusChange(String status, String note) {
    }

    @PatchMapping("/api/exceptions/{id}")
    ExceptionItem change(@PathVariable long id, @RequestBody StatusChange change) {
        return followUps.change(id, change.status(), change.note());
    }
}
