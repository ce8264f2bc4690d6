# waymark.bash - bash completion for waymark(1): its commands, each command's
# options, and the values they take (.yaml files where an engagement or a
# brand is expected, folders for batch -o and --plugins-dir, the stages of
# new-plugin --stage (asked of `waymark plugins stages`), the formats of plan and render --format, plugin names for
# `plugins info`).  Installed as share/bash-completion/completions/waymark,
# where bash-completion loads it on first use; or `source` it by hand.
# tests/completion/check_completion.sh checks it against every command's
# --help.
#
# COMPREPLY=($(compgen ...)) splits on IFS on purpose, as bash-completion does:
# shellcheck disable=SC2207

_waymark_commands="batch diff help init new-plugin plan plugins render test-plugin validate"

# The options of each command, as its --help lists them.
_waymark_options() {
    local run="--plugins-dir --plugin-timeout --plugin-memory"
    case $1 in
    batch) echo "-o --output -j --jobs --force --shard --brand --json --baseline-dir --timeout --cpu --memory -q --quiet $run -h --help" ;;
    diff) echo "--format -o --output $run -v --verbose -h --help" ;;
    init) echo "--client --currency --force -h --help" ;;
    new-plugin) echo "--stage --dir --force -h --help" ;;
    plan) echo "--format --table -o --output --baseline $run -v --verbose -h --help" ;;
    plugins) echo "--plugins-dir --engagement -h --help" ;;
    render) echo "-o --output --format --brand --json --layout-dump --baseline $run -v --verbose -h --help" ;;
    test-plugin) echo "--update $run -v --verbose -h --help" ;;
    validate) echo "--strict -q --quiet -h --help" ;;
    esac
}

# COMPREPLY += folders and the files matching the extended glob $2 (such as
# "*.@(yaml|yml)"), for the word $1.
_waymark_files() {
    local cur=$1 glob=$2 f
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -d -- "$cur"))
    for f in $(compgen -f -- "$cur"); do
        [[ -d $f ]] && continue
        # shellcheck disable=SC2053 # $glob is a pattern
        [[ -z $glob || $f == $glob ]] && COMPREPLY+=("$f")
    done
}

_waymark_dirs() {
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -d -- "$1"))
}

_waymark_complete() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cmd=${COMP_WORDS[1]} i

    # --format=VALUE is split at '=' by COMP_WORDBREAKS: "--format" "=" "VALUE".
    if [[ $cur == = ]]; then
        cur=""
    elif [[ $prev == = ]] && ((COMP_CWORD >= 2)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
    fi

    if ((COMP_CWORD == 1)); then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "-h --help -V --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$_waymark_commands" -- "$cur"))
        fi
        return 0
    fi

    # The value of the option before the cursor.
    case $prev in
    --format | -f)
        case $cmd in
        plan) COMPREPLY=($(compgen -W "json csv md doc" -- "$cur")) ;;
        diff) COMPREPLY=($(compgen -W "text json md csv" -- "$cur")) ;;
        render) COMPREPLY=($(compgen -W "pdf md html" -- "$cur")) ;;
        esac
        return 0
        ;;
    --table)
        COMPREPLY=($(compgen -W "initiatives quarters roles objectives risks" -- "$cur"))
        return 0
        ;;
    --stage)
        # The stages as the binary knows them (core/plan/stages.def).
        local stages
        stages=$("${COMP_WORDS[0]}" plugins stages 2>/dev/null | awk '{ print $1 }')
        COMPREPLY=($(compgen -W "$stages" -- "$cur"))
        return 0
        ;;
    -o | --output)
        case $cmd in
        batch) _waymark_dirs "$cur" ;;
        render) _waymark_files "$cur" "*.@(pdf|md|html)" ;;
        *) _waymark_files "$cur" "" ;;
        esac
        return 0
        ;;
    --brand | --engagement)
        _waymark_files "$cur" "*.@(yaml|yml)"
        return 0
        ;;
    --json)
        _waymark_files "$cur" "*.json"
        return 0
        ;;
    --layout-dump)
        _waymark_files "$cur" ""
        return 0
        ;;
    --plugins-dir | --dir)
        _waymark_dirs "$cur"
        return 0
        ;;
    --plugin-timeout | --plugin-memory | --timeout | --cpu | --memory | -j | --jobs | --shard | --client | --currency)
        return 0 # a number, a name or a code: nothing to offer
        ;;
    esac

    # After "--" every word is a file, even one starting with '-'.
    local options_done=0
    for ((i = 2; i < COMP_CWORD; i++)); do
        [[ ${COMP_WORDS[i]} == -- ]] && options_done=1
    done
    if [[ $cur == -* ]] && ((!options_done)); then
        COMPREPLY=($(compgen -W "$(_waymark_options "$cmd")" -- "$cur"))
        return 0
    fi

    case $cmd in
    render | plan | validate) _waymark_files "$cur" "*.@(yaml|yml)" ;;
    batch) _waymark_files "$cur" "*.@(yaml|yml)" ;;
    diff) _waymark_files "$cur" "*.@(yaml|yml|json)" ;;
    init) _waymark_dirs "$cur" ;;
    test-plugin) _waymark_files "$cur" "*.lua" ;;
    help) ((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W "${_waymark_commands/help /}" -- "$cur")) ;;
    plugins)
        # plugins [list | info NAME]: the action, then a plugin name.
        local action=""
        for ((i = 2; i < COMP_CWORD; i++)); do
            case ${COMP_WORDS[i]} in
            --plugins-dir | --engagement | --plugin-timeout | --plugin-memory) ((i++)) ;;
            -*) ;;
            *) action=${COMP_WORDS[i]} && break ;;
            esac
        done
        if [[ -z $action ]]; then
            COMPREPLY=($(compgen -W "list info stages" -- "$cur"))
        elif [[ $action == info ]]; then
            local names
            names=$("${COMP_WORDS[0]}" plugins list 2>/dev/null | awk 'NR > 1 && /^[^ ]/ { print $1 }')
            COMPREPLY=($(compgen -W "$names" -- "$cur"))
        fi
        ;;
    esac
    return 0
}

# The completion function: _waymark_complete with extglob on (for the file
# patterns), the user's setting restored after.
_waymark() {
    COMPREPLY=()
    local extglob
    extglob=$(shopt -p extglob)
    shopt -s extglob
    _waymark_complete
    eval "$extglob"
    return 0
}

complete -F _waymark waymark
