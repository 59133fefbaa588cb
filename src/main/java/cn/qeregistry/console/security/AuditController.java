package cn.qeregistry.console.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** ADMIN: the audit log, newest first, filterable by actor and action. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AuditController {

    static final int PAGE = 200;

    record Entry(long id, OffsetDateTime at, String actor, String action, String target, String detail, String remoteAddr) {
    }

    private final JdbcClient jdbc;

    AuditController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        StringBuilder sql = new StringBuilder("select id, at, actor, action, target, detail, remote_addr from audit_log where true");
        List<Object> params = new ArrayList<>();
        if (actor != null && !actor.isBlank()) {
            sql.append(" and actor = ?");
            params.add(actor.strip());
        }
        if (action != null && !action.isBlank()) {
            sql.append(" and action = ?");
            params.add(action.strip());
        }
        sql.append(" order by id desc limit ? offset ?");
        params.add(PAGE);
        params.add(Math.max(page, 0) * PAGE);
        model.addAttribute("entries", jdbc.sql(sql.toString()).params(params)
                .query((rs, i) -> new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list());
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("page", page);
        return "audit";
    }
}
