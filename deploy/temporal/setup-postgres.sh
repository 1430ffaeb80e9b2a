#!/usr/bin/env bash
# One-shot schema job: creates Temporal's two PostgreSQL databases and brings their schemas to the
# version this admin-tools image ships. Safe to run again: existing databases and applied versions
# are left as they are.
set -euo pipefail

: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}"
DB_PORT="${DB_PORT:-5432}"
SCHEMA_ROOT="${TEMPORAL_HOME:-/etc/temporal}/schema/postgresql/v12"

sql() {
  temporal-sql-tool --plugin postgres12 --ep "${POSTGRES_SEEDS}" -u "${POSTGRES_USER}" -p "${DB_PORT}" --db "$1" "${@:2}"
}

until pg_isready -h "${POSTGRES_SEEDS}" -p "${DB_PORT}" -U "${POSTGRES_USER}" >/dev/null 2>&1 \
  || (echo > "/dev/tcp/${POSTGRES_SEEDS}/${DB_PORT}") >/dev/null 2>&1; do
  echo "waiting for PostgreSQL at ${POSTGRES_SEEDS}:${DB_PORT}"
  sleep 2
done

for db in temporal:temporal temporal_visibility:visibility; do
  name="${db%%:*}"
  schema="${db##*:}"
  sql "${name}" create || echo "database ${name} already exists"
  sql "${name}" setup-schema -v 0.0 || echo "schema of ${name} already set up"
  sql "${name}" update-schema -d "${SCHEMA_ROOT}/${schema}/versioned"
done
echo "Temporal schemas are ready"
