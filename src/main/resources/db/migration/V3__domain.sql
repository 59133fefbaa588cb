-- QE Registry domain schema. Money is in 元 (numeric, two decimals), ratios are decimals,
-- credit codes are stored normalised (upper-case ASCII). Later features migrate this further.

-- A delivery is one file (or one JDBC extract) taken from a department for one feed.
create table delivery (
    id               bigserial primary key,
    feed             varchar(16)  not null check (feed in ('market', 'tax', 'science', 'finance', 'registry')),
    file_name        text         not null,
    source_kind      varchar(8)   not null default 'FILE' check (source_kind in ('FILE', 'JDBC')),
    sha256           char(64)     not null,
    size_bytes       bigint       not null,
    period           varchar(16),
    received_at      timestamptz  not null default now(),
    archived_path    text,
    status           varchar(16)  not null check (status in ('RECEIVED', 'STAGING', 'STAGED', 'FAILED', 'DUPLICATE', 'SUPERSEDED')),
    duplicate_of     bigint references delivery (id),
    superseded_by    bigint references delivery (id),
    rows_read        bigint       not null default 0,
    rows_staged      bigint       not null default 0,
    rows_rejected    bigint       not null default 0,
    job_execution_id bigint,
    message          text
);
-- A checksum is taken once per feed; repeats are recorded as DUPLICATE rows pointing at the original.
create unique index delivery_taken_once on delivery (feed, sha256) where status <> 'DUPLICATE';
create index delivery_feed_period on delivery (feed, period);

-- Staged rows: typed, normalised, one table per feed, keyed by delivery and source row.
create table stg_market (
    delivery_id            bigint  not null references delivery (id),
    row_no                 integer not null,
    sheet                  text,
    uscc                   varchar(18) not null,
    name                   text    not null,
    legal_rep              text,
    enterprise_type        text,
    registration_status    text,
    established_on         date,
    registered_capital     numeric(20, 2),
    industry_code          varchar(8),
    registration_authority text,
    address                text,
    region_code            char(6),
    abnormal_operations    boolean,
    serious_dishonest      boolean,
    primary key (delivery_id, row_no)
);
create index stg_market_uscc on stg_market (uscc);

create table stg_tax (
    delivery_id           bigint  not null references delivery (id),
    row_no                integer not null,
    sheet                 text,
    uscc                  varchar(18) not null,
    name                  text,
    fiscal_year           integer not null,
    revenue               numeric(20, 2),
    main_business_revenue numeric(20, 2),
    rd_expense            numeric(20, 2),
    total_assets          numeric(20, 2),
    total_liabilities     numeric(20, 2),
    tax_paid              numeric(20, 2),
    tax_credit_grade      varchar(2),
    primary key (delivery_id, row_no)
);
create index stg_tax_uscc on stg_tax (uscc, fiscal_year);

create table stg_science (
    delivery_id          bigint  not null references delivery (id),
    row_no               integer not null,
    sheet                text,
    uscc                 varchar(18) not null,
    name                 text,
    hnte_cert_no         text,
    hnte_issued_on       date,
    hnte_valid_until     date,
    tech_sme_no          text,
    class1_ip            integer,
    invention_patents    integer,
    rd_staff             integer,
    total_staff          integer,
    provincial_rd_centre boolean,
    primary key (delivery_id, row_no)
);
create index stg_science_uscc on stg_science (uscc);

create table stg_finance (
    delivery_id      bigint  not null references delivery (id),
    row_no           integer not null,
    sheet            text,
    uscc             varchar(18) not null,
    name             text,
    fiscal_year      integer not null,
    listing_status   text,
    stock_code       text,
    equity_financing numeric(20, 2),
    primary key (delivery_id, row_no)
);
create index stg_finance_uscc on stg_finance (uscc, fiscal_year);

