#!/bin/bash
# one run, alternating binaries; prints label wall kB
OLD=/tmp/bs-old NEW=/tmp/bs-new5
edit() { # edit BIN SITE LABEL : clean build, then append to one seed, incremental build
  local bin=$1 site=$2 label=$3
  /tmp/mem.sh "$label-clean" $bin $site
  local f=$(ls $site/seeds/ | sort | sed -n 5p)
  sleep 2; echo "One more sentence, $RANDOM." >> $site/seeds/$f; touch -d '-1 hour' $site/seeds/$f
  /usr/bin/time -f "$label-one-edit %e s %M kB" $bin build --quiet --root $site --now 2026-12-01 2>&1 >/dev/null | tail -1
}
for i in 1 2 3; do
  /tmp/mem.sh 10k-old $OLD /dev/shm/b10k/site; /tmp/mem.sh 10k-new $NEW /dev/shm/b10k/site; /tmp/mem.sh 10k-new0 $NEW /dev/shm/b10k/zero
done
for i in 1 2; do edit $OLD /dev/shm/b10k/site 10k-old; edit $NEW /dev/shm/b10k/site 10k-new; done
edit $OLD /dev/shm/b100k/site 100k-old; edit $NEW /dev/shm/b100k/site 100k-new; /tmp/mem.sh 100k-new0 $NEW /dev/shm/b100k/zero
/tmp/mem.sh 10k-full-old $OLD /dev/shm/b10k/full; /tmp/mem.sh 10k-full-new $NEW /dev/shm/b10k/full
/tmp/mem.sh 100k-full-old $OLD /dev/shm/b100k/full; /tmp/mem.sh 100k-full-new $NEW /dev/shm/b100k/full
