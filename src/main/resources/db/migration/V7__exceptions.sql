-- One row per job execution that synced the exception register. It makes a re-sync in the same
-- execution idempotent (consecutive runs counted once) and tells which sync came before, so an
-- item missing from a night starts its consecutive count again.
create table exception_sync (
    execution_id  bigint primary key,
    review_run_id bigint,
    first_synced  timestamptz not null default now(),
    last_synced   timestamptz not null default now(),
    seen          integer     not null default 0,
    opened        integer     not null default 0,
    reopened      integer     not null default 0,
    resolved      integer     not null default 0
);

create index exception_item_last_execution on exception_item (last_execution_id);
create index exception_follow_up_item on exception_follow_up (exception_id, at);
