#!/bin/bash
# 1M articles, every default on: clean, nothing changed, one edit. Logs to /work/b1m/log.
B=/work/b1m/bs2 S=/work/b1m/full L=/work/b1m/log
cd $S
sample() { # sample PID FILE: RSS every 5 s
  while kill -0 $1 2>/dev/null; do echo "$(date +%s) $(awk '/VmRSS/{print int($2/1024)}' /proc/$1/status 2>/dev/null)" >> $2; sleep 5; done; }
run() { # run LABEL ARGS...
  local label=$1; shift
  echo "$label start $(date -u +%T)" >> $L
  /usr/bin/time -f "$label %e s %U u %S s %M kB" -a -o $L $B build "$@" --root $S --now 2026-12-01 > $S/$label.out 2>&1 &
  local tp=$!; sleep 1; local pid=$(pgrep -P $tp | head -1); sample $pid /work/b1m/rss-$label.log & wait $tp; echo "$label exit $? $(date -u +%T)" >> $L
}
rm -rf public .broadsheet
run clean --clean
du -s --apparent-size public >> $L; find public -type f | wc -l >> $L
sleep 3
run nochange
f=$(ls seeds | sort | sed -n 5p); echo "$f" >> $L
echo "" >> seeds/$f; echo "One more sentence, added for the one-edit run." >> seeds/$f; touch -d '-1 hour' seeds/$f
run oneedit
run nochange2
