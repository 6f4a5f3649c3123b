#!/bin/bash
# bs3 (8953042): clean, then one edit (a sentence appended), then nothing changed.
B=/work/b1m/bs3 S=/work/b1m/full L=/work/b1m/log4
cd $S
run() { local label=$1; shift
  echo "$label start $(date -u +%T)" >> $L
  /usr/bin/time -f "$label %e s %U u %S s %M kB" -a -o $L $B build "$@" --root $S --now 2026-12-01 > $S/$label.out 2>&1; echo "$label exit $? $(date -u +%T)" >> $L; }
run clean4 --clean
f=$(ls seeds | sort | sed -n 9p); echo "edit4 $f" >> $L
printf '\nOne more sentence, added for this one-edit run.\n' >> seeds/$f; touch -d '-1 hour' seeds/$f
run oneedit4
run nochange4
