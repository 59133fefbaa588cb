package cn.qeregistry.schedule;

import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.AuditLog;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.UsageException;
import cn.qeregistry.runs.JobRunner;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * {@code recover EXECUTION_ID | recover --all-orphans}: marks a run left STARTED by a dead process
 * FAILED through {@code JobOperator.recover}, so that {@code restart} can resume it. Refused (exit 1)
 * while the execution's node is alive, by the rule of {@link OrphanRecovery}: recovering a live run
 * would let a second process run the same night beside it. Lives with the schedule feature because
 * the node heartbeats and execution owners are the schedule's.
 */
@Component("recover")
class RecoverCommand implements Command {

    private final OrphanRecovery recovery;
    private final AuditLog audit;

    RecoverCommand(OrphanRecovery recovery, AuditLog audit) {
        this.recovery = recovery;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "recover";
    }

    @Override
    public int run(Arguments arguments) {
        if (arguments.has("all-orphans")) {
            if (!arguments.positional().isEmpty()) {
                throw new UsageException("give either EXECUTION_ID or --all-orphans, not both");
            }
            List<OrphanRecovery.Recovered> recovered = recovery.recoverOrphans("by the recover command", false);
            if (recovered.isEmpty()) {
                System.out.println("no execution is left running by a dead node");
            }
            recovered.forEach(this::report);
            return OK;
        }
        if (arguments.positional().size() != 1) {
            throw new UsageException("recover takes exactly one EXECUTION_ID (or --all-orphans)");
        }
        long id = Arguments.parseLong(arguments.positional().get(0), "EXECUTION_ID");
        try {
            Optional<String> refusal = recovery.refusal(id);
            if (refusal.isPresent()) {
                System.err.println("recover refused: " + refusal.get());
                return FAILED;
            }
            report(recovery.recoverOne(id, "by the recover command"));
            return OK;
        } catch (JobRunner.NoSuchExecution e) {
            System.err.println(e.getMessage());
            return FAILED;
        }
    }

    private void report(OrphanRecovery.Recovered run) {
        audit.record(AuditLog.COMMAND_LINE, "run.recover", "execution " + run.executionId(),
                run.job() + " " + run.date() + " left running by dead node " + run.deadNode() + ", marked FAILED", null);
        System.out.println("已恢复 recovered: execution " + run.executionId() + " (" + run.job() + " " + run.date()
                + ") was left running by " + run.deadNode() + ", which is dead; it is now FAILED. Resume it with: restart "
                + run.executionId());
    }
}
