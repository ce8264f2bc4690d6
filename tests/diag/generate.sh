#!/bin/sh
# generate.sh OUTDIR
#
# Writes the hostile engagement files that are too large, or too binary, to
# commit: OUTDIR/NAME.yaml for every generated/NAME.expected next to this
# script.  Deterministic (no randomness, no clock) and POSIX sh with
# coreutils only, so the same bytes come out everywhere.
set -eu

out=${1:?usage: generate.sh OUTDIR}
mkdir -p "$out"
cd "$out"

# The small valid engagement every case starts from.  $1: first comment line.
base_head() {
    printf '# %s\n' "$1"
    printf 'format: waymark/1\n'
}
base_body() {
    printf '%s\n' \
        'client:' \
        '  name: Northwind Logistics Ltd' \
        'engagement:' \
        '  currency: GBP' \
        '  start: 2027-Q1' \
        '  quarters: 8' \
        'team:' \
        '  engineer: { rate: 650, capacity: 240 }' \
        'objectives:' \
        '  - id: O1' \
        '    title: Cut dispatch time' \
        'initiatives:' \
        '  - id: I1' \
        '    title: Event pipeline' \
        '    objectives: [O1]' \
        '    effort: { engineer: [40, 60, 110] }'
}
base() {
    base_head "$1"
    base_body
}

# `[` 100000 deep: libyaml 0.2.5 is quadratic here; the depth cap must stop
# the parse at level 65 at once.
{
    base "playbook.extra.deep is 100000 nested flow lists."
    printf 'playbook:\n  extra: { deep: '
    head -c 100000 /dev/zero | tr '\0' '['
    printf '\n'
} > deep_flow_nesting.yaml

# Block lists nested 200 deep, one '-' per line, each indented two more.
{
    base "Block lists nested 200 deep under plugins."
    printf 'plugins:\n'
    ind='  '
    i=1
    while [ "$i" -le 200 ]; do
        if [ "$i" -lt 200 ]; then
            printf '%s-\n' "$ind"
        else
            printf '%s- deep\n' "$ind"
        fi
        ind="$ind  "
        i=$((i + 1))
    done
} > deep_block_nesting.yaml

# A 2 MiB value (the scalar limit is 1 MiB).
{
    base_head "playbook.owners.sponsor is a 2 MiB value."
    base_body
    printf 'playbook:\n  owners:\n    sponsor: '
    head -c 2097152 /dev/zero | tr '\0' 'a'
    printf '\n'
} > huge_scalar.yaml

# A valid file padded with one comment line to 8 MiB + 1 byte.
{
    base "A valid file padded to one byte over the 8 MiB limit."
} > file_over_size_cap.yaml
size=$(wc -c < file_over_size_cap.yaml)
pad=$((8388608 + 1 - size - 2))
{
    printf '#'
    head -c "$pad" /dev/zero | tr '\0' '='
    printf '\n'
} >> file_over_size_cap.yaml

# Every byte value 0..255 once, in order: the body of the binary cases.
all_bytes() {
    i=0
    while [ "$i" -le 255 ]; do
        # shellcheck disable=SC2059
        printf "\\$(printf '%03o' "$i")"
        i=$((i + 1))
    done
}
all_bytes > all_bytes.tmp
garbage() {
    i=0
    while [ "$i" -lt 32 ]; do
        cat all_bytes.tmp
        i=$((i + 1))
    done
}

# A PNG (a logo) given as the engagement file: signature, IHDR, then NULs
# and every other byte.
{
    printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\001\000\000\000\001\000\010\006\000\000\000'
    garbage
} > binary_garbage.yaml

# A JPEG given as the engagement file.  It starts with 0xFF like a UTF-16LE
# byte order mark (FF FE), but is not one.
{
    printf '\377\330\377\340\000\020JFIF\000\001\001\000\000\001\000\001\000\000'
    garbage
} > binary_jpeg.yaml
rm -f all_bytes.tmp

