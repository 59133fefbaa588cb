/**
 * Scheduling: the nightly (and any job) on clustered Quartz over PostgreSQL, never twice, never silently missed.
 *
 * <ul>
 *   <li><b>schedules.yml</b> ({@code jobs/schedules.yml}): {@code schedules:} list of {@code job}, {@code cron}
 *       (Quartz, with seconds), optional {@code time-zone} (default Asia/Shanghai) and {@code enabled}
 *       (default true). Loaded into the JDBC job store when a server starts: new entries scheduled,
 *       changed ones replaced (an operator's pause kept), unchanged ones untouched (a missed night stays
 *       due), removed or disabled ones unscheduled. A bad file, or an entry naming no job file, refuses
 *       start-up with the file and key; a job whose file has no steps yet is skipped with a warning.</li>
 *   <li><b>Business date</b>: the date, in the schedule's zone, of the latest cron time at or before the
 *       fire; misfires use "fire once now", so nights missed while every node was down run once, for the
 *       last missed night. Run-now triggers carry their date.</li>
 *   <li><b>Run guard</b> ({@code schedule_run_guard}, key job + business date): claimed by INSERT … ON
 *       CONFLICT before launching; CLAIMED while running, COMPLETED when done (never again), RELEASED
 *       when failed, stopped or refused (claimable again). Every fire is logged in {@code schedule_fire}.</li>
 *   <li><b>Recovery</b> (server start-up, before Quartz fires, and every {@code qe.schedule.orphan-check}
 *       (PT30S) on a running server): executions STARTING/STARTED/STOPPING whose
 *       owner node ({@code schedule_execution_owner}) has not beaten in {@code schedule_node} within
 *       {@code qe.node.timeout} (default PT2M; heartbeat {@code qe.node.heartbeat}, PT15S) — or that have no
 *       owner and no update within that timeout — are marked FAILED by {@code JobOperator.recover};
 *       their guard claims are released; a recovered night of a scheduled job is queued to resume
 *       ({@code qe.schedule.resume-recovered}, at most {@code qe.schedule.resume-limit} executions per night).
 *       Switches: {@code qe.schedule.recover-at-start-up}, {@code qe.schedule.watch-orphans} (default: serve mode).
 *       The command line: {@code recover EXECUTION_ID | --all-orphans}, refused while the owner beats.</li>
 *   <li><b>Alerts</b>: ERROR log with marker {@code QE_ALERT}, text {@code QE_ALERT <job> FAILED|LONG_RUNNING|LAUNCH_FAILED
 *       date=… execution=…}; metrics {@code qe.job.failures{job}}, {@code qe.job.alerts{job,kind}},
 *       timer {@code qe.job.duration{job,status}}, gauge {@code qe.job.running{job}};
 *       threshold {@code qe.alert.long-running} (default PT4H).</li>
 * </ul>
 */
package cn.qeregistry.schedule;
