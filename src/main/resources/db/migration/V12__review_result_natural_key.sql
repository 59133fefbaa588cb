-- review_result: the surrogate id goes. Nothing reads it (a result is found by run, firm, tier and
-- rule, which the unique key already guards), and each night's COPY of ~164,000 results at 1M firms
-- paid for it twice: a sequence call per row and a second index to maintain (COPY of one night's
-- results 2.8 s -> 2.3 s on a 1M home). The unique key becomes the primary key.
alter table review_result drop column id;
alter table review_result drop constraint review_result_review_run_id_uscc_tier_rule_id_key;
alter table review_result add constraint review_result_pkey primary key (review_run_id, uscc, tier, rule_id);