create table stg_registry (
    delivery_id     bigint  not null references delivery (id),
    row_no          integer not null,
    sheet           text,
    uscc            varchar(18) not null,
    name            text,
    tier            varchar(24) not null check (tier in ('INNOVATIVE_SME', 'SRDI_SME', 'LITTLE_GIANT', 'SINGLE_CHAMPION', 'CHAIN_LEADER')),
    level           varchar(16) check (level in ('NATIONAL', 'PROVINCIAL')),
    recognised_year integer,
    batch           text,
    valid_until     date,
    region_code     char(6),
    main_product    text,
    primary key (delivery_id, row_no)
);
create index stg_registry_uscc on stg_registry (uscc);

-- A rejected row is kept whole (raw cells as text, keyed by header) with the first problem found
-- in column/value/reason and every problem in problems. DUPLICATE: same key twice in one delivery
-- with different values; both copies are held back, neither is chosen silently.
create table intake_reject (
    id          bigserial primary key,
    delivery_id bigint  not null references delivery (id),
    feed        varchar(16) not null,
    category    varchar(16) not null default 'INTAKE_REJECT' check (category in ('INTAKE_REJECT', 'DUPLICATE')),
    uscc        varchar(64),
    sheet       text,
    row_no      integer not null,
    column_name text,
    value       text,
    reason      text    not null,
    problems    jsonb   not null default '[]',
    raw_cells   jsonb   not null,
    unique (delivery_id, row_no)
);

-- Watermarks of JDBC extracts, so each night takes only new rows.
create table extract_watermark (
    feed       varchar(16) not null,
    source     text        not null,
    last_value text,
    updated_at timestamptz not null default now(),
    primary key (feed, source)
);

-- The master record: one golden row per registered enterprise.
create table enterprise (
    uscc                 char(18) primary key,
    name                 text not null,
    legal_rep            text,
    enterprise_type      text,
    registration_status  text,
    established_on       date,
    registered_capital   numeric(20, 2),
    industry_code        varchar(8),
    region_code          char(6),
    address              text,
    abnormal_operations  boolean,
    serious_dishonest    boolean,
    tax_credit_grade     varchar(2),
    hnte_cert_no         text,
    hnte_valid_until     date,
    class1_ip            integer,
    invention_patents    integer,
    rd_staff             integer,
    total_staff          integer,
    provincial_rd_centre boolean,
    listing_status       text,
    stock_code           text,
    inputs_digest        text,
    created_execution_id bigint,
    updated_execution_id bigint,
    updated_at           timestamptz not null default now()
);
create index enterprise_region on enterprise (region_code);
create index enterprise_name on enterprise (name);

-- Per fiscal year facts of an enterprise.
create table enterprise_year_fact (
    uscc                  char(18) not null references enterprise (uscc),
    fiscal_year           integer  not null,
    revenue               numeric(20, 2),
    main_business_revenue numeric(20, 2),
    rd_expense            numeric(20, 2),
    total_assets          numeric(20, 2),
    total_liabilities     numeric(20, 2),
    tax_paid              numeric(20, 2),
    tax_credit_grade      varchar(2),
    equity_financing      numeric(20, 2),
    listing_status        text,
    primary key (uscc, fiscal_year)
);

-- Where each attribute of the golden record came from (fiscal_year 0 = not a per-year fact).
create table attribute_lineage (
    uscc        char(18)    not null,
    attribute   varchar(48) not null,
    fiscal_year integer     not null default 0,
    feed        varchar(16) not null,
    delivery_id bigint      not null references delivery (id),
    sheet       text,
    row_no      integer,
    as_of       date,
    primary key (uscc, attribute, fiscal_year)
);

-- What changed in the golden record, run by run.
create table attribute_history (
    id               bigserial primary key,
    uscc             char(18)    not null,
    attribute        varchar(48) not null,
    fiscal_year      integer     not null default 0,
    old_value        text,
    new_value        text,
    job_execution_id bigint,
    changed_at       timestamptz not null default now()
);
create index attribute_history_uscc on attribute_history (uscc, changed_at);