# Text in UTF-16 with a byte order mark: libyaml converts it, so this is
# valid.  Each ASCII byte becomes two (low byte first for LE).
u16() { # $1: le or be, $2: ASCII text, written without a newline
    rest=$2
    while [ -n "$rest" ]; do
        c=${rest%"${rest#?}"}
        rest=${rest#?}
        if [ "$1" = le ]; then printf '%s\000' "$c"; else printf '\000%s' "$c"; fi
    done
}
to_utf16() { # $1: le or be; stdin: lines of ASCII text
    while IFS= read -r line; do
        u16 "$1" "$line"
        if [ "$1" = le ]; then printf '\n\000'; else printf '\000\n'; fi
    done
}
{
    printf '\377\376'
    base "The base engagement in UTF-16LE with a byte order mark: valid." | to_utf16 le
} > utf16le_bom_valid.yaml
{
    printf '\376\377'
    base "The base engagement in UTF-16BE with a byte order mark: valid." | to_utf16 be
} > utf16be_bom_valid.yaml

# UTF-16LE with a lone low surrogate (0xDC00) inside client.name: the
# position must count characters, not bytes of UTF-16.
{
    printf '\377\376'
    base_head "UTF-16LE with a lone low surrogate in client.name." | to_utf16 le
    u16 le 'client:'
    printf '\n\000'
    u16 le '  name: North'
    printf '\000\334'
    u16 le 'wind Logistics Ltd'
    printf '\n\000'
    base_body | tail -n +3 | to_utf16 le
} > utf16le_lone_surrogate.yaml

# A UTF-8 byte order mark before a valid file: valid.
{
    printf '\357\273\277'
    base "A UTF-8 byte order mark before a valid file: valid."
} > utf8_bom_valid.yaml

# After a UTF-8 byte order mark, positions on line 1 still count from the
# first character after it: a bad byte at column 18, one at column 1, and a
# NUL at column 5.
{
    printf '\357\273\277format: waymark/1\377\n'
    base_body
} > utf8_bom_invalid_line_one.yaml
{
    printf '\357\273\277\377format: waymark/1\n'
    base_body
} > utf8_bom_invalid_first_char.yaml
{
    printf '\357\273\277form\000at: waymark/1\n'
    base_body
} > utf8_bom_nul_line_one.yaml

# A byte that is not UTF-8 in the middle of a line, after two-byte
# characters on the same line (columns count characters, not bytes).
{
    base_head "A Latin-1 byte (0xE9) after UTF-8 text in playbook.owners."
    base_body
    printf 'playbook:\n  owners:\n    product_owner: Zo\303\253 M\303\274ller, Ren\351e\n'
} > invalid_utf8_mid_file.yaml

# A UTF-8 sequence cut short: 0xE2 0x82 then a space (a truncated euro sign).
{
    base_head "A truncated three-byte UTF-8 sequence in a title."
    printf '%s\n' \
        'client:' \
        '  name: Northwind Logistics Ltd' \
        'engagement:' \
        '  currency: EUR' \
        '  start: 2027-Q1' \
        '  quarters: 8' \
        'team:' \
        '  engineer: { rate: 650, capacity: 240 }' \
        'objectives:' \
        '  - id: O1'
    printf '    title: Save \342\202 2m a year\n'
    printf '%s\n' \
        'initiatives:' \
        '  - id: I1' \
        '    title: Event pipeline' \
        '    objectives: [O1]' \
        '    effort: { engineer: [40, 60, 110] }'
} > invalid_utf8_truncated.yaml

# A raw NUL byte inside a value.
{
    base_head "A NUL byte inside client.name."
    printf 'client:\n  name: North\000wind Logistics Ltd\n'
    base_body | tail -n +3
} > nul_byte.yaml

# A "billion laughs" of 9 levels x 9 aliases, built from mappings.
{
    base "An alias bomb: 9 levels of mappings, each with 9 aliases to the level below."
    printf 'playbook:\n  extra:\n'
    printf '    l0: &l0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol, i: lol}\n'
    i=1
    while [ "$i" -le 9 ]; do
        p=$((i - 1))
        printf '    l%d: &l%d {a: *l%d, b: *l%d, c: *l%d, d: *l%d, e: *l%d, f: *l%d, g: *l%d, h: *l%d, i: *l%d}\n' \
            "$i" "$i" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p"
        i=$((i + 1))
    done
} > alias_bomb_9x9.yaml

# 300 anchors (the limit is 256), none of them used.
{
    base "300 anchors in playbook.extra."
    printf 'playbook:\n  extra:\n'
    i=1
    while [ "$i" -le 300 ]; do
        printf '    a%d: &a%d x\n' "$i" "$i"
        i=$((i + 1))
    done
} > many_anchors.yaml

# A mapping of 20000 keys whose last key repeats the first.
{
    base "playbook.extra has 20000 keys; the last repeats the first."
    printf 'playbook:\n  extra:\n'
    seq -f '    k%.0f: v' 1 19999
    printf '    k1: again\n'
} > map_20000_keys_duplicate.yaml
