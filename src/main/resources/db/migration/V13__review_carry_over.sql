-- Review carries results over: a holder whose inputs (golden record, year facts, holdings, lineage)
-- hash to the same digest as in an earlier run of the same rule file and fiscal year keeps that
-- run's results of the rules that do not read the review date; only the rest is evaluated again.
-- Each run records the digest of every firm it reviewed; carried_from names the run it carried from.
create table review_input_digest (
    review_run_id bigint   not null,
    uscc          char(18) not null,
    digest        bytea    not null,
    primary key (review_run_id, uscc)
);

alter table review_run add column carried_from bigint references review_run (id) on delete set null;

-- review_result (and the digests) hold no foreign key to review_run: it was checked row by row on every
-- insert and cost as much as the insert itself (a night's 133k carried results at 1M firms: 1.41 s with
-- the key, 0.68 s without). Results are written only by the review step, for a run it created before,
-- and a run is deleted only when no partition is writing. What the key's "on delete cascade" did, one
-- trigger per deleting statement does, set-based.
alter table review_result drop constraint review_result_review_run_id_fkey;

create function review_run_deleted() returns trigger language plpgsql as $$
begin
    delete from review_result r using deleted_run d where r.review_run_id = d.id;
    delete from review_input_digest i using deleted_run d where i.review_run_id = d.id;
    return null;
end
$$;

create trigger review_run_cascade after delete on review_run
    referencing old table as deleted_run
    for each statement execute function review_run_deleted();
