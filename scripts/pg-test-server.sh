#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, run as an unprivileged user.
#
#   scripts/pg-test-server.sh start [DIR]   install PostgreSQL via apt-get when missing, initdb
#                                           into DIR (default: a new temp dir), start a server
#                                           listening only on a unix socket in DIR, and print
#                                           its DATABASE_URL as the last line of stdout
#   scripts/pg-test-server.sh stop DIR      stop that server and delete DIR
#
# The server is for tests only: trust authentication on its own socket, no TCP, fsync off.
# Set PG_TEST_PORT to also listen on 127.0.0.1:PORT (e.g. to point psql or pg_dump at it).
set -euo pipefail

say() { echo "pg-test-server: $*" >&2; }

# Package installation needs root: run as is when root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo --preserve-env=DEBIAN_FRONTEND "$@"
    fi
}

pg_bindir() {
    # Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<version>/bin.
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
    elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"
    fi
}

install_postgresql() {
    say "PostgreSQL not found; installing it with apt-get"
    # No system cluster on port 5432: the tests start their own server.
    if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
        as_root mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" |
            as_root tee /etc/postgresql-common/createcluster.d/no-main-cluster.conf >/dev/null
    fi
    export DEBIAN_FRONTEND=noninteractive
    # Wait for another apt (say, unattended upgrades on a fresh CI machine) instead of failing.
    local apt=(apt-get -o DPkg::Lock::Timeout=600 -y -q)
    if ! as_root "${apt[@]}" install postgresql >&2; then
        as_root "${apt[@]}" update >&2
        as_root "${apt[@]}" install postgresql >&2
    fi
}

# Run a command as the unprivileged user that owns the server: root hands over to `postgres`
# (PostgreSQL refuses to run as root); anyone else runs it as themselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local dir=${1:-}
    local bindir
    bindir=$(pg_bindir)
    if [ -z "$bindir" ]; then
        install_postgresql
        bindir=$(pg_bindir)
    fi
    [ -n "$bindir" ] || {
        say "PostgreSQL is still missing after apt-get install postgresql"
        exit 1
    }
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        say "running as root but there is no 'postgres' user to run the server as"
        exit 1
    fi
    # Short paths: a unix socket path must stay under ~100 characters.
    [ -n "$dir" ] || dir=$(mktemp -d /tmp/zj-pg.XXXXXX)
    mkdir -p "$dir"
    chmod 755 "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    local user=tracker
    as_owner "$bindir/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    local listen="''"
    [ -z "${PG_TEST_PORT:-}" ] || listen="127.0.0.1"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o "\
        -c listen_addresses=$listen -c port=${PG_TEST_PORT:-5432} \
        -c unix_socket_directories='$dir' -c max_connections=200 \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c timezone=Asia/Shanghai" >&2 || {
        cat "$dir/server.log" >&2
        exit 1
    }
    as_owner "$bindir/createdb" -h "$dir" -p "${PG_TEST_PORT:-5432}" -U "$user" "$user"
    echo "$bindir" >"$dir/bindir"
    say "started in $dir (stop: $0 stop $dir)"
    local url="postgresql+psycopg://$user@/$user?host=$dir"
    [ -z "${PG_TEST_PORT:-}" ] || url="postgresql+psycopg://$user@127.0.0.1:$PG_TEST_PORT/$user"
    echo "$url" >"$dir/url"
    echo "$url"
}

stop() {
    local dir=${1:?usage: $0 stop DIR}
    [ -d "$dir/data" ] || {
        say "no server in $dir"
        exit 1
    }
    local bindir
    bindir=$(cat "$dir/bindir" 2>/dev/null || pg_bindir)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir"
}

case "${1:-}" in
start) start "${2:-}" ;;
stop) stop "${2:-}" ;;
*)
    echo "usage: $0 start [DIR] | stop DIR" >&2
    exit 2
    ;;
esac
