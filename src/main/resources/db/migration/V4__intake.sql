-- Intake: evidence and bookkeeping beyond V3, and the exchange database's table (前置库) that the
-- finance extract reads (in tests and the demo it lives in this database, schema exchange).

-- Exact repeats of a row inside one delivery are staged once: rows_read = rows_staged + rows_rejected + rows_repeated.
alter table delivery add column rows_repeated bigint not null default 0;

-- A workbook may spread one feed over several sheets (tax: 2025年度, 2025年度(2), …): a source row is
-- identified by sheet and row number.
alter table stg_market drop constraint stg_market_pkey;
alter table stg_tax drop constraint stg_tax_pkey;
alter table stg_science drop constraint stg_science_pkey;
alter table stg_finance drop constraint stg_finance_pkey;
alter table stg_registry drop constraint stg_registry_pkey;
create unique index stg_market_source_row on stg_market (delivery_id, coalesce(sheet, ''), row_no);
create unique index stg_tax_source_row on stg_tax (delivery_id, coalesce(sheet, ''), row_no);
create unique index stg_science_source_row on stg_science (delivery_id, coalesce(sheet, ''), row_no);
create unique index stg_finance_source_row on stg_finance (delivery_id, coalesce(sheet, ''), row_no);
create unique index stg_registry_source_row on stg_registry (delivery_id, coalesce(sheet, ''), row_no);

alter table intake_reject drop constraint intake_reject_delivery_id_row_no_key;
create unique index intake_reject_source_row on intake_reject (delivery_id, coalesce(sheet, ''), row_no);
-- A short code of the first problem (required, credit_code, number, date, enum, range, format,
-- length, duplicate) so a step can say which reasons dominate.
alter table intake_reject add column rule varchar(32);
-- The row's key as staged (e.g. uscc|fiscal_year) when its key fields are valid, so a rejected copy of
-- a key still counts when the delivery's duplicate keys are settled.
alter table intake_reject add column row_key text;
create index intake_reject_delivery on intake_reject (delivery_id, rule);

create schema if not exists exchange;
create table exchange.finance_equity (
    id                   bigserial primary key,
    uscc                 text,
    name                 text,
    fiscal_year          int,
    listing_status       text,
    stock_code           text,
    equity_financing_wan numeric,
    updated_at           timestamptz
);
