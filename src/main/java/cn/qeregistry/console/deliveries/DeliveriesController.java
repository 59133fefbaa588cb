package cn.qeregistry.console.deliveries;

import cn.qeregistry.console.security.Auditor;
import cn.qeregistry.console.security.CurrentUser;
import cn.qeregistry.console.web.NotFound;
import cn.qeregistry.console.web.OutOfScope;
import cn.qeregistry.core.Feed;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Deliveries per feed, the rows each held back, and uploading a file into a feed's inbox. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DeliveriesController {

    static final List<String> STATUSES = List.of("RECEIVED", "STAGING", "STAGED", "FAILED", "DUPLICATE", "SUPERSEDED");

    private final DeliveryQueries queries;
    private final InboxUpload upload;
    private final Auditor auditor;

    DeliveriesController(DeliveryQueries queries, InboxUpload upload, Auditor auditor) {
        this.queries = queries;
        this.upload = upload;
        this.auditor = auditor;
    }

    @GetMapping("/deliveries")
    String list(@RequestParam(required = false) String feed, @RequestParam(required = false) String status,
                @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("deliveries", queries.list(feed, status, page));
        model.addAttribute("feeds", feeds());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("feed", feed);
        model.addAttribute("status", status);
        model.addAttribute("page", page);
        return "deliveries/list";
    }

    /** A delivery and its rejected rows, raw cells included. Rows name firms of every region: not for region-limited users. */
    @GetMapping("/deliveries/{id}")
    String detail(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        if (!CurrentUser.scope().unlimited()) {
            throw new OutOfScope("rejected rows span every region");
        }
        model.addAttribute("delivery", queries.find(id).orElseThrow(() -> new NotFound("no delivery " + id)));
        model.addAttribute("rejects", queries.rejects(id, page));
        model.addAttribute("page", page);
        return "deliveries/detail";
    }

    @GetMapping("/deliveries/upload")
    String uploadForm(Model model) {
        model.addAttribute("feeds", feeds());
        model.addAttribute("maxMb", upload.maxSize().toMegabytes());
        return "deliveries/upload";
    }

    @PostMapping("/deliveries/upload")
    String upload(@RequestParam String feed, @RequestParam("file") MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            Path stored = upload.store(feed, file.getOriginalFilename(), in);
            auditor.record("DELIVERY_UPLOAD", feed + "/" + stored.getFileName(), file.getSize() + " bytes");
            redirect.addFlashAttribute("uploaded", stored.getFileName().toString());
        } catch (InboxUpload.Rejected e) {
            auditor.record("DELIVERY_UPLOAD_REFUSED", feed + "/" + file.getOriginalFilename(), e.key() + ": " + e.getMessage());
            redirect.addFlashAttribute("errorKey", e.key());
            redirect.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/deliveries/upload";
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(RedirectAttributes redirect) {
        redirect.addFlashAttribute("errorKey", "upload.error.size");
        redirect.addFlashAttribute("errorDetail", upload.maxSize().toMegabytes() + " MB");
        return "redirect:/deliveries/upload";
    }

    private static List<String> feeds() {
        return Arrays.stream(Feed.values()).map(Feed::code).toList();
    }
}
