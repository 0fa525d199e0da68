-- The first migration of each tenant's schema. With the starter's data support
-- (btp.tenancy.data.isolation=schema, a database binding and Flyway), a subscription creates the
-- tenant's schema and runs the migrations of this folder in it; see the sample's README.
create table notes (
    id bigint generated always as identity primary key,
    text varchar(1000) not null,
    created_at timestamp not null default current_timestamp
);
