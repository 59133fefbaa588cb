-- Scheduling: which node lives, which node runs which execution, which (job, business date) is
-- claimed by a scheduled run, and every Quartz fire with what it did.

-- One row per running process (server or command line), refreshed every few seconds; a node whose
-- heartbeat is older than qe.node.timeout is dead and its executions may be recovered.
create table schedule_node (
    node_id      text primary key,
    host         text        not null,
    pid          bigint      not null,
    mode         text        not null,
    started_at   timestamptz not null default now(),
    heartbeat_at timestamptz not null default now()
);

-- The node running each job execution, from its start until its end (then the row is removed).
create table schedule_execution_owner (
    job_execution_id bigint primary key,
    node_id          text        not null,
    since            timestamptz not null default now()
);

-- The run guard: a scheduled fire claims (job, business date) with INSERT … ON CONFLICT before it
-- launches. CLAIMED = running, COMPLETED = done (never claimed again), RELEASED = failed, stopped or
-- refused (a later fire or run-now may claim it again).
create table schedule_run_guard (
    job_name      text        not null,
    business_date date        not null,
    state         text        not null check (state in ('CLAIMED', 'COMPLETED', 'RELEASED')),
    node_id       text        not null,
    claimed_at    timestamptz not null default now(),
    finished_at   timestamptz,
    execution_id  bigint,
    outcome       text,
    primary key (job_name, business_date)
);

-- Every Quartz fire of a schedule or run-now trigger, and what it did (RAN, SKIPPED, ERROR).
create table schedule_fire (
    id                  bigserial primary key,
    job_name            text        not null,
    trigger_name        text        not null,
    scheduled_fire_time timestamptz not null,
    fired_at            timestamptz not null default now(),
    node_id             text        not null,
    business_date       date        not null,
    outcome             text        not null check (outcome in ('RAN', 'SKIPPED', 'ERROR')),
    execution_id        bigint,
    detail              text
);
create index schedule_fire_job_time on schedule_fire (job_name, scheduled_fire_time);
