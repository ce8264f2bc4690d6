#!/bin/sh
# basics.sh WAYMARK SOURCE_DIR - the command line's contract: --help for
# every command, --version, and the exit statuses of cli.md.
set -u
bin=$1 src=$2
fail=0
check() { # check WANT_STATUS DESCRIPTION COMMAND...
    want=$1 what=$2
    shift 2
    "$@" >/tmp/wm_cli_out.$$ 2>&1
    got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL: $what: exit $got, expected $want"
        sed 's/^/  | /' /tmp/wm_cli_out.$$
        fail=1
    else
        echo "ok: $what"
    fi
}
expect_output() { # expect_output PATTERN DESCRIPTION
    if ! grep -q -- "$1" /tmp/wm_cli_out.$$; then
        echo "FAIL: $2: output lacks '$1'"
        sed 's/^/  | /' /tmp/wm_cli_out.$$
        fail=1
    fi
}

check 0 "--version" "$bin" --version
expect_output "^waymark [0-9]*\.[0-9]*\.[0-9]*$" "--version prints the version"
check 0 "--help" "$bin" --help
expect_output "validate" "--help lists validate"
check 2 "no arguments is a usage error" "$bin"
check 2 "unknown command" "$bin" valdiate x.yaml
expect_output "did you mean 'validate'" "unknown command suggests"
for cmd in $("$bin" --help | sed -n 's/^  \([a-z-]*\)  .*/\1/p'); do
    check 0 "$cmd --help" "$bin" "$cmd" --help
    expect_output "usage: waymark $cmd" "$cmd --help shows usage"
done
check 2 "validate without files" "$bin" validate
check 2 "validate with a bad option" "$bin" validate --bogus "$src/samples/saas-scaleup.yaml"
check 1 "validate a missing file" "$bin" validate /nonexistent/x.yaml
expect_output "cannot open the file" "missing file message"
check 1 "validate a directory" "$bin" validate "$src/samples"
expect_output "it is a directory" "directory message"
check 0 "validate all samples" "$bin" validate "$src"/samples/*.yaml
check 1 "one bad file among good ones fails the run" "$bin" validate \
    "$src/samples/saas-scaleup.yaml" /nonexistent/x.yaml
check 2 "render without a file" "$bin" render
expect_output "no engagement file given" "render without a file says so"
check 2 "render with a bad option" "$bin" render --bogus "$src/samples/saas-scaleup.yaml"
check 2 "render with two files" "$bin" render "$src/samples/saas-scaleup.yaml" \
    "$src/samples/troubled-delivery.yaml"
expect_output "waymark batch" "render with two files points to batch"
check 2 "render -o without a name" "$bin" render "$src/samples/saas-scaleup.yaml" -o
check 1 "render a missing file" "$bin" render /nonexistent/x.yaml -o /tmp/wm_cli_none.$$.pdf
[ ! -e /tmp/wm_cli_none.$$.pdf ] || { echo "FAIL: a PDF was written for a missing input"; fail=1; }
rm -f /tmp/wm_cli_out.$$
exit $fail
