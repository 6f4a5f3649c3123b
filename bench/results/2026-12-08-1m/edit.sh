#!/bin/bash
# edit.sh BIN SITE LABEL : clean build, no-change build, one appended sentence, incremental build, second edit
bin=$1 site=$2 label=$3
/tmp/mem.sh "$label-clean" $bin $site
/usr/bin/time -f "$label-nochange %e s %M kB" $bin build --quiet --root $site --now 2026-12-01 2>&1 >/dev/null | tail -1
for k in 1 2; do
f=$(ls $site/seeds/ | sort | sed -n ${k}5p)
echo "One more sentence, $RANDOM." >> $site/seeds/$f; touch -d '-1 hour' $site/seeds/$f
/usr/bin/time -f "$label-one-edit$k %e s %M kB" $bin build --quiet --root $site --now 2026-12-01 2>&1 >/dev/null | tail -1
done
