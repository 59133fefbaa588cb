package cn.qeregistry.schedule;

import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.AuditLog;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.UsageException;
import cn.qeregistry.runs.JobRunner;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code schedule list | pause JOB | resume JOB | run-now JOB}. The command line runs without a
 * scheduler of its own, so it works on the JDBC job store: pause and resume take effect on every
 * server node; run-now queues a one-off trigger that a running server fires for today's business date.
 */
@Component("schedule")
class ScheduleCommand implements Command {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final Schedules schedules;

    ScheduleCommand(Schedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public int run(Arguments arguments) {
        List<String> words = arguments.positional();
        if (words.isEmpty() || words.get(0).equals("list")) {
            if (words.size() > 1) {
                throw new UsageException("schedule list takes no job name");
            }
            return list();
        }
        if (words.size() != 2) {
            throw new UsageException("schedule " + words.get(0) + " takes exactly one JOB");
        }
        String job = words.get(1);
        try {
            switch (words.get(0)) {
                case "pause" -> {
                    schedules.pause(job, AuditLog.COMMAND_LINE, null);
                    System.out.println("已暂停 paused: " + job);
                }
                case "resume" -> {
                    schedules.resume(job, AuditLog.COMMAND_LINE, null);
                    System.out.println("已恢复 resumed: " + job);
                }
                case "run-now" -> {
                    LocalDate date = schedules.runNow(job, JobRunner.today(), AuditLog.COMMAND_LINE, null);
                    System.out.println("已排队 queued: " + job + " " + date
                            + (schedules.serverRunning() ? " — a running server starts it within seconds"
                            : " — no server is running: it starts when one starts (or use: run " + job + ")"));
                }
                default -> throw new UsageException("unknown action '" + words.get(0) + "' (list, pause, resume, run-now)");
            }
            return OK;
        } catch (Schedules.UnknownSchedule e) {
            System.err.println(e.getMessage());
            return FAILED;
        }
    }

    private int list() {
        List<Schedules.Schedule> all = schedules.list();
        if (all.isEmpty()) {
            System.out.println("没有计划 no schedules (jobs/schedules.yml)");
            return OK;
        }
        System.out.printf("%-14s %-20s %-15s %-27s %s%n", "作业 job", "计划 cron", "时区 zone", "下次触发 next fire", "状态 state");
        for (Schedules.Schedule s : all) {
            System.out.printf("%-14s %-20s %-15s %-27s %s%n", s.job(), s.cron(), s.timeZone(),
                    s.nextFireTime() == null ? "-" : format(s.nextFireTime(), s.timeZone()), label(s));
        }
        return OK;
    }

    private static String format(Instant time, String zone) {
        return TIME.format(time.atZone(ZoneId.of(zone)));
    }

    private static String label(Schedules.Schedule s) {
        if (!s.jobDefined()) {
            return "作业未定义 JOB_UNDEFINED";
        }
        if (!s.enabled()) {
            return "已停用 DISABLED" + (s.state().equals("ABSENT") ? "" : " (" + s.state() + ")");
        }
        return switch (s.state()) {
            case "PAUSED" -> "已暂停 PAUSED";
            case "ABSENT" -> "未加载 NOT_LOADED (loaded when a server starts)";
            case "BLOCKED" -> "运行中 RUNNING";
            case "ERROR" -> "错误 ERROR";
            default -> "已启用 ACTIVE";
        };
    }
}
