package cn.qeregistry.console.exceptions;

import cn.qeregistry.console.reports.ReportDownload;
import cn.qeregistry.console.security.CurrentUser;
import cn.qeregistry.console.web.FilterValues;
import cn.qeregistry.console.web.NotFound;
import cn.qeregistry.console.web.OutOfScope;
import cn.qeregistry.core.Tier;
import cn.qeregistry.exceptions.ExceptionCategory;
import cn.qeregistry.exceptions.ExceptionFilter;
import cn.qeregistry.exceptions.ExceptionItem;
import cn.qeregistry.exceptions.ExceptionRegister;
import cn.qeregistry.exceptions.ExceptionStatus;
import cn.qeregistry.exceptions.FollowUpRefused;
import cn.qeregistry.report.Lang;
import cn.qeregistry.report.ReportFormat;
import cn.qeregistry.report.ReportKind;
import cn.qeregistry.report.ReportRequest;
import cn.qeregistry.runs.JobRunner;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The exception register: list with filters, bulk status change of the ticked items, download of the
 * filtered register (every page of it) as xlsx or CSV, and one item with its follow-up history and
 * status form. Status changes go through the exceptions feature's FollowUpService.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ExceptionsController {

    static final int PAGE = 200;

    private final ExceptionRegister register;
    private final FollowUps followUps;
    private final ReportDownload download;

    ExceptionsController(ExceptionRegister register, FollowUps followUps, ReportDownload download) {
        this.register = register;
        this.followUps = followUps;
        this.download = download;
    }

    @GetMapping("/exceptions")
    String list(@RequestParam(required = false) String region, @RequestParam(required = false) String status,
                @RequestParam(required = false) String category, @RequestParam(required = false) String tier,
                @RequestParam(defaultValue = "0") int page, Model model) {
        ExceptionFilter filter = RegisterFilter.of(region, status, category, tier, null);
        int shown = Math.max(page, 0);
        model.addAttribute("items", register.list(filter, shown * PAGE, PAGE));
        model.addAttribute("total", register.count(filter));
        model.addAttribute("region", filter.region());
        model.addAttribute("status", filter.status() == null ? null : filter.status().name());
        model.addAttribute("category", filter.category() == null ? null : filter.category().name());
        model.addAttribute("tier", filter.tier() == null ? null : filter.tier().name());
        model.addAttribute("page", shown);
        model.addAttribute("statuses", Arrays.stream(ExceptionStatus.values()).map(Enum::name).toList());
        model.addAttribute("categories", Arrays.stream(ExceptionCategory.values()).map(Enum::name).toList());
        model.addAttribute("tiers", Arrays.stream(Tier.values()).map(Enum::name).toList());
        return "exceptions/list";
    }

    /** The filtered register as on screen (same filters, the user's region), all pages, in the page's language. */
    @GetMapping("/exceptions/download")
    void download(@RequestParam(defaultValue = "xlsx") String format, @RequestParam(required = false) String region,
                  @RequestParam(required = false) String status, @RequestParam(required = false) String category,
                  @RequestParam(required = false) String tier, Locale locale, HttpServletResponse response) throws IOException {
        ExceptionFilter filter = RegisterFilter.of(region, status, category, tier, null);
        Lang lang = "en".equals(locale.getLanguage()) ? Lang.EN : Lang.ZH;
        download.send(new ReportRequest(ReportKind.EXCEPTIONS, FilterValues.code(ReportFormat.class, "format", format), lang, filter.region(),
                filter.tier(), filter.status(), filter.category(), null, JobRunner.today()), response);
    }

    /** Moves the ticked items to one status with one note; back to the same filtered page with what happened. */
    @PostMapping("/exceptions/status")
    String changeSelected(@RequestParam(name = "ids", required = false) List<Long> ids, @RequestParam String status,
                          @RequestParam(required = false) String note, @RequestParam(required = false) String region,
                          @RequestParam(required = false) String filterStatus, @RequestParam(required = false) String category,
                          @RequestParam(required = false) String tier, RedirectAttributes redirect) {
        if (ids == null || ids.isEmpty()) {
            redirect.addFlashAttribute("errorKey", "exception.error.noneSelected");
        } else {
            FollowUps.Outcome outcome = followUps.changeAll(ids, status, note);
            redirect.addFlashAttribute("messageKey", "exception.changed");
            redirect.addFlashAttribute("messageArg", outcome.changed());
            if (!outcome.refusals().isEmpty()) {
                redirect.addFlashAttribute("error", String.join("; ", outcome.refusals()));
            }
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/exceptions").queryParamIfPresent("region", present(region))
                .queryParamIfPresent("status", present(filterStatus)).queryParamIfPresent("category", present(category))
                .queryParamIfPresent("tier", present(tier)).build().encode().toUriString();
    }

    @GetMapping("/exceptions/{id}")
    String detail(@PathVariable long id, Model model) {
        ExceptionItem item = visible(id);
        model.addAttribute("item", item);
        model.addAttribute("followUps", register.history(id));
        model.addAttribute("next", item.status().allowedNext().stream().map(Enum::name).sorted().toList());
        return "exceptions/detail";
    }

    @PostMapping("/exceptions/{id}/status")
    String change(@PathVariable long id, @RequestParam String status, @RequestParam(required = false) String note,
                  RedirectAttributes redirect) {
        try {
            followUps.change(id, status, note);
            redirect.addFlashAttribute("messageKey", "exception.changed");
            redirect.addFlashAttribute("messageArg", 1);
        } catch (FollowUpRefused e) {
            switch (e.reason()) {
                case NOT_FOUND -> throw new NotFound(e.getMessage());
                case FORBIDDEN -> throw new OutOfScope(e.getMessage());
                case NOT_ALLOWED -> redirect.addFlashAttribute("error", e.getMessage());
            }
        }
        return "redirect:/exceptions/" + id;
    }

    /** The item if the user's region covers it (404 / 403 otherwise). */
    private ExceptionItem visible(long id) {
        ExceptionItem item = register.find(id).orElseThrow(() -> new NotFound("no exception " + id));
        if (!CurrentUser.scope().covers(item.regionCode())) {
            throw new OutOfScope("exception " + id + " is outside your region");
        }
        return item;
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