-- Problems the master step finds: records of unregistered firms (UNMATCHED, with a candidate
-- when name and region match a registered firm) and disagreements between feeds (CONFLICT).
-- Rewritten for each firm the master step touches.
create table master_issue (
    id               bigserial primary key,
    category         varchar(16) not null check (category in ('UNMATCHED', 'CONFLICT')),
    uscc             varchar(64) not null,
    name             text,
    region_code      char(6),
    feed             varchar(16) not null,
    field            text,
    period           text,
    observed         text,
    expected         text,
    detail           text,
    candidate_uscc   char(18),
    sources          jsonb       not null default '[]',
    job_execution_id bigint
);
create index master_issue_uscc on master_issue (uscc);

-- Tier holdings from the programme office's registry.
create table tier_holding (
    uscc            char(18)    not null,
    tier            varchar(24) not null,
    level           varchar(16),
    recognised_year integer,
    batch           text,
    valid_until     date,
    region_code     char(6),
    main_product    text,
    delivery_id     bigint references delivery (id),
    row_no          integer,
    primary key (uscc, tier)
);

-- Re-review: one evaluation of a rule set at a review date; live or a what-if draft.
create table review_run (
    id               bigserial primary key,
    job_execution_id bigint,
    review_date      date        not null,
    rule_set         text        not null,
    rule_set_version text        not null,
    live             boolean     not null,
    created_at       timestamptz not null default now()
);

create table review_result (
    id            bigserial primary key,
    review_run_id bigint      not null references review_run (id) on delete cascade,
    uscc          char(18)    not null,
    tier          varchar(24) not null,
    level         varchar(16),
    rule_id       varchar(64) not null,
    outcome       varchar(8)  not null check (outcome in ('PASS', 'WARN', 'FAIL', 'DATA_GAP')),
    observed      text,
    threshold     text,
    period        text,
    detail        text,
    lineage       jsonb       not null default '[]',
    unique (review_run_id, uscc, tier, rule_id)
);

-- The exception register: one item per problem, stable across nights by identity_key
-- (category + credit code + feed or rule + field + period).
create table exception_item (
    id                  bigserial primary key,
    identity_key        text        not null unique,
    category            varchar(16) not null check (category in ('INTAKE_REJECT', 'DUPLICATE', 'UNMATCHED', 'CONFLICT', 'REVIEW_FAIL', 'REVIEW_WARN', 'DATA_GAP')),
    severity            varchar(8)  not null check (severity in ('ERROR', 'WARN', 'INFO')),
    uscc                varchar(64),
    name                text,
    region_code         char(6),
    feed                varchar(16),
    rule_id             varchar(64),
    field               text,
    period              text,
    observed            text,
    expected            text,
    detail              text,
    evidence_digest     text,
    first_seen          timestamptz not null,
    last_seen           timestamptz not null,
    first_execution_id  bigint,
    last_execution_id   bigint,
    consecutive_runs    integer     not null default 1,
    status              varchar(16) not null default 'OPEN' check (status in ('OPEN', 'IN_FOLLOW_UP', 'RESOLVED', 'WAIVED')),
    status_changed_at   timestamptz,
    status_changed_by   text,
    note                text
);
create index exception_item_filter on exception_item (status, category, region_code);

create table exception_follow_up (
    id           bigserial primary key,
    exception_id bigint      not null references exception_item (id),
    from_status  varchar(16),
    to_status    varchar(16) not null,
    actor        text        not null,
    at           timestamptz not null default now(),
    note         text
);

-- Users and roles of the console; STAFF may be limited to one region.
create table app_user (
    id            bigserial primary key,
    username      varchar(64) not null unique,
    password_hash text        not null,
    display_name  text,
    region_code   char(6),
    enabled       boolean     not null default true,
    failed_logins integer     not null default 0,
    locked_until  timestamptz,
    created_at    timestamptz not null default now()
);

create table app_user_role (
    user_id bigint      not null references app_user (id) on delete cascade,
    role    varchar(16) not null check (role in ('ADMIN', 'OPERATOR', 'STAFF')),
    primary key (user_id, role)
);

-- Every operator action: who, what, when, from where.
create table audit_log (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    actor       text        not null,
    action      varchar(64) not null,
    target      text,
    detail      text,
    remote_addr text
);
create index audit_log_at on audit_log (at);
