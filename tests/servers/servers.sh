#!/usr/bin/env bash
# Throwaway PostgreSQL 15 and MariaDB 10.11 servers for Concord's tests, and two
# PgBouncer poolers (session and transaction pooling) in front of that PostgreSQL.
#
#   servers.sh start   start the servers on free 127.0.0.1 ports (reuses live ones);
#                      the poolers only when pgbouncer is installed and
#                      CONCORD_SERVERS_PGBOUNCER is not 0
#   servers.sh stop    stop exactly the servers in the state file, delete their dirs
#   servers.sh env     print `export CONCORD_TEST_*=...` lines for the running servers
#   servers.sh status  say whether the servers in the state file answer
#
# Each server lives in its own `mktemp -d` directory (data, unix socket, log),
# listens on 127.0.0.1 only and runs as an unprivileged user when started by
# root. The state (dirs, pids, ports) goes to $CONCORD_SERVERS_STATE
# (default: /tmp/concord-servers-<uid>.env); it is parsed, never sourced.
set -euo pipefail

STATE=$(realpath -m -- "${CONCORD_SERVERS_STATE:-/tmp/concord-servers-$(id -u).env}")
TMPBASE=$(realpath -m -- "${CONCORD_SERVERS_TMPDIR:-/tmp}")
DB_USER=concord
DB_PASSWORD=concord
DB_NAME=concord_test
START_TIMEOUT=${CONCORD_SERVERS_TIMEOUT:-60} # seconds per server
MARKER=.concord-servers

# Prefer PostgreSQL 15 (the supported version), else the newest one installed.
find_pg_bindir() {
    if [[ -n ${CONCORD_PG_BINDIR:-} ]]; then echo "$CONCORD_PG_BINDIR"; return; fi
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return; fi
    local d
    d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [[ -n $d && -x $d/initdb ]]; then echo "$d"; return; fi
    if command -v pg_config >/dev/null; then pg_config --bindir; return; fi
    dirname "$(command -v initdb || echo /nonexistent/initdb)"
}

log() { printf 'servers.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# Run a command as USER (only switches when we are root; otherwise as ourselves).
as_user() {
    local user=$1; shift
    if is_root; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# PostgreSQL refuses to run as root and mariadbd needs --user: pick a system
# user that already exists, or create a dedicated one.
server_user() {
    local preferred=$1
    if ! is_root; then id -un; return; fi
    if id -u "$preferred" >/dev/null 2>&1; then echo "$preferred"; return; fi
    if ! id -u concord >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin concord >/dev/null
    fi
    echo concord
}

port_in_use() {
    local hex
    hex=$(printf '%04X' "$1")
    # Any listener on that port, on any address (state 0A = LISTEN).
    if grep -qiE "^ *[0-9]+: [0-9A-F]+:${hex} [0-9A-F]+:[0-9A-F]{4} 0A" \
        /proc/net/tcp /proc/net/tcp6 2>/dev/null; then
        return 0
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A port below Linux's ephemeral range (32768+), so outgoing connections do not
# take it between the check and the bind; start_* retries on a lost race anyway.
free_port() {
    local avoid=${1:-0} port i
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 12000))
        [[ $port -eq $avoid ]] && continue
        port_in_use "$port" || { echo "$port"; return; }
    done
    die "no free TCP port found in 20000-31999"
}

pid_alive() { [[ -n ${1:-} && $1 =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null; }

# True when PID is alive and its command line mentions DIR: never signal a
# recycled pid that now belongs to something else.
pid_owns_dir() {
    local pid=$1 dir=$2
    pid_alive "$pid" || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$dir"
}

# Wait until PID is gone (bounded), then SIGKILL it.
terminate() {
    local pid=$1 dir=$2 secs=${3:-30} i
    pid_owns_dir "$pid" "$dir" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < secs * 10; i++)); do
        pid_owns_dir "$pid" "$dir" || return 0
        sleep 0.1
    done
    log "pid $pid did not stop in ${secs}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        pid_owns_dir "$pid" "$dir" || return 0
        sleep 0.1
    done
}

log_tail() {
    local f=$1
    if [[ -f $f ]]; then
        log "last lines of $f:"
        tail -n 25 "$f" >&2 || true
    fi
}

# ---------------------------------------------------------------- state file

PG_DIR='' PG_PORT='' PG_PID='' PG_OSUSER=''
MY_DIR='' MY_PORT='' MY_PID='' MY_OSUSER=''
PGB_DIR='' PGB_SESSION_PORT='' PGB_SESSION_PID='' PGB_TRANSACTION_PORT='' PGB_TRANSACTION_PID='' PGB_OSUSER=''

valid_dir() { [[ $1 =~ ^/[A-Za-z0-9._/-]*/concord-(pg|my|pgb)\.[A-Za-z0-9]+$ ]]; }

read_state() {
    [[ -f $STATE ]] || return 1
    if [[ ! -O $STATE ]]; then
        log "ignoring $STATE: not owned by $(id -un)"
        return 1
    fi
    local key value
    while IFS='=' read -r key value; do
        case $key in
        PG_DIR | MY_DIR | PGB_DIR) valid_dir "$value" && printf -v "$key" '%s' "$value" ;;
        PG_PORT | PG_PID | MY_PORT | MY_PID | PGB_SESSION_PORT | PGB_SESSION_PID | PGB_TRANSACTION_PORT | PGB_TRANSACTION_PID)
            [[ $value =~ ^[0-9]+$ ]] && printf -v "$key" '%s' "$value" ;;
        PG_OSUSER | MY_OSUSER | PGB_OSUSER) [[ $value =~ ^[a-z_][a-z0-9_-]*$ ]] && printf -v "$key" '%s' "$value" ;;
        esac
    done <"$STATE"
    return 0
}

