-- Re-review runs are built, then published: a run being written has completed_at null and is
-- invisible; a live run becomes live (replacing the date's previous live run) only when complete.
alter table review_run add column rules_file text;
alter table review_run add column rules_digest char(64);
alter table review_run add column completed_at timestamptz;

-- At most one live run per review date.
create unique index review_run_one_live_per_date on review_run (review_date) where live;
create index review_run_date on review_run (review_date, live);
