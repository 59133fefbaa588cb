-- Review carries results over: a holder whose inputs (golden record, year facts, holdings, lineage)
-- hash to the same digest as in an earlier run of the same rule file and fiscal year keeps that
-- run's results of the rules that do not read the review date; only the rest is evaluated again.
-- Each run records the digest of every firm it reviewed; carried_from names the run it carried from.
create table review_input_digest (
    review_run_id bigint   not null references review_run (id) on delete cascade,
    uscc          char(18) not null,
    digest        bytea    not null,
    primary key (review_run_id, uscc)
);

alter table review_run add column carried_from bigint references review_run (id) on delete set null;
