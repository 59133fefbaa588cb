package cn.qeregistry.schedule;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * At start-up of a server ({@code qe.mode=serve}; tests switch each part on by property), before
 * Quartz starts firing: first recover executions left running by dead nodes, so a catch-up fire
 * finds its date restartable; then load {@code jobs/schedules.yml} into the job store.
 * Command-line processes do neither: they must not recover a server's work or rewrite its triggers.
 */
@Component
class ScheduleStartUp implements SmartInitializingSingleton {

    private final OrphanRecovery recovery;
    private final Schedules schedules;
    private final boolean recover;
    private final boolean load;

    ScheduleStartUp(OrphanRecovery recovery, Schedules schedules, Environment environment) {
        this.recovery = recovery;
        this.schedules = schedules;
        boolean serve = "serve".equals(environment.getProperty("qe.mode"));
        this.recover = environment.getProperty("qe.schedule.recover-at-start-up", Boolean.class, serve);
        this.load = environment.getProperty("qe.schedule.load-at-start-up", Boolean.class, serve);
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (recover) {
            recovery.recoverOrphans("at start-up", true);
        }
        if (load) {
            schedules.load();
        }
    }
}
