#!/bin/bash
# After run.sh: a second one-article edit that adds a word no other article has, then the
# search page, served, must find that article while fetching at most 2 MB of index.
B=/work/b1m/bs2 S=/work/b1m/full L=/work/b1m/log
cd $S
f=$(ls seeds | sort | sed -n 7p); echo "edit2 $f" >> $L
printf '\nThe Quillmere ferry resumed its crossings on Saturday.\n' >> seeds/$f; touch -d '-1 hour' seeds/$f
/usr/bin/time -f "oneedit2 %e s %U u %S s %M kB" -a -o $L $B build --root $S --now 2026-12-01 > $S/oneedit2.out 2>&1
title=$(sed -n 's/^title = "\(.*\)"$/\1/p' seeds/$f | head -1)
cd /work/main && MAX_INDEX_BYTES=2000000 SERVED_RUNS=2 SHARED_DIR=/work/shared scripts/search-test.sh $S/public / quillmere "$title" > /work/b1m/search-test.log 2>&1; echo "search-test exit $?" >> $L