write_state() {
    local tmp
    tmp=$(mktemp "${STATE}.XXXXXX")
    cat >"$tmp" <<EOF
PG_DIR=$PG_DIR
PG_PORT=$PG_PORT
PG_PID=$PG_PID
PG_OSUSER=$PG_OSUSER
MY_DIR=$MY_DIR
MY_PORT=$MY_PORT
MY_PID=$MY_PID
MY_OSUSER=$MY_OSUSER
PGB_DIR=$PGB_DIR
PGB_SESSION_PORT=$PGB_SESSION_PORT
PGB_SESSION_PID=$PGB_SESSION_PID
PGB_TRANSACTION_PORT=$PGB_TRANSACTION_PORT
PGB_TRANSACTION_PID=$PGB_TRANSACTION_PID
PGB_OSUSER=$PGB_OSUSER
EOF
    mv -f "$tmp" "$STATE"
}

# ---------------------------------------------------------------- PostgreSQL

PG_BINDIR=$(find_pg_bindir)

pg_ready() {
    [[ -n $PG_PORT ]] && pid_owns_dir "$PG_PID" "$PG_DIR" &&
        "$PG_BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 2>/dev/null
}

start_pg() {
    [[ -x $PG_BINDIR/initdb ]] || die "PostgreSQL not found (looked in $PG_BINDIR); install postgresql"
    PG_OSUSER=$(server_user postgres)
    PG_DIR=$(mktemp -d "$TMPBASE/concord-pg.XXXXXXXX")
    touch "$PG_DIR/$MARKER"
    write_state
    if is_root; then chown -R "$PG_OSUSER:" "$PG_DIR"; fi

    if ! as_user "$PG_OSUSER" "$PG_BINDIR/initdb" -D "$PG_DIR/data" -U postgres \
        -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 \
        --no-sync >"$PG_DIR/initdb.log" 2>&1; then
        log_tail "$PG_DIR/initdb.log"
        die "initdb failed"
    fi
    # Light settings: a throwaway cluster needs no durability.
    cat >>"$PG_DIR/data/postgresql.conf" <<EOF

# concord throwaway test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
max_connections = 100
shared_buffers = 16MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
EOF

    local attempt
    for attempt in 1 2 3 4 5; do
        PG_PORT=$(free_port "$MY_PORT")
        write_state
        : >"$PG_DIR/postgresql.log"
        if is_root; then chown "$PG_OSUSER:" "$PG_DIR/postgresql.log"; fi
        if as_user "$PG_OSUSER" "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgresql.log" \
            -o "-p $PG_PORT" -w -t "$START_TIMEOUT" start >/dev/null 2>&1; then
            break
        fi
        if grep -q 'Address already in use' "$PG_DIR/postgresql.log" && [[ $attempt -lt 5 ]]; then
            log "PostgreSQL: port $PG_PORT taken, retrying on another port"
            continue
        fi
        log_tail "$PG_DIR/postgresql.log"
        die "PostgreSQL did not start"
    done
    PG_PID=$(head -n 1 "$PG_DIR/data/postmaster.pid")
    write_state

    local i
    for ((i = 0; i < START_TIMEOUT * 2; i++)); do
        pg_ready && break
        sleep 0.5
    done
    if ! pg_ready; then
        log_tail "$PG_DIR/postgresql.log"
        die "PostgreSQL is not accepting connections on 127.0.0.1:$PG_PORT"
    fi

    # Superuser over the private unix socket (trust), then a password user for TCP.
    # CREATEDB lets tests make their own concord_* databases; owning concord_test
    # lets the user create tables, functions and triggers in its public schema.
    if ! as_user "$PG_OSUSER" "$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" \
        -U postgres -d postgres >"$PG_DIR/setup.log" 2>&1 <<EOF; then
CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
CREATE DATABASE $DB_NAME OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0;
EOF
        log_tail "$PG_DIR/setup.log"
        die "PostgreSQL: creating user and database failed"
    fi
    if ! PGPASSWORD=$DB_PASSWORD PGCONNECT_TIMEOUT=5 "$PG_BINDIR/psql" -X -q -At \
        -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" -c 'select 1' >/dev/null 2>"$PG_DIR/setup.log"; then
        log_tail "$PG_DIR/setup.log"
        die "PostgreSQL: $DB_USER cannot log in over TCP"
    fi
}

