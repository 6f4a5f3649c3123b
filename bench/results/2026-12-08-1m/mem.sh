#!/bin/bash
# usage: mem.sh LABEL BIN SITE  -> prints label wall maxrss_kB
label=$1 bin=$2 site=$3
rm -rf $site/public $site/.broadsheet
/usr/bin/time -f "$label %e s %M kB" $bin build --clean --quiet --root $site --now 2026-12-01 >/dev/null 2>/tmp/mem.err; tail -1 /tmp/mem.err
