#!/usr/bin/env bash
# Prepares PostgreSQL for ServiceHall's PostgreSQL mode on Debian/Ubuntu, and prints the connection string.
#
#   silo/postgres-setup.sh                          # local server: installs the postgresql package if missing
#   silo/postgres-setup.sh --host db.hall --port 5432 --no-install   # an existing server, as its admin role
#
# Steps (each skipped when already done, so running it again is safe):
#   1. apt-get install postgresql            (local server only, when no server is installed)
#   2. createuser servicehall + a password   (SERVICEHALL_DB_PASSWORD, or a random one)
#   3. createdb --owner servicehall servicehall
#   4. ALTER SYSTEM SET max_connections = 200 when lower (ServiceHall's pools for a few silos), then a restart
# Administrative commands run as the OS user postgres over the local socket, or, with --host, as --admin-user over
# TCP (password from PGPASSWORD when the server asks for one).
set -euo pipefail

host="" port=5432 database=servicehall role=servicehall admin_user=postgres max_connections=200 install=1

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    --user) role=$2; shift 2 ;;
    --admin-user) admin_user=$2; shift 2 ;;
    --max-connections) max_connections=$2; shift 2 ;;
    --no-install) install=0; shift ;;
    -h|--help) usage 0 ;;
    *) echo "postgres-setup: unknown argument '$1'" >&2; usage 2 >&2 ;;
  esac
done

for name in "$database" "$role"; do
  [[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "postgres-setup: '$name' is not a plain lower-case PostgreSQL name" >&2; exit 2; }
done
[[ "$port" =~ ^[0-9]+$ && "$max_connections" =~ ^[0-9]+$ ]] || { echo "postgres-setup: --port and --max-connections take numbers" >&2; exit 2; }

# Debian's client wrappers may be missing on a fresh machine; the versioned bin folder is always there.
tool() {
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] || { echo "postgres-setup: $1 not found (Debian package postgresql-client)" >&2; exit 1; }
  echo "$found"
}

if [ -z "$host" ] && [ "$install" = 1 ] && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "Installing the postgresql package" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
  else sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; fi
fi

# Runs an admin tool: over TCP with --host, else as the OS user postgres on the local socket (peer authentication).
admin() {
  local command; command=$(tool "$1"); shift
  if [ -n "$host" ]; then
    "$command" --host "$host" --port "$port" --username "$admin_user" "$@"
  elif [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$command" --port "$port" "$@"
  elif [ "$(id -un)" = postgres ]; then
    "$command" --port "$port" "$@"
  else
    sudo -u postgres "$command" --port "$port" "$@"
  fi
}
sql() { admin psql --no-psqlrc --tuples-only --no-align --set ON_ERROR_STOP=1 --dbname postgres --command "$1"; }

password=${SERVICEHALL_DB_PASSWORD:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}
[[ "$password" != *"'"* ]] || { echo "postgres-setup: SERVICEHALL_DB_PASSWORD must not contain a quote" >&2; exit 2; }

if [ "$(sql "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
  admin createuser --no-superuser --no-createdb --no-createrole "$role"
  echo "Created role $role" >&2
fi
# Every run sets the password it prints, so the printed connection string always works.
sql "ALTER ROLE \"$role\" LOGIN PASSWORD '$password'" >/dev/null

if [ "$(sql "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
  admin createdb --owner "$role" "$database"
  echo "Created database $database owned by $role" >&2
fi

current=$(sql "SHOW max_connections")
if [ "$current" -lt "$max_connections" ]; then
  sql "ALTER SYSTEM SET max_connections = $max_connections" >/dev/null
  if [ -z "$host" ] && command -v pg_lsclusters >/dev/null 2>&1 \
     && cluster=$(pg_lsclusters --no-header | awk -v p="$port" '$3 == p { print $1 " " $2; exit }') && [ -n "$cluster" ]; then
    # shellcheck disable=SC2086 # version and cluster name, two words
    if [ "$(id -u)" = 0 ]; then pg_ctlcluster $cluster restart; else sudo pg_ctlcluster $cluster restart; fi
    echo "max_connections: $current -> $max_connections (cluster $cluster restarted)" >&2
  else
    echo "max_connections: $current -> $max_connections after the next restart of PostgreSQL (e.g. sudo systemctl restart postgresql)" >&2
  fi
else
  echo "max_connections: $current (at least $max_connections)" >&2
fi

# The last line of standard output, alone: the value of ServiceHall:Storage:Postgres:ConnectionString.
echo "Host=${host:-127.0.0.1};Port=$port;Database=$database;Username=$role;Password=$password"
