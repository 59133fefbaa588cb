-- Run once as a PostgreSQL superuser (psql -v owner_password=… -v reader_password=… -f this file).
-- qe_owner owns the schema (Flyway migrates as this role); qe_reader may only read, for reporting tools.
\set ON_ERROR_STOP on

create role qe_owner login password :'owner_password';
create role qe_reader login password :'reader_password';
create database qe_registry owner qe_owner encoding 'UTF8' template template0;
