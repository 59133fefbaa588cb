-- Run connected to qe_registry as qe_owner, after the first start of QE Registry has migrated the
-- schema: lets qe_reader read every current and future table, and nothing else.
\set ON_ERROR_STOP on

grant connect on database qe_registry to qe_reader;
grant usage on schema public to qe_reader;
grant select on all tables in schema public to qe_reader;
alter default privileges for role qe_owner in schema public grant select on tables to qe_reader;
revoke create on schema public from public;