stop_pg() {
    [[ -n $PG_DIR ]] || return 0
    local pid=$PG_PID
    if [[ -f $PG_DIR/data/postmaster.pid ]]; then
        pid=$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || echo "$PG_PID")
    fi
    if pid_owns_dir "$pid" "$PG_DIR" && [[ -n $PG_OSUSER ]]; then
        (cd / && as_user "$PG_OSUSER" "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop) \
            >/dev/null 2>&1 || true
    fi
    terminate "$pid" "$PG_DIR" 10
    if [[ -f $PG_DIR/$MARKER ]]; then rm -rf -- "$PG_DIR"; fi
}

# ---------------------------------------------------------------- MariaDB

MY_CLIENT_OPTS=(--no-defaults --connect-timeout=2)

my_ready() {
    [[ -n $MY_PORT ]] && pid_owns_dir "$MY_PID" "$MY_DIR" &&
        mariadb-admin "${MY_CLIENT_OPTS[@]}" --socket="$MY_DIR/mysqld.sock" ping >/dev/null 2>&1
}

my_server_opts() {
    local opts=(
        --no-defaults
        --datadir="$MY_DIR/data"
        --tmpdir="$MY_DIR/tmp"
        --socket="$MY_DIR/mysqld.sock"
        --pid-file="$MY_DIR/mysqld.pid"
        --log-error="$MY_DIR/mariadb.log"
        --bind-address=127.0.0.1
        --skip-name-resolve
        --skip-log-bin
        # Lets users without SUPER create triggers even if a binlog is enabled.
        --log-bin-trust-function-creators=1
        --character-set-server=utf8mb4
        --collation-server=utf8mb4_general_ci
        --innodb-buffer-pool-size=64M
        --innodb-log-file-size=16M
        --innodb-flush-log-at-trx-commit=2
        --innodb-doublewrite=0
        --performance-schema=OFF
        --init-file="$MY_DIR/setup.sql"
    )
    if is_root; then opts+=(--user="$MY_OSUSER"); fi
    printf '%s\n' "${opts[@]}"
}

