#!/bin/sh
# First start of the primary (docker-entrypoint-initdb.d, compose.yaml): the role the streaming
# replica logs in with, and the pg_hba line that lets it connect for replication.
set -eu
psql -v ON_ERROR_STOP=1 -v pw="$REPLICATION_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'pw';
SQL
echo 'host replication replicator all scram-sha-256' >> "$PGDATA/pg_hba.conf"
