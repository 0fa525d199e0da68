-- The first migration. With btp.tenancy.data.isolation=schema the starter runs Spring Boot's Flyway
-- migrations (spring.flyway.locations, here the default db/migration) into every subscribed
-- tenant's schema when it subscribes and at start-up, and Spring Boot runs them into the
-- provider's schema. No schema names here: each tenant's connection has its own search_path.
create table notes (
    id bigint generated always as identity primary key,
    text varchar(1000) not null,
    created_at timestamp not null default current_timestamp
);
