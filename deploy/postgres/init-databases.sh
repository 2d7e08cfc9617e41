#!/bin/sh
# Runs once, from /docker-entrypoint-initdb.d, when the postgres:16 data volume is first initialised.
# Creates the roles and databases the stack needs:
#   - role $TEMPORAL_DB_USER owning `temporal` and `temporal_visibility` (Temporal persistence + SQL visibility)
#   - role $SETTLE_DB_USER owning `settle` (the application database; scripts/migrate.ts creates its tables)
# Every statement is guarded, so running it again against an initialised cluster changes nothing.
set -eu

: "${TEMPORAL_DB_USER:?TEMPORAL_DB_USER must be set}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"
: "${SETTLE_DB_USER:?SETTLE_DB_USER must be set}"
: "${SETTLE_DB_PASSWORD:?SETTLE_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_user="$TEMPORAL_DB_USER" -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v settle_user="$SETTLE_DB_USER" -v settle_password="$SETTLE_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'temporal_user', :'temporal_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'temporal_user') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'settle_user', :'settle_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'settle_user') \gexec

SELECT format('CREATE DATABASE %I OWNER %I', 'temporal', :'temporal_user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'temporal') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'temporal_visibility', :'temporal_user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'temporal_visibility') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'settle', :'settle_user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'settle') \gexec
SQL

echo "init-databases: temporal, temporal_visibility (owner ${TEMPORAL_DB_USER}) and settle (owner ${SETTLE_DB_USER}) are ready"
