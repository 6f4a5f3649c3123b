#!/bin/bash
# bs3 (8953042): a build over bs2's output (the new binary trusts no cache: everything rendered), then one edit, then nothing.
B=/work/b1m/bs3 S=/work/b1m/full L=/work/b1m/log3
cd $S
run() { local label=$1; shift
  echo "$label start $(date -u +%T)" >> $L
  /usr/bin/time -f "$label %e s %U u %S s %M kB" -a -o $L $B build "$@" --root $S --now 2026-12-01 > $S/$label.out 2>&1; echo "$label exit $? $(date -u +%T)" >> $L; }
run rebuild3
f=$(ls seeds | sort | sed -n 9p); echo "edit3 $f" >> $L
printf '\nOne more sentence, added for the third one-edit run.\n' >> seeds/$f; touch -d '-1 hour' seeds/$f
run oneedit3
run nochange3
