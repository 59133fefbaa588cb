-- Master record: what the master step needs beyond V3 to work incrementally and match names.

-- The deliveries the master step has taken into account, with the status they had then. A delivery
-- that is STAGED and not taken yet, or taken as STAGED and no longer STAGED (superseded), changed
-- the inputs of the firms it carries: only those firms are recomputed.
create table master_delivery_taken (
    delivery_id      bigint      primary key references delivery (id),
    feed             varchar(16) not null,
    status           varchar(16) not null,
    job_execution_id bigint,
    taken_at         timestamptz not null default now()
);

-- The survivorship rules the golden records were last built with; when mappings/survivorship.yml
-- says something else, every firm is recomputed once.
create table master_state (
    id                  smallint    primary key default 1 check (id = 1),
    survivorship_digest text        not null,
    job_execution_id    bigint,
    updated_at          timestamptz not null default now()
);

-- A firm's name as compared across feeds: NFKC (full-width brackets, digits and letters become
-- ASCII, U+3000 a plain space), then every whitespace removed. 有限公司 and 有限责任公司 stay different.
create function master_name_key(name text) returns text
    language sql immutable strict parallel safe
    as $$ select regexp_replace(normalize(name, NFKC), '\s+', '', 'g') $$;

-- Old 9-character organisation codes are positions 9-17 of the credit code.
create index enterprise_org_code on enterprise (substr(uscc, 9, 9));
-- Candidate suggestions for unmatched records look firms up by normalised name.
create index enterprise_name_key on enterprise (master_name_key(name));
create index attribute_history_execution on attribute_history (job_execution_id);
create index master_issue_category on master_issue (category, feed);

-- A delivery's period as a date when it is one (market-2026-11-26), else null (tax period 2025).
create function master_period_date(period text) returns date
    language plpgsql immutable strict parallel safe
    as $$
begin
    if period !~ '^\d{4}-\d{2}-\d{2}$' then
        return null;
    end if;
    return period::date;
exception when others then
    return null;
end $$;

-- The 市州 of a division code: its first 4 digits, or all 6 for directly administered cities (xx90xx).
create function master_prefecture(region text) returns text
    language sql immutable strict parallel safe
    as $$ select case when substr(region, 3, 2) = '90' then region else left(region, 4) || '00' end $$;

-- Whether a record's region (the registry's 市州, or the division inside a credit code, which may be
-- the province when a provincial authority registered the firm) is compatible with a firm's region.
create function master_same_region(record_region text, firm_region text) returns boolean
    language sql immutable parallel safe
    as $$ select record_region is null or firm_region is null
              or (right(record_region, 4) = '0000' and left(record_region, 2) = left(firm_region, 2))
              or master_prefecture(record_region) = master_prefecture(firm_region) $$;

-- Lineage rows are rewritten whenever a newer delivery supplies a value (the whole tax file when a
-- corrected one arrives); free space on each page lets PostgreSQL update them in place (HOT) without
-- touching the primary key index.
alter table attribute_lineage set (fillfactor = 70);
alter table enterprise_year_fact set (fillfactor = 85);
