package cn.qeregistry.runs;

import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.UsageException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code restart}, {@code stop} and {@code abandon} of one execution by id. */
@Configuration(proxyBeanMethods = false)
class ExecutionCommands {

    @Bean
    Command restartCommand(JobRunner runner) {
        return new ById("restart", id -> {
            JobExecution execution = runner.restart(id);
            ExecutionSummary.print(execution, System.out);
            return execution.getStatus() == BatchStatus.COMPLETED ? Command.OK : Command.FAILED;
        });
    }

    @Bean
    Command stopCommand(JobRunner runner) {
        return new ById("stop", id -> {
            runner.stop(id);
            System.out.println("execution " + id + " asked to stop; it stops at its next chunk boundary");
            return Command.OK;
        });
    }

    @Bean
    Command abandonCommand(JobRunner runner) {
        return new ById("abandon", id -> {
            JobExecution execution = runner.abandon(id);
            System.out.println("execution " + id + " is " + execution.getStatus());
            return Command.OK;
        });
    }

    interface ExecutionAction {
        int apply(long executionId) throws Exception;
    }

    record ById(String name, ExecutionAction action) implements Command {
        @Override
        public int run(Arguments arguments) throws Exception {
            if (arguments.positional().size() != 1) {
                throw new UsageException(name + " takes exactly one EXECUTION_ID");
            }
            long id = Arguments.parseLong(arguments.positional().get(0), "EXECUTION_ID");
            try {
                return action.apply(id);
            } catch (JobRunner.NoSuchExecution e) {
                System.err.println(e.getMessage());
                return Command.FAILED;
            }
        }
    }
}