start_my() {
    command -v mariadbd >/dev/null || [[ -x /usr/sbin/mariadbd ]] ||
        die "mariadbd not found; install mariadb-server"
    local mariadbd
    mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
    MY_OSUSER=$(server_user mysql)
    MY_DIR=$(mktemp -d "$TMPBASE/concord-my.XXXXXXXX")
    touch "$MY_DIR/$MARKER"
    mkdir "$MY_DIR/tmp"
    write_state

    local opts
    mapfile -t opts < <(my_server_opts)

    # Users and grants come from --init-file, which the server runs at startup
    # with grant tables loaded (bootstrap cannot CREATE USER), so no root
    # session is needed whoever runs this script. Idempotent on restart.
    # concord may create, alter and drop any concord_* database (tables,
    # triggers, routines included). Its one global privilege, PROCESS, lets the
    # concurrency tests see in information_schema.INNODB_TRX that a save waits for a lock.
    cat >"$MY_DIR/setup.sql" <<EOF
CREATE DATABASE IF NOT EXISTS $DB_NAME CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`concord\\_%\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`concord\\_%\`.* TO '$DB_USER'@'localhost';
GRANT PROCESS ON *.* TO '$DB_USER'@'127.0.0.1';
GRANT PROCESS ON *.* TO '$DB_USER'@'localhost';
EOF
    if is_root; then chown -R "$MY_OSUSER:" "$MY_DIR"; fi
    # mariadb-install-db passes options it does not know on to mariadbd; skip
    # the ones it handles itself.
    local install_opts=(--no-defaults --datadir="$MY_DIR/data" --auth-root-authentication-method=socket
        --skip-test-db --skip-name-resolve)
    if is_root; then install_opts+=(--user="$MY_OSUSER"); fi
    local o
    for o in "${opts[@]}"; do
        case $o in --no-defaults | --datadir=* | --user=* | --pid-file=* | --log-error=* | --socket=* | --bind-address=* | --init-file=*) ;;
        *) install_opts+=("$o") ;; esac
    done
    if ! (cd / && mariadb-install-db "${install_opts[@]}") >"$MY_DIR/install.log" 2>&1; then
        log_tail "$MY_DIR/install.log"
        die "mariadb-install-db failed"
    fi

    local attempt i launcher
    for attempt in 1 2 3 4 5; do
        MY_PORT=$(free_port "$PG_PORT")
        MY_PID=''
        write_state
        rm -f "$MY_DIR/mariadb.log"
        # setsid: a Ctrl-C in the caller's terminal must not hit the server;
        # the caller stops it through `servers.sh stop`.
        (cd / && exec setsid "$mariadbd" "${opts[@]}" --port="$MY_PORT" </dev/null >/dev/null 2>&1) &
        launcher=$!
        for ((i = 0; i < START_TIMEOUT * 4; i++)); do
            [[ -z $MY_PID && -s $MY_DIR/mysqld.pid ]] && MY_PID=$(cat "$MY_DIR/mysqld.pid") && write_state
            my_ready && break
            if ! pid_alive "$launcher" && ! pid_alive "$MY_PID"; then break; fi
            sleep 0.25
        done
        my_ready && break
        if ! pid_alive "$launcher" && grep -q 'Address already in use' "$MY_DIR/mariadb.log" 2>/dev/null &&
            [[ $attempt -lt 5 ]]; then
            log "MariaDB: port $MY_PORT taken, retrying on another port"
            continue
        fi
        log_tail "$MY_DIR/mariadb.log"
        die "MariaDB did not start"
    done

    if ! mariadb "${MY_CLIENT_OPTS[@]}" -h 127.0.0.1 -P "$MY_PORT" -u "$DB_USER" -p"$DB_PASSWORD" \
        "$DB_NAME" -e 'select 1' >/dev/null 2>"$MY_DIR/setup.log"; then
        log_tail "$MY_DIR/setup.log"
        log_tail "$MY_DIR/install.log"
        die "MariaDB: $DB_USER cannot log in over TCP"
    fi
}

stop_my() {
    [[ -n $MY_DIR ]] || return 0
    local pid=$MY_PID
    if [[ -s $MY_DIR/mysqld.pid ]]; then pid=$(cat "$MY_DIR/mysqld.pid" 2>/dev/null || echo "$MY_PID"); fi
    terminate "$pid" "$MY_DIR" 60
    # The pid file may not exist yet if start was interrupted early.
    if [[ -n $MY_PID && $MY_PID != "$pid" ]]; then terminate "$MY_PID" "$MY_DIR" 60; fi
    if [[ -f $MY_DIR/$MARKER ]]; then rm -rf -- "$MY_DIR"; fi
}

# ---------------------------------------------------------------- PgBouncer

# Two poolers in one directory, both in front of the PostgreSQL above: one in
# session pooling mode, one in transaction pooling mode. A pooler listens on one
# port and pool_mode is global or per [databases] entry, while the tests make a
# fresh database per test; so each pooler has only a `*` fallback entry (any
# database name goes to the cluster) and its own global pool_mode.

find_pgbouncer() {
    if [[ -n ${CONCORD_PGBOUNCER:-} ]]; then echo "$CONCORD_PGBOUNCER"; return; fi
    command -v pgbouncer 2>/dev/null || echo /usr/sbin/pgbouncer
}
PGBOUNCER=$(find_pgbouncer)

pgb_wanted() { [[ ${CONCORD_SERVERS_PGBOUNCER:-1} != 0 ]]; }
pgb_installed() { [[ -x $PGBOUNCER ]]; }

# MODE is session or transaction.
pgb_port() { local v="PGB_${1^^}_PORT"; echo "${!v}"; }
pgb_pid() { local v="PGB_${1^^}_PID"; echo "${!v}"; }

pgb_ready_mode() {
    local mode=$1 port pid
    port=$(pgb_port "$mode")
    pid=$(pgb_pid "$mode")
    [[ -n $PGB_DIR && -n $port ]] && pid_owns_dir "$pid" "$PGB_DIR" &&
        "$PG_BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 2>/dev/null
}

pgb_ready() { pgb_ready_mode session && pgb_ready_mode transaction; }

pgb_summary() {
    [[ -n $PGB_DIR ]] || return 0
    printf ', PgBouncer session pooling on 127.0.0.1:%s and transaction pooling on 127.0.0.1:%s (%s)' \
        "$PGB_SESSION_PORT" "$PGB_TRANSACTION_PORT" "$PGB_DIR"
}

pgb_write_config() {
    local mode=$1 port=$2
    # server_round_robin hands out server connections in turn instead of reusing the
    # last one, and min_pool_size keeps several per pool: in transaction mode one
    # client's consecutive transactions then land on different server connections,
    # as they do on a busy site, instead of on the same one by luck.
    # ignore_startup_parameters: libpq options the pooler would otherwise refuse.
    cat >"$PGB_DIR/$mode.ini" <<EOF
; concord throwaway pooler, $mode pooling
[databases]
* = host=127.0.0.1 port=$PG_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir = $PGB_DIR
logfile = $PGB_DIR/$mode.log
pidfile = $PGB_DIR/$mode.pid
auth_type = scram-sha-256
auth_file = $PGB_DIR/userlist.txt
pool_mode = $mode
max_client_conn = 200
default_pool_size = 20
min_pool_size = ${CONCORD_PGBOUNCER_MIN_POOL:-3}
server_round_robin = ${CONCORD_PGBOUNCER_ROUND_ROBIN:-1}
server_idle_timeout = 30
autodb_idle_timeout = 60
ignore_startup_parameters = extra_float_digits
EOF
}

start_pgb_mode() {
    local mode=$1 attempt port='' pid i
    for attempt in 1 2 3 4 5; do
        port=$(free_port "$PG_PORT")
        [[ $port -eq $MY_PORT || $port -eq ${PGB_SESSION_PORT:-0} ]] && continue
        printf -v "PGB_${mode^^}_PORT" '%s' "$port"
        printf -v "PGB_${mode^^}_PID" '%s' ''
        write_state
        pgb_write_config "$mode" "$port"
        rm -f "$PGB_DIR/$mode.pid"
        : >"$PGB_DIR/$mode.log"
        if is_root; then chown "$PGB_OSUSER:" "$PGB_DIR/$mode.ini" "$PGB_DIR/$mode.log"; fi
        # -d: the pooler detaches (its own session, so a Ctrl-C in the caller's
        # terminal does not reach it) and writes its pid file.
        if ! (cd / && as_user "$PGB_OSUSER" "$PGBOUNCER" -d -q "$PGB_DIR/$mode.ini") \
            >"$PGB_DIR/$mode.start.log" 2>&1; then
            if grep -q 'Address already in use' "$PGB_DIR/$mode.log" "$PGB_DIR/$mode.start.log" 2>/dev/null &&
                [[ $attempt -lt 5 ]]; then
                log "PgBouncer ($mode): port $port taken, retrying on another port"
                continue
            fi
            log_tail "$PGB_DIR/$mode.start.log"
            log_tail "$PGB_DIR/$mode.log"
            die "PgBouncer ($mode) did not start"
        fi
        for ((i = 0; i < START_TIMEOUT * 4; i++)); do
            [[ -s $PGB_DIR/$mode.pid ]] && break
            sleep 0.25
        done
        pid=$(cat "$PGB_DIR/$mode.pid" 2>/dev/null || true)
        printf -v "PGB_${mode^^}_PID" '%s' "$pid"
        write_state
        for ((i = 0; i < START_TIMEOUT * 2; i++)); do
            pgb_ready_mode "$mode" && break
            sleep 0.5
        done
        if pgb_ready_mode "$mode"; then break; fi
        if grep -q 'Address already in use' "$PGB_DIR/$mode.log" 2>/dev/null && [[ $attempt -lt 5 ]]; then
            log "PgBouncer ($mode): port $port taken, retrying on another port"
            terminate "$pid" "$PGB_DIR" 10
            continue
        fi
        log_tail "$PGB_DIR/$mode.log"
        die "PgBouncer ($mode) is not accepting connections on 127.0.0.1:$port"
    done
    # A login through the pooler proves both legs: the client's SCRAM login against
    # userlist.txt, and the pooler's own SCRAM login to PostgreSQL with that password.
    if ! PGPASSWORD=$DB_PASSWORD PGCONNECT_TIMEOUT=5 "$PG_BINDIR/psql" -X -q -At \
        -h 127.0.0.1 -p "$port" -U "$DB_USER" -d "$DB_NAME" -c 'select 1' >/dev/null 2>"$PGB_DIR/$mode.setup.log"; then
        log_tail "$PGB_DIR/$mode.setup.log"
        log_tail "$PGB_DIR/$mode.log"
        die "PgBouncer ($mode): $DB_USER cannot log in through 127.0.0.1:$port"
    fi
}

start_pgb() {
    if ! pgb_wanted; then
        log "PgBouncer: skipped (CONCORD_SERVERS_PGBOUNCER=0)"
        return 0
    fi
    if ! pgb_installed; then
        log "PgBouncer: skipped, $PGBOUNCER not found (install pgbouncer to test through a pooler)"
        return 0
    fi
    # pgbouncer refuses to run as root: it runs as the PostgreSQL server's user.
    PGB_OSUSER=$(server_user postgres)
    PGB_DIR=$(mktemp -d "$TMPBASE/concord-pgb.XXXXXXXX")
    touch "$PGB_DIR/$MARKER"
    # A plain-text password lets the pooler answer PostgreSQL's SCRAM challenge itself.
    printf '"%s" "%s"\n' "$DB_USER" "$DB_PASSWORD" >"$PGB_DIR/userlist.txt"
    chmod 600 "$PGB_DIR/userlist.txt"
    write_state
    if is_root; then chown -R "$PGB_OSUSER:" "$PGB_DIR"; fi
    start_pgb_mode session
    start_pgb_mode transaction
}

stop_pgb_mode() {
    local mode=$1 pid recorded
    recorded=$(pgb_pid "$mode")
    pid=$recorded
    if [[ -s $PGB_DIR/$mode.pid ]]; then pid=$(cat "$PGB_DIR/$mode.pid" 2>/dev/null || echo "$recorded"); fi
    terminate "$pid" "$PGB_DIR" 10
    if [[ -n $recorded && $recorded != "$pid" ]]; then terminate "$recorded" "$PGB_DIR" 10; fi
}

stop_pgb() {
    [[ -n $PGB_DIR ]] || return 0
    stop_pgb_mode session
    stop_pgb_mode transaction
    if [[ -f $PGB_DIR/$MARKER ]]; then rm -rf -- "$PGB_DIR"; fi
}

# ---------------------------------------------------------------- commands

print_env() {
    local k v
    for k in PG MY; do
        local port_var=${k}_PORT
        for v in "HOST=127.0.0.1" "PORT=${!port_var}" "USER=$DB_USER" "PASSWORD=$DB_PASSWORD" "DB=$DB_NAME"; do
            printf 'export CONCORD_TEST_%s_%s\n' "$k" "$v"
        done
    done
    # The poolers take the PostgreSQL host, user, password and database; only the port differs.
    if [[ -n $PGB_DIR && -n $PGB_SESSION_PORT && -n $PGB_TRANSACTION_PORT ]]; then
        printf 'export CONCORD_TEST_PGBOUNCER_SESSION_PORT=%s\n' "$PGB_SESSION_PORT"
        printf 'export CONCORD_TEST_PGBOUNCER_TRANSACTION_PORT=%s\n' "$PGB_TRANSACTION_PORT"
    fi
}

cmd_stop() {
    read_state || return 0
    # The poolers first: they hold connections to PostgreSQL.
    stop_pgb || true
    stop_pg || true
    stop_my || true
    rm -f -- "$STATE"
    log "stopped"
}

cmd_start() {
    if read_state; then
        if pg_ready && my_ready && { pgb_ready || ! pgb_wanted || ! pgb_installed; }; then
            log "already running (PostgreSQL 127.0.0.1:$PG_PORT, MariaDB 127.0.0.1:$MY_PORT$(pgb_summary))"
            return 0
        fi
        log "cleaning up servers left over in $STATE"
        cmd_stop
        PG_DIR='' PG_PORT='' PG_PID='' PG_OSUSER='' MY_DIR='' MY_PORT='' MY_PID='' MY_OSUSER=''
        PGB_DIR='' PGB_SESSION_PORT='' PGB_SESSION_PID='' PGB_TRANSACTION_PORT='' PGB_TRANSACTION_PID='' PGB_OSUSER=''
    fi
    [[ $TMPBASE =~ ^/[A-Za-z0-9._/-]*$ ]] || die "CONCORD_SERVERS_TMPDIR must be a plain path: $TMPBASE"
    local started=$SECONDS
    # On any failure, stop what was started and leave no temp dirs behind.
    trap 'rc=$?; if [[ $rc -ne 0 ]]; then cmd_stop >/dev/null 2>&1 || true; fi' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_pg
    start_my
    start_pgb
    trap - EXIT INT TERM
    log "PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DIR), MariaDB on 127.0.0.1:$MY_PORT ($MY_DIR)$(pgb_summary)," \
        "user $DB_USER, database $DB_NAME; ready in $((SECONDS - started))s"
}

cmd_env() {
    read_state || die "no servers running (no state file $STATE); run: $0 start"
    [[ -n $PG_PORT && -n $MY_PORT ]] || die "state file $STATE is incomplete; run: $0 start"
    print_env
}

cmd_status() {
    read_state || { log "not running"; return 1; }
    local rc=0
    if pg_ready; then log "PostgreSQL: up on 127.0.0.1:$PG_PORT"; else log "PostgreSQL: down"; rc=1; fi
    if my_ready; then log "MariaDB: up on 127.0.0.1:$MY_PORT"; else log "MariaDB: down"; rc=1; fi
    if [[ -n $PGB_DIR ]]; then
        local mode
        for mode in session transaction; do
            if pgb_ready_mode "$mode"; then
                log "PgBouncer ($mode pooling): up on 127.0.0.1:$(pgb_port "$mode")"
            else
                log "PgBouncer ($mode pooling): down"
                rc=1
            fi
        done
    else
        log "PgBouncer: not started"
    fi
    return $rc
}

# Server processes run as another user and must not inherit a directory they
# cannot enter; every path above is absolute.
cd /

case ${1:-} in
start) cmd_start ;;
stop) cmd_stop ;;
env) cmd_env ;;
status) cmd_status ;;
*)
    echo "usage: $0 start|stop|env|status" >&2
    exit 2
    ;;
esac
