package cn.qeregistry.console.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ADMIN: list users, create one with roles and an optional region, reset a password, disable or enable. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UsersController {

    private final AppUsers users;
    private final Auditor auditor;

    UsersController(AppUsers users, Auditor auditor) {
        this.users = users;
        this.auditor = auditor;
    }

    @GetMapping("/users")
    String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", List.of("ADMIN", "OPERATOR", "STAFF"));
        model.addAttribute("minLength", AppUsers.MIN_PASSWORD_LENGTH);
        return "users";
    }

    @PostMapping("/users")
    String create(@RequestParam String username, @RequestParam(required = false) String displayName,
                  @RequestParam String password, @RequestParam(required = false) List<String> roles,
                  @RequestParam(required = false) String region, RedirectAttributes redirect) {
        Set<String> chosen = roles == null ? Set.of() : new HashSet<>(roles);
        try {
            if (users.create(username, displayName, password, chosen, region)) {
                auditor.record("USER_CREATED", username, "roles=" + String.join(",", chosen)
                        + (region == null || region.isBlank() ? "" : " region=" + region));
                redirect.addFlashAttribute("messageKey", "user.created");
            } else {
                redirect.addFlashAttribute("errorKey", "user.error.exists");
            }
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("errorKey", e.getMessage());
        }
        return "redirect:/users";
    }

    @PostMapping("/users/{username}/password")
    String resetPassword(@PathVariable String username, @RequestParam String password, RedirectAttributes redirect) {
        try {
            if (users.resetPassword(username, password)) {
                auditor.record("USER_PASSWORD_RESET", username, null);
                redirect.addFlashAttribute("messageKey", "user.passwordReset");
            }
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("errorKey", e.getMessage());
        }
        return "redirect:/users";
    }

    @PostMapping("/users/{username}/enabled")
    String setEnabled(@PathVariable String username, @RequestParam boolean enabled, RedirectAttributes redirect) {
        if (!enabled && username.equals(CurrentUser.name())) {
            redirect.addFlashAttribute("errorKey", "user.error.self");
            return "redirect:/users";
        }
        if (users.setEnabled(username, enabled)) {
            auditor.record(enabled ? "USER_ENABLED" : "USER_DISABLED", username, null);
            redirect.addFlashAttribute("messageKey", enabled ? "user.enabled" : "user.disabled");
        }
        return "redirect:/users";
    }
}
