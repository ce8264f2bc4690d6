#!/bin/sh
# shard.sh WAYMARK SOURCE_DIR - --shard K/N splits a batch over machines.
#
# 10 inputs run as --shard 1/3, 2/3 and 3/3 into three folders: the shards'
# names are disjoint, their union is the whole set, each shard holds the
# inputs at positions K-1 mod N of the name-sorted list (4, 3, 3) whatever
# order or spelling the inputs are given in, and each shard's PDFs are the
# ones an unsharded run writes.  A shard with nothing in it exits 0 with an
# empty manifest.  Bad specs (0/3, 4/3, 3, a/b, 1/0, -1/3, 1/3x, none) exit 2.
bin=$1 src=$2
. "$src/tests/batch/lib.sh"

engagements in 10
all=$(cd in && ls e*.yaml | sed 's/\.yaml$//' | tr '\n' ' ')

for k in 1 2 3; do
    run 0 "--shard $k/3: exit 0" "$bin" batch in -o "s$k" --shard "$k/3" -j 2
    manifest_ok "s$k" "--shard $k/3"
    statuses "s$k" | awk '{print $1}' | sort >"$tmp/names$k"
    pdfs=$(cd "s$k" && ls e*.pdf 2>/dev/null | sed 's/\.pdf$//' | tr '\n' ' ')
    [ "$pdfs" = "$(tr '\n' ' ' <"$tmp/names$k")" ] && ok "--shard $k/3: a PDF for each of its inputs, no other" ||
        bad "--shard $k/3: PDFs '$pdfs' but inputs '$(tr '\n' ' ' <"$tmp/names$k")'"
    [ "$(count_status "s$k" "done")" = "$(wc -l <"$tmp/names$k" | tr -d ' ')" ] ||
        bad "--shard $k/3: not every input done"
done

dups=$(sort "$tmp/names1" "$tmp/names2" "$tmp/names3" | uniq -d | tr '\n' ' ')
[ -z "$dups" ] && ok "the shards are disjoint" || bad "in more than one shard: $dups"
union=$(sort -u "$tmp/names1" "$tmp/names2" "$tmp/names3" | tr '\n' ' ')
[ "$union" = "$all" ] && ok "the shards' union is every input" ||
    bad "union '$union', expected '$all'"
s1=$(tr '\n' ' ' <"$tmp/names1") s2=$(tr '\n' ' ' <"$tmp/names2") s3=$(tr '\n' ' ' <"$tmp/names3")
[ "$s1" = "e01 e04 e07 e10 " ] && [ "$s2" = "e02 e05 e08 " ] && [ "$s3" = "e03 e06 e09 " ] &&
    ok "shard K holds the positions K-1 mod 3 of the sorted names" ||
    bad "shards: 1: $s1/ 2: $s2/ 3: $s3"

# The same shard from the files named one by one, in reverse, by another
# spelling of the path.
files=$(cd in && ls e*.yaml | sort -r | sed 's|^|./in/|' | tr '\n' ' ')
# shellcheck disable=SC2086
run 0 "--shard 2/3 of the files in reverse order: exit 0" "$bin" batch $files -o r2 --shard 2/3
[ "$(statuses r2 | awk '{print $1}' | sort | tr '\n' ' ')" = "$s2" ] &&
    ok "the same inputs whatever the order and spelling" ||
    bad "--shard 2/3 of the files: $(statuses r2 | awk '{print $1}' | tr '\n' ' ')"

run 0 "unsharded: exit 0" "$bin" batch in -o full -j 2
same=1
for k in 1 2 3; do
    for f in "s$k"/e*.pdf; do
        cmp -s "$f" "full/${f#"s$k"/}" || { same=0; bad "$f differs from the unsharded run"; }
    done
done
[ "$same" = 1 ] && ok "the shards' PDFs are the unsharded run's"
pdfs_valid full "unsharded"

run 0 "a shard with no input (--shard 11/12 of 10): exit 0" "$bin" batch in -o empty --shard 11/12
[ -f empty/manifest.jsonl ] && [ ! -s empty/manifest.jsonl ] && ok "an empty shard writes an empty manifest" ||
    bad "an empty shard: manifest.jsonl missing or not empty"

for spec in 0/3 4/3 3 a/b 1/0 -1/3 1/3x /3 1/ ""; do
    run 2 "--shard '$spec': exit 2" "$bin" batch in -o bad --shard "$spec"
    has "$tmp/stderr" "--shard needs K/N" "--shard '$spec': the message says what is expected"
done
run 2 "--shard without a value: exit 2" "$bin" batch in -o bad --shard
[ ! -e bad/manifest.jsonl ] && ok "a bad --shard writes nothing" || bad "a bad --shard wrote a manifest"

finish
