#!/bin/sh
# playbooks.sh WAYMARK SRCDIR - every shipped playbook template rendered for
# every sample: the sample is copied with its `playbook.template` switched
# (its owners stay), rendered, and checked by check_playbook.py (the filled
# playbook in the plan, the PDF's text, its outline and the RACI table
# inside the page).
set -eu
wm=$1 src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
ln -s "$src/samples/assets" "$tmp/assets"
status=0 count=0
for sample in "$src"/samples/*.yaml; do
    name=$(basename "$sample" .yaml)
    grep -q '^  template: ' "$sample" || { echo "FAIL: $name has no playbook.template"; exit 1; }
    for template in "$src"/playbooks/*.yaml; do
        t=$(basename "$template" .yaml)
        case_name="$name+$t"
        # The template switched; owners of roles the target template lacks
        # (regulated's compliance_lead, dpo) dropped, as a user would.
        roles=$(sed -n '/^roles:/,/^[a-z]/s/^  \([a-z_]*\):$/\1/p' "$template" | tr '\n' ' ')
        awk -v t="$t" -v roles=" $roles" '
            /^  template: / { print "  template: " t; next }
            /^  owners:/ { inside = 1; print; next }
            inside && /^    [a-z_]+:/ {
                key = $1; sub(":", "", key)
                if (index(roles " ", " " key " ") == 0) next
                print; next
            }
            { if (!/^    /) inside = 0; print }
        ' "$sample" > "$tmp/$case_name.yaml"
        if ! "$wm" render "$tmp/$case_name.yaml" -o "$tmp/$case_name.pdf" \
            --json "$tmp/$case_name.json" --layout-dump "$tmp/$case_name.layout" \
            2> "$tmp/err"; then
            echo "FAIL $case_name: render failed"
            cat "$tmp/err"
            status=1
            continue
        fi
        if python3 "$src/tests/render/check_playbook.py" "$tmp/$case_name.pdf" \
            "$tmp/$case_name.json" "$tmp/$case_name.layout" "$t"; then
            echo "ok $case_name"
        else
            echo "FAIL $case_name"
            status=1
        fi
        count=$((count + 1))
    done
done
[ "$count" -ge 6 ] || { echo "FAIL: only $count sample x template cases ran"; exit 1; }
exit $status
