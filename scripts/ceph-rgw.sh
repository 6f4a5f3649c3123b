#!/usr/bin/env bash
# A real S3 store on 127.0.0.1 for tests/deploy.rs and bench/deploy.sh: Ceph's RADOS
# Gateway (Debian's `radosgw`, the S3 front of production Ceph clusters) over a
# one-monitor, one-OSD cluster whose OSD keeps its objects in memory (memstore), all
# inside DIR. Nothing is written outside DIR; the daemons listen on loopback only.
#
#   scripts/ceph-rgw.sh install          apt-get the Ceph packages (about 1 min on a fresh machine)
#   scripts/ceph-rgw.sh start DIR [PORT] start it (about 20 s); prints the settings the tests read
#   scripts/ceph-rgw.sh stop DIR         stop the daemons started in DIR
#
# `start` prints, for `eval`:
#   BROADSHEET_RGW_ENDPOINT=http://127.0.0.1:PORT   the S3 API (path-style buckets)
#   BROADSHEET_RGW_LOG=DIR/log/client.rgw.log       its request log (one line per request)
#   BROADSHEET_RGW_KEY=… BROADSHEET_RGW_SECRET=…    keys of the user `broadsheet`
set -euo pipefail

# The daemons started in DIR: those of its pid files that still run with its ceph.conf
# (a pid a finished daemon left may have been given to another process since).
daemons() {
  local file pid
  for file in "$1"/run/*.pid; do
    [ -f "$file" ] || continue
    pid="$(cat "$file")"
    if tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qx "CEPH_CONF=$1/ceph.conf"; then
      echo "$pid"
    fi
  done
}

# Stops the daemons of DIR and waits until they are gone, so the ports are free again.
stop_dir() {
  local pids alive
  mapfile -t pids < <(daemons "$1")
  [ ${#pids[@]} -eq 0 ] && return 0
  kill "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 100); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
  kill -9 "${pids[@]}" 2>/dev/null || true
}

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
case "${1:-}" in
install)
  if ! command -v radosgw >/dev/null || ! command -v ceph-osd >/dev/null; then
    $sudo apt-get update -q >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      radosgw ceph-mon ceph-osd uuid-runtime curl >/dev/null
  fi
  exit 0
  ;;
start) ;;
stop)
  dir="$(cd "${2:?usage: ceph-rgw.sh stop DIR}" 2>/dev/null && pwd)" || exit 0
  stop_dir "$dir"
  exit 0
  ;;
*)
  sed -n '2,16p' "$0" >&2
  exit 2
  ;;
esac

dir="$(mkdir -p "${2:?usage: ceph-rgw.sh start DIR [PORT]}" && cd "$2" && pwd)"
port="${3:-7480}"
mon_port=$((port + 1))
key=broadsheet-test-key
secret=broadsheet-test-secret
fsid="$(uuidgen)"
conf="$dir/ceph.conf"
# A cluster started here before goes first; one that fails to start is stopped.
stop_dir "$dir"
trap 'stop_dir "$dir"' ERR
rm -rf "${dir:?}"/{mon,osd,rgw,run,log}
mkdir -p "$dir"/{mon,osd,rgw,run,log}

cat >"$conf" <<EOF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
ms bind msgr2 = false
mon initial members = a
public network = 127.0.0.0/8
auth cluster required = none
auth service required = none
auth client required = none
osd objectstore = memstore
memstore device bytes = 2147483648
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail warn = 1
mon data avail crit = 0
mon max pg per osd = 1000
run dir = $dir/run
admin socket = $dir/run/\$name.asok
pid file = $dir/run/\$name.pid
log file = $dir/log/\$name.log
[mon.a]
mon data = $dir/mon
[osd.0]
osd data = $dir/osd
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$port
rgw data = $dir/rgw
EOF
export CEPH_CONF="$conf"

monmaptool --create --clobber --addv a "[v1:127.0.0.1:$mon_port]" --fsid "$fsid" "$dir/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$dir/monmap" 2>/dev/null
ceph-mon -i a
# The monitor answers before it has its cluster's identity: a command sent too early is
# refused ("wrong fsid"), so wait for a full status, and try the OSD's creation again.
for _ in $(seq 60); do
  timeout 10 ceph -s 2>/dev/null | grep -q "$fsid" && break
  sleep 0.5
done
osd_uuid="$(uuidgen)"
for try in 1 2 3 4 5; do
  timeout 60 ceph osd new "$osd_uuid" 0 >/dev/null 2>&1 && break
  [ "$try" = 5 ] && {
    echo "ceph-rgw.sh: the monitor would not create the OSD; see $dir/log" >&2
    stop_dir "$dir"
    exit 1
  }
  sleep 1
done
ceph-osd -i 0 --mkfs --osd-uuid "$osd_uuid" >/dev/null 2>&1
# The OSD, too, can be refused as it starts ("wrong fsid", exit 250): start it again.
for try in 1 2 3 4 5; do
  ceph-osd -i 0 2>/dev/null && break
  [ "$try" = 5 ] && {
    echo "ceph-rgw.sh: the OSD would not start; see $dir/log" >&2
    stop_dir "$dir"
    exit 1
  }
  sleep 1
done
timeout 60 ceph osd crush add osd.0 1.0 host=localhost root=default >/dev/null 2>&1
radosgw -n client.rgw

# The gateway answers once its pools exist; then the user the tests sign as.
for _ in $(seq 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$port/" || {
  echo "ceph-rgw.sh: the gateway did not answer on port $port; see $dir/log" >&2
  stop_dir "$dir"
  exit 1
}
timeout 60 radosgw-admin user create --uid=broadsheet --display-name="Broadsheet tests" \
  --access-key="$key" --secret="$secret" >/dev/null
echo "BROADSHEET_RGW_ENDPOINT=http://127.0.0.1:$port"
echo "BROADSHEET_RGW_LOG=$dir/log/client.rgw.log"
echo "BROADSHEET_RGW_KEY=$key"
echo "BROADSHEET_RGW_SECRET=$secret"
